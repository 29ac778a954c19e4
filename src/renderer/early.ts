/**
 * The first screen's data, asked for before the app's code has arrived: boot.js starts these requests while
 * app.js and the screen's chunks download, so on a cold start the replies are there (or on their way) when
 * React first renders, instead of being asked for only then. Each early reply is taken once; a later
 * caller (a retry, another report) asks again.
 *
 * boot.js is built on its own (no chunk shared with app.js, so it runs as soon as its one file has come):
 * it and app.js each have a copy of this module, and the requests pass from one to the other on `window`.
 */
import type { Agency, ReportDetail } from '../shared/api';
import { getClient } from './client';
import type { Page } from './navigation';

interface Early {
  begun: boolean;
  agencies: Promise<Agency[]> | null;
  report: { id: number; reply: Promise<ReportDetail> } | null;
}

const KEY = '__govReportEarly';

function early(): Early {
  const w = window as unknown as Record<string, Early | undefined>;
  return (w[KEY] ??= { begun: false, agencies: null, report: null });
}

/** A request started now whose failure is reported by whoever takes it, not as an unhandled rejection. */
function started<T>(reply: Promise<T>): Promise<T> {
  reply.catch(() => undefined);
  return reply;
}

/**
 * Starts the requests of the page the app opens on: the agencies always, the report on an editor address.
 * Both boot.js and app.js call it (whichever runs first asks; boot.js normally does); only the first call counts.
 */
export function startEarly(page: Page): void {
  const e = early();
  if (e.begun) return;
  e.begun = true;
  const client = getClient();
  e.agencies = started(client.send('agencies.list', {}));
  if (page.name === 'editor') e.report = { id: page.id, reply: started(client.send('reports.open', { id: page.id })) };
}

/** The agencies, from the early request when there is one. */
export function listAgencies(): Promise<Agency[]> {
  const e = early();
  const reply = e.agencies;
  e.agencies = null;
  return reply ?? getClient().send('agencies.list', {});
}

/** A report, from the early request when it was for this one. */
export function openReport(id: number): Promise<ReportDetail> {
  const e = early();
  if (e.report?.id === id) {
    const { reply } = e.report;
    e.report = null;
    return reply;
  }
  return getClient().send('reports.open', { id });
}
