/**
 * The first-line indent of a paragraph as Word and WPS compute it — not as LibreOffice does, which ignores
 * the *Chars attributes and so forgives what they do not:
 * - properties come from the document defaults (w:pPrDefault), then the paragraph style's basedOn chain from
 *   its root down, then the paragraph's own w:pPr; a paragraph without w:pStyle takes the default paragraph
 *   style (w:default="1");
 * - w:ind merges attribute by attribute: a level that sets firstLine or hanging replaces the inherited
 *   firstLine/hanging pair (the two are one property: "hanging" is a negative first line), likewise
 *   firstLineChars/hangingChars; left, right and the rest are left alone;
 * - a character-based value, once set at any level (0 included), wins over the twips one; hanging wins over
 *   firstLine when both are on one element.
 */
import { child, findAll, findDeep, parseXml, readDocxPart, docxPartNames, textOf, type XmlElement } from './docx-xml';

interface IndPair {
  /** Signed: negative for a hanging indent. */
  value: number;
}

interface IndLevel {
  twips?: IndPair;
  chars?: IndPair;
}

export interface EffectiveIndent {
  /** Set when a *Chars attribute applies: the indent in hundredths of a character. */
  chars?: number;
  /** The twips value, used only when no *Chars attribute applies. */
  twips: number;
}

function levelOf(ind: XmlElement | undefined): IndLevel {
  if (!ind) return {};
  const a = ind.attrs;
  const num = (k: string) => (a[k] === undefined ? undefined : Number(a[k]));
  const out: IndLevel = {};
  const hanging = num('w:hanging');
  const firstLine = num('w:firstLine');
  if (hanging !== undefined) out.twips = { value: -hanging };
  else if (firstLine !== undefined) out.twips = { value: firstLine };
  const hangingChars = num('w:hangingChars');
  const firstLineChars = num('w:firstLineChars');
  if (hangingChars !== undefined) out.chars = { value: -hangingChars };
  else if (firstLineChars !== undefined) out.chars = { value: firstLineChars };
  return out;
}

function merge(levels: IndLevel[]): EffectiveIndent {
  let twips: IndPair | undefined;
  let chars: IndPair | undefined;
  for (const l of levels) {
    if (l.twips) twips = l.twips;
    if (l.chars) chars = l.chars;
  }
  return { chars: chars?.value, twips: twips?.value ?? 0 };
}

export interface StyleSheet {
  defaults: IndLevel;
  styles: Map<string, { basedOn?: string; ind: IndLevel }>;
  defaultParagraphStyle?: string;
}

export function readStyleSheet(stylesXml: string): StyleSheet {
  const root = parseXml(stylesXml);
  const pPrDefault = findDeep(root, 'w:pPrDefault')[0];
  const defaults = levelOf(child(child(pPrDefault, 'w:pPr'), 'w:ind'));
  const styles = new Map<string, { basedOn?: string; ind: IndLevel }>();
  let defaultParagraphStyle: string | undefined;
  for (const s of findDeep(root, 'w:style')) {
    if (s.attrs['w:type'] !== 'paragraph') continue;
    const id = s.attrs['w:styleId']!;
    styles.set(id, { basedOn: child(s, 'w:basedOn')?.attrs['w:val'], ind: levelOf(child(child(s, 'w:pPr'), 'w:ind')) });
    if (['1', 'true', 'on'].includes(s.attrs['w:default'] ?? '')) defaultParagraphStyle = id;
  }
  return { defaults, styles, defaultParagraphStyle };
}

/** The chain of a style from its root down to itself (a missing or cyclic basedOn ends it). */
function styleChain(sheet: StyleSheet, id: string | undefined): IndLevel[] {
  const chain: IndLevel[] = [];
  const seen = new Set<string>();
  while (id && !seen.has(id) && sheet.styles.has(id)) {
    seen.add(id);
    const s = sheet.styles.get(id)!;
    chain.unshift(s.ind);
    id = s.basedOn;
  }
  return chain;
}

export function effectiveIndent(sheet: StyleSheet, p: XmlElement): EffectiveIndent {
  const pPr = child(p, 'w:pPr');
  const styleId = child(pPr, 'w:pStyle')?.attrs['w:val'] ?? sheet.defaultParagraphStyle;
  return merge([sheet.defaults, ...styleChain(sheet, styleId), levelOf(child(pPr, 'w:ind'))]);
}

/** Font size of the paragraph's first run, in twips (w:sz is in half points), for a twips-only indent. */
function firstRunSizeTwips(p: XmlElement): number | undefined {
  const sz = child(child(findAll(p, 'w:r')[0], 'w:rPr'), 'w:sz')?.attrs['w:val'];
  return sz === undefined ? undefined : Number(sz) * 10;
}

/** Does the effective indent equal `chars` characters (0 or 2)? */
export function indentIs(indent: EffectiveIndent, chars: number, p: XmlElement): boolean {
  if (indent.chars !== undefined) return indent.chars === chars * 100;
  if (chars === 0) return indent.twips === 0;
  const size = firstRunSizeTwips(p);
  return size !== undefined && indent.twips === chars * size;
}

export type ParagraphPlace = 'body' | 'table' | 'footer' | 'header';

export interface PlacedParagraph {
  place: ParagraphPlace;
  /** Index among the body's top-level paragraphs (body only). */
  index?: number;
  text: string;
  el: XmlElement;
  indent: EffectiveIndent;
}

/** Every paragraph of the document body (top level and in table cells) and of the headers and footers. */
export function paragraphsWithIndent(buffer: Uint8Array): PlacedParagraph[] {
  const sheet = readStyleSheet(readDocxPart(buffer, 'word/styles.xml') ?? '<w:styles/>');
  const out: PlacedParagraph[] = [];
  const body = findDeep(parseXml(readDocxPart(buffer, 'word/document.xml')!), 'w:body')[0]!;
  let index = 0;
  for (const el of body.children) {
    if (el.name === 'w:p') out.push({ place: 'body', index: index++, text: textOf(el), el, indent: effectiveIndent(sheet, el) });
    else if (el.name === 'w:tbl')
      for (const p of findDeep(el, 'w:p')) out.push({ place: 'table', text: textOf(p), el: p, indent: effectiveIndent(sheet, p) });
  }
  for (const name of docxPartNames(buffer).filter((n) => /^word\/(footer|header)\d*\.xml$/.test(n))) {
    const place = name.includes('footer') ? 'footer' : 'header';
    for (const p of findDeep(parseXml(readDocxPart(buffer, name)!), 'w:p')) out.push({ place, text: textOf(p), el: p, indent: effectiveIndent(sheet, p) });
  }
  return out;
}
