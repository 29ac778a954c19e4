/** Which agency an imported report goes to. */
import type { Agency } from '../../shared/api';

/** The choice "a new agency named as in the file" (the service finds or creates it by that name). */
export const NEW_AGENCY = -1;

/**
 * Where an imported report goes by default: the agency of the same name, else — when the file names an
 * agency this computer does not know — a new one of that name, never silently another unit's.
 */
export function defaultImportAgency(agencies: readonly Pick<Agency, 'id' | 'name'>[], fileAgency: string | undefined): number {
  const name = fileAgency?.trim();
  const match = name ? agencies.find((a) => a.name === name) : undefined;
  if (match) return match.id;
  if (name) return NEW_AGENCY;
  return agencies[0]?.id ?? 0;
}
