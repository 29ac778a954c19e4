/** settings.*: the export settings (fonts and sizes per role), kept in the settings table as one JSON blob. */
import { DEFAULT_STYLES, resolveSettings, TEXT_ROLES } from '../../shared/document/typography';
import { TypographySettings } from '../../shared/document/typography-schema';
import type { Store } from '../storage/index';
import type { Handlers } from './context';

const EXPORT_KEY = 'export.typography';
/** Fonts alone, as stored before sizes were settable. */
const LEGACY_FONTS_KEY = 'export.fonts';

function parsed(json: string | undefined): unknown {
  if (json === undefined) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/**
 * The saved export settings as the user chose them (roles left out are absent). A blob that no longer
 * validates is handed over as it is: the exporters' resolveStyles keeps each usable value and falls back
 * per role, so one bad value never discards the rest.
 */
export function savedExportSettings(store: Store): TypographySettings {
  const stored = parsed(store.setting(EXPORT_KEY));
  if (stored !== undefined) {
    const checked = TypographySettings.safeParse(stored);
    return checked.success ? checked.data : typeof stored === 'object' && stored !== null ? (stored as TypographySettings) : {};
  }
  const fonts = parsed(store.setting(LEGACY_FONTS_KEY));
  return typeof fonts === 'object' && fonts !== null ? ({ fonts } as TypographySettings) : {};
}

/** Only what differs from the defaults is kept, so a later change of a default reaches users who never chose. */
function choicesOf(settings: TypographySettings): TypographySettings {
  const all = resolveSettings(settings);
  const fonts: NonNullable<TypographySettings['fonts']> = {};
  const sizes: NonNullable<TypographySettings['sizes']> = {};
  for (const role of TEXT_ROLES) {
    if (all.fonts[role] !== DEFAULT_STYLES[role].font) fonts[role] = all.fonts[role];
    if (all.sizes[role] !== DEFAULT_STYLES[role].sizePt) sizes[role] = all.sizes[role];
  }
  return { fonts, sizes };
}

export const settingsHandlers: Handlers<'settings.getExport' | 'settings.setExport'> = {
  'settings.getExport': (_input, { store }) => resolveSettings(savedExportSettings(store)),
  'settings.setExport': (settings, { store }) => {
    const choices = choicesOf(settings);
    store.setSetting(EXPORT_KEY, JSON.stringify(choices));
    return resolveSettings(choices);
  },
};
