/**
 * Finishing touches on the packed .docx that the docx package does not write:
 * - a font table naming every font the document uses, with the charset, family and alternate name that
 *   Word and WPS use to pick a substitute on a machine without the _GB2312 or 方正 fonts (docx writes an
 *   empty one);
 * - a cached result in the footers' PAGE fields, so that a program which does not update fields prints
 *   "— 1 —" rather than "—  —" (odd footer 1, even footer 2: what each shows first).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { LATIN_FONT } from '../../../shared/document/typography';

interface FontInfo {
  altName?: string;
  /** w:charset, hex: 86 = GB2312, 00 = ANSI. */
  charset: string;
  family: 'roman' | 'modern' | 'swiss' | 'auto';
  pitch: 'variable' | 'fixed' | 'default';
}

const KNOWN_FONTS: Readonly<Record<string, FontInfo>> = {
  [LATIN_FONT]: { charset: '00', family: 'roman', pitch: 'variable' },
  仿宋_GB2312: { altName: '仿宋', charset: '86', family: 'modern', pitch: 'fixed' },
  仿宋: { altName: 'FangSong', charset: '86', family: 'modern', pitch: 'fixed' },
  楷体_GB2312: { altName: '楷体', charset: '86', family: 'modern', pitch: 'fixed' },
  楷体: { altName: 'KaiTi', charset: '86', family: 'modern', pitch: 'fixed' },
  黑体: { altName: 'SimHei', charset: '86', family: 'modern', pitch: 'fixed' },
  宋体: { altName: 'SimSun', charset: '86', family: 'auto', pitch: 'variable' },
  方正小标宋简体: { altName: '宋体', charset: '86', family: 'auto', pitch: 'variable' },
};

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function fontTableXml(fonts: readonly string[]): string {
  const entries = [...new Set([LATIN_FONT, ...fonts])].map((name) => {
    const f = KNOWN_FONTS[name] ?? { charset: '86', family: 'auto', pitch: 'default' };
    const alt = f.altName ? `<w:altName w:val="${escapeXml(f.altName)}"/>` : '';
    return `<w:font w:name="${escapeXml(name)}">${alt}<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${entries.join('')}</w:fonts>`
  );
}

/** The run that separates a PAGE field's code from its result, followed by a result run in the same format. */
const PAGE_SEPARATE = /(<w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:fldChar w:fldCharType="separate"\/><\/w:r>)/g;

function cachePageNumber(footerXml: string): string {
  if (!/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/.test(footerXml)) return footerXml;
  const page = /<w:jc w:val="left"\/>/.test(footerXml) ? 2 : 1;
  return footerXml.replace(PAGE_SEPARATE, (_m, run: string, rPr: string | undefined) => `${run}<w:r>${rPr ?? ''}<w:t>${page}</w:t></w:r>`);
}

export function finishPackage(buffer: Uint8Array, fonts: readonly string[]): Buffer {
  const files = unzipSync(buffer);
  files['word/fontTable.xml'] = strToU8(fontTableXml(fonts));
  for (const name of Object.keys(files)) {
    if (/^word\/footer\d*\.xml$/.test(name)) files[name] = strToU8(cachePageNumber(strFromU8(files[name]!)));
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}
