/**
 * The one acknowledgement matcher: a person's acknowledgement covers a warning of the same rule on the same
 * cells, in any order (the storage keys acknowledgements the same way). Errors cannot be waived and info is not
 * a problem, so only warnings are ever marked.
 */
import type { Finding } from '../findings';
import type { Acknowledgement } from '../report';

/** The cells of an acknowledgement or finding, order-free: also the key the database stores. */
export const acknowledgementKey = (cells: readonly string[]): string => JSON.stringify([...cells].sort());

export function acknowledges(ack: Pick<Acknowledgement, 'rule' | 'cells'>, finding: Pick<Finding, 'rule' | 'cells'>): boolean {
  return ack.rule === finding.rule && acknowledgementKey(ack.cells) === acknowledgementKey(finding.cells);
}

/** Findings with the reason of the acknowledgement that covers them; any other mark is cleared. */
export function applyAcknowledgements(findings: readonly Finding[], acks: readonly Acknowledgement[] | undefined): Finding[] {
  return findings.map((f) => {
    const ack = f.severity === 'warning' ? acks?.find((a) => acknowledges(a, f)) : undefined;
    if (ack) return { ...f, acknowledged: { reason: ack.reason } };
    if (!f.acknowledged) return f;
    const { acknowledged: _stale, ...rest } = f;
    return rest;
  });
}
