/**
 * The saved export settings, shared by the settings page and the preview: loaded once per window and
 * replaced on every save, so the preview redraws in the fonts the export will use.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { resolveSettings, type ExportSettings, type TypographySettings } from '../../shared/document/typography';
import { getClient } from '../client';

const DEFAULTS = resolveSettings();
let current: ExportSettings | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(settings: ExportSettings): ExportSettings {
  current = settings;
  for (const l of listeners) l();
  return settings;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Loads the settings unless loaded or loading; a failed load is tried again by the next screen that asks. */
function ensureLoaded(): void {
  loading ??= getClient()
    .send('settings.getExport', {})
    .then(publish, () => {
      loading = null;
    })
    .then(() => undefined);
}

/** The saved settings; the defaults until they have been read. */
export function useExportSettings(): ExportSettings {
  // the same snapshot without a DOM (rendered to markup in the grid-conformance test)
  const settings = useSyncExternalStore(subscribe, () => current, () => current);
  useEffect(ensureLoaded, []);
  return settings ?? DEFAULTS;
}

export async function saveExportSettings(settings: TypographySettings): Promise<ExportSettings> {
  return publish(await getClient().send('settings.setExport', settings));
}

/** Read again after the database was replaced (a backup restored). */
export function reloadExportSettings(): void {
  loading = null;
  ensureLoaded();
}
