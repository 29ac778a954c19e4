/**
 * Layout and type settings of the exported report (../shared/spec/typography.md, GB/T 9704-2012 practice),
 * shared by the .docx and HTML exporters so the printed page and the web page agree. Pure data: no docx or
 * DOM types here, and no zod: the preview draws with these in the renderer (the settings' schemas are in
 * typography-schema.ts).
 */
import type { ExportSettings, TypographySettings } from './typography-schema';

export type { ExportSettings, TypographySettings } from './typography-schema';

/** Twips (DXA, 1/20 pt) in one millimetre. */
const TWIPS_PER_MM = 1440 / 25.4;

export const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);
export const ptToTwips = (pt: number): number => Math.round(pt * 20);

/** A4 portrait with the GB/T 9704 5.2.1 margins, in millimetres. */
export const PAGE_MM = {
  width: 210,
  height: 297,
  margin: { top: 37, bottom: 35, left: 28, right: 26 },
  /** Text block 156 × 225 mm. */
  textWidth: 156,
  textHeight: 225,
} as const;

/**
 * The page in twips. The text width is 156 mm rounded once (8844); the right margin takes what is left of
 * the rounded page width so that left + text + right is exactly the page width and the table grids, which
 * must add up to the text width, fill the block exactly.
 */
export const PAGE_TWIPS = (() => {
  const width = mmToTwips(PAGE_MM.width);
  const left = mmToTwips(PAGE_MM.margin.left);
  const textWidth = mmToTwips(PAGE_MM.textWidth);
  return {
    width,
    height: mmToTwips(PAGE_MM.height),
    top: mmToTwips(PAGE_MM.margin.top),
    bottom: mmToTwips(PAGE_MM.margin.bottom),
    left,
    right: width - left - textWidth,
    textWidth,
    /** Footer distance from the page edge: the page number sits 7 mm below the text block (GB/T 9704 7.5). */
    footer: mmToTwips(PAGE_MM.margin.bottom - 7 - 5.6),
    header: mmToTwips(15),
  } as const;
})();

/** Latin letters and digits in every element. */
export const LATIN_FONT = 'Times New Roman';

/** Elements of the document that carry their own font setting. */
export const TEXT_ROLES = ['title', 'body', 'heading1', 'heading2', 'heading3', 'table', 'pageNumber'] as const;
export type TextRole = (typeof TEXT_ROLES)[number];

/** The roles as the settings screen and its error messages name them. */
export const TEXT_ROLE_NAMES: Readonly<Record<TextRole, string>> = {
  title: '标题',
  body: '正文',
  heading1: '一级标题“一、”',
  heading2: '二级标题“（一）”',
  heading3: '三级标题“1.”',
  table: '表格',
  pageNumber: '页码',
};

export interface RoleStyle {
  /** East-Asian font (w:eastAsia). */
  font: string;
  sizePt: number;
  bold?: boolean;
}

/** The defaults of typography.md. */
export const DEFAULT_STYLES: Readonly<Record<TextRole, RoleStyle>> = {
  title: { font: '方正小标宋简体', sizePt: 22 },
  body: { font: '仿宋_GB2312', sizePt: 16 },
  heading1: { font: '黑体', sizePt: 16 },
  heading2: { font: '楷体_GB2312', sizePt: 16 },
  heading3: { font: '仿宋_GB2312', sizePt: 16 },
  table: { font: '仿宋_GB2312', sizePt: 10.5 },
  pageNumber: { font: '宋体', sizePt: 14 },
};

/** Bounds the settings screen offers, per role (typography.md: tables 10.5–12 pt). */
export const SIZE_RANGE_PT: Readonly<Record<TextRole, readonly [number, number]>> = {
  title: [16, 26],
  body: [12, 16],
  heading1: [12, 16],
  heading2: [12, 16],
  heading3: [12, 16],
  table: [10.5, 12],
  pageNumber: [10.5, 14],
};

/**
 * Fonts to offer in the settings, and the CSS fallback chain of each, for machines without the _GB2312 or
 * 方正 fonts (typography.md). The first entry of each chain is the font itself.
 */
export const FONT_FALLBACKS: Readonly<Record<string, readonly string[]>> = {
  方正小标宋简体: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S', '华文中宋', 'STZhongsong', '宋体', 'SimSun', 'serif'],
  仿宋_GB2312: ['仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', 'STFangsong', 'serif'],
  仿宋: ['仿宋', 'FangSong', 'STFangsong', 'serif'],
  楷体_GB2312: ['楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', 'STKaiti', 'serif'],
  楷体: ['楷体', 'KaiTi', 'STKaiti', 'serif'],
  黑体: ['黑体', 'SimHei', 'STHeiti', 'sans-serif'],
  宋体: ['宋体', 'SimSun', 'STSong', 'serif'],
};

/** Fonts a user may pick per role in the export settings (the default first). */
export const FONT_CHOICES: Readonly<Record<TextRole, readonly string[]>> = {
  title: ['方正小标宋简体', '宋体', '黑体'],
  body: ['仿宋_GB2312', '仿宋', '宋体'],
  heading1: ['黑体', '宋体'],
  heading2: ['楷体_GB2312', '楷体', '仿宋_GB2312'],
  heading3: ['仿宋_GB2312', '仿宋', '宋体'],
  table: ['仿宋_GB2312', '仿宋', '宋体'],
  pageNumber: ['宋体', '仿宋_GB2312'],
};

/** A CSS font-family value for a font: its fallback chain, then Times New Roman first for Latin text. */
export function cssFontFamily(font: string): string {
  const chain = FONT_FALLBACKS[font] ?? [font, 'serif'];
  const quote = (f: string) => (/^(serif|sans-serif)$/.test(f) ? f : `"${f}"`);
  return [LATIN_FONT, ...chain].map(quote).join(', ');
}

/** Line spacing and indents. */
export const SPACING = {
  /** Body and headings: exactly 28 pt (22 lines on the 225 mm block). */
  bodyLinePt: 28,
  linesPerPage: 22,
  charsPerLine: 28,
  /** Title lines: exactly this much, so the 22 pt title breathes without leaving the grid rhythm. */
  titleLinePt: 36,
  /** First-line indent of body paragraphs, in characters. */
  firstLineChars: 2,
  /** Table text: single line spacing. */
  tableLine: 'single',
} as const;

/**
 * Tables (typography.md): a number is never split over two lines. Where the widest value does not fit its
 * column even with the label columns narrowed, the table's type steps down in half points to 小五.
 */
export const TABLE_FIT = {
  minSizePt: 9,
  stepPt: 0.5,
  /** Cell padding left and right (1 mm), and the tighter one tried before a smaller size is. */
  paddingPt: 2.85,
  tightPaddingPt: 1,
  /** Padding above and below, so that wrapped labels do not touch the rules. */
  verticalPaddingPt: 1.4,
} as const;

/** Page numbers "— 1 —", odd pages right, even pages left, each indented one character (typography.md). */
export const PAGE_NUMBER = {
  before: '— ',
  after: ' —',
  /** Indent from the outer edge, in characters of the page-number size. */
  outerIndentChars: 1,
} as const;

/** The sizes of Chinese typesetting (号) the settings offer, largest first. */
export const NAMED_SIZES: readonly { readonly name: string; readonly pt: number }[] = [
  { name: '二号', pt: 22 },
  { name: '三号', pt: 16 },
  { name: '四号', pt: 14 },
  { name: '小四', pt: 12 },
  { name: '五号', pt: 10.5 },
  { name: '小五', pt: 9 },
];

/** "三号（16 磅）", or "13 磅" for a size without a name. */
export function sizeLabel(pt: number): string {
  const named = NAMED_SIZES.find((s) => s.pt === pt);
  return named ? `${named.name}（${pt} 磅）` : `${pt} 磅`;
}

/** The named sizes allowed for a role. */
export function sizeChoices(role: TextRole): readonly { readonly name: string; readonly pt: number }[] {
  const [min, max] = SIZE_RANGE_PT[role];
  return NAMED_SIZES.filter((s) => s.pt >= min && s.pt <= max);
}

/** Longest font name accepted: it ends up in w:rFonts and in a CSS font-family list. */
export const FONT_NAME_MAX_CHARS = 64;

/**
 * Why a font name (already trimmed) cannot be used, in Chinese, or null. A font is named, never embedded:
 * a plain name that fits in w:rFonts and in a CSS font-family list. The settings schema reports this; the
 * exporters and the preview fall back to the default instead.
 */
export function fontNameProblem(role: TextRole, name: string): string | null {
  if (name.length === 0) return `${TEXT_ROLE_NAMES[role]}字体不能为空`;
  if (name.length > FONT_NAME_MAX_CHARS) return `${TEXT_ROLE_NAMES[role]}字体名称过长（最多 ${FONT_NAME_MAX_CHARS} 个字符）`;
  if (!/^[^"'`<>;{}\\\u0000-\u001f]+$/.test(name)) return `${TEXT_ROLE_NAMES[role]}字体名称含有不能用于字体名的字符`;
  return null;
}

/**
 * The styles of every role with the settings over the defaults. Read leniently, as the exporters get
 * settings from stored blobs and from callers that did not validate them: an unusable font falls back to
 * the default, a size out of range is brought into it.
 */
export function resolveStyles(settings: TypographySettings = {}): Record<TextRole, RoleStyle> {
  const out = {} as Record<TextRole, RoleStyle>;
  for (const role of TEXT_ROLES) {
    const base = DEFAULT_STYLES[role];
    const [min, max] = SIZE_RANGE_PT[role];
    const size = settings.sizes?.[role];
    const given = settings.fonts?.[role];
    const font = typeof given === 'string' ? given.trim() : '';
    out[role] = {
      ...base,
      font: typeof given === 'string' && fontNameProblem(role, font) === null ? font : base.font,
      // half-points are the unit of w:sz
      sizePt: typeof size === 'number' && Number.isFinite(size) ? Math.round(Math.min(max, Math.max(min, size)) * 2) / 2 : base.sizePt,
    };
  }
  return out;
}

/** Every role's font and size, the defaults filled in. */
export function resolveSettings(settings: TypographySettings = {}): ExportSettings {
  const styles = resolveStyles(settings);
  const fonts = {} as ExportSettings['fonts'];
  const sizes = {} as ExportSettings['sizes'];
  for (const role of TEXT_ROLES) {
    fonts[role] = styles[role].font;
    sizes[role] = styles[role].sizePt;
  }
  return { fonts, sizes };
}
