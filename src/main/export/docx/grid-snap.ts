/**
 * `w:snapToGrid w:val="0"` in a paragraph's properties. The section's document grid (linesAndChars, 28 pt
 * lines) makes body text land on 22 lines × 28 characters, but a single-spaced table line or the 22 pt
 * title snapped to it would take a whole 28 pt grid line (the classic "表格行高变大" in WPS and Word).
 * The docx package writes snapToGrid only on runs (character grid), so this puts the paragraph-level
 * element into place itself, before w:spacing as CT_PPr orders it.
 */
import { OnOffElement, type Paragraph } from 'docx';

/** Elements that CT_PPr orders after w:snapToGrid. */
const AFTER_SNAP_TO_GRID = new Set([
  'w:spacing',
  'w:ind',
  'w:contextualSpacing',
  'w:mirrorIndents',
  'w:suppressOverlap',
  'w:jc',
  'w:textDirection',
  'w:textAlignment',
  'w:textboxTightWrap',
  'w:outlineLvl',
  'w:divId',
  'w:cnfStyle',
  'w:rPr',
  'w:sectPr',
  'w:pPrChange',
]);

interface Component {
  rootKey?: string;
}

export function noGridSnap(p: Paragraph): Paragraph {
  // `properties` and `root` are runtime fields the typings mark private/protected; tests pin the output
  const props = (p as unknown as { properties?: { root?: unknown[] } }).properties;
  const root = props?.root;
  if (!root) throw new Error('docx: paragraph properties not found (package layout changed)');
  const at = root.findIndex((c) => typeof c === 'object' && c !== null && AFTER_SNAP_TO_GRID.has((c as Component).rootKey ?? ''));
  root.splice(at < 0 ? root.length : at, 0, new OnOffElement('w:snapToGrid', false));
  return p;
}
