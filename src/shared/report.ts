/**
 * The report document and the exchange file (exchange-format.md), as zod schemas derived from the format
 * definitions: an unknown cell id or a value of the wrong kind is refused with the path of the field.
 */
import * as z from 'zod';
import './zod-setup';
import { AgencyLevel } from './agency';
import { FORMAT_IDS, NARRATIVE_KEYS, formatForYear, formatIndex, type FormatId } from './format/index';
import { valueProblem } from './values';

export const EXCHANGE_SCHEMA = 'gov-annual-report/1';

export const FormatIdSchema = z.enum(FORMAT_IDS as [FormatId, ...FormatId[]]);

export { NARRATIVE_KEYS };

/** Longest narrative part we accept (a whole report is ~10 000 characters). */
export const MAX_NARRATIVE_CHARS = 200_000;

export const Narrative = z
  .object({
    preamble: z.string().max(MAX_NARRATIVE_CHARS),
    s1: z.string().max(MAX_NARRATIVE_CHARS),
    s2: z.string().max(MAX_NARRATIVE_CHARS),
    s3: z.string().max(MAX_NARRATIVE_CHARS),
    s4: z.string().max(MAX_NARRATIVE_CHARS),
    s5: z.string().max(MAX_NARRATIVE_CHARS),
    s6: z.string().max(MAX_NARRATIVE_CHARS),
  })
  .partial()
  .strict();
export type Narrative = z.infer<typeof Narrative>;

export const Year = z
  .number({ error: '年度应为数字，例如 2025' })
  .int('年度应为整数，例如 2025')
  .min(2008, '年度不能早于 2008 年（《政府信息公开条例》施行之年）')
  .max(2100, '年度不能晚于 2100 年');

export const AgencyRef = z
  .object({
    name: z.string().trim().min(1, '机关名称不能为空').max(100, '机关名称过长（最多 100 字）'),
    level: AgencyLevel,
  })
  .strict();
export type AgencyRef = z.infer<typeof AgencyRef>;

export const Acknowledgement = z
  .object({
    rule: z.string().min(1).max(64),
    cells: z.array(z.string().max(64)).max(200),
    reason: z.string().trim().min(1, '请填写确认理由').max(500),
  })
  .strict();
export type Acknowledgement = z.infer<typeof Acknowledgement>;

/** Cell values keyed by cell id: a number, or null for "not yet entered". */
export type Cells = Record<string, number | null>;

/** Validate cell keys and values against a format; issues carry the path cells.<id>. */
export function checkCells(format: FormatId, cells: Record<string, unknown>, ctx: z.RefinementCtx, base: PropertyKey[] = ['cells']): void {
  const index = formatIndex(format);
  for (const [id, value] of Object.entries(cells)) {
    const info = index.cellById.get(id);
    if (!info) {
      ctx.addIssue({ code: 'custom', path: [...base, id], message: `未知的单元格“${id}”（${format} 格式中没有这一项）` });
      continue;
    }
    const problem = valueProblem(info.kind, value);
    if (problem) ctx.addIssue({ code: 'custom', path: [...base, id], message: `${info.name}：${problem}` });
  }
}

/** Check the cells even when another field failed, as long as the format and the cells are readable. */
function cellsCheckable(payload: { value: unknown; issues: readonly { path?: PropertyKey[] }[] }): boolean {
  const v = payload.value as { format?: unknown; cells?: unknown } | undefined;
  return (
    !!v &&
    FORMAT_IDS.includes(v.format as FormatId) &&
    typeof v.cells === 'object' &&
    v.cells !== null &&
    !payload.issues.some((i) => i.path?.[0] === 'cells')
  );
}

/** A `__proto__` key would vanish in the record (it sets the prototype): refused by name instead of dropped. */
const hasProtoKey = (v: unknown) => typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, '__proto__');

const CellsRaw = z
  .custom<unknown>((v) => !hasProtoKey(v), { error: '未知的单元格“__proto__”（任何格式中都没有这一项）' })
  .pipe(
    z.record(z.string(), z.union([z.number(), z.null(), z.string(), z.boolean()]), {
      error: 'cells 应为“单元格编号: 数值”的对象',
    }),
  );

/** The fields of a report document; the exchange file adds its envelope version. */
const ReportFields = z
  .object({
    format: FormatIdSchema,
    year: Year,
    agency: AgencyRef,
    narrative: Narrative.default({}),
    cells: CellsRaw.default({}),
    acknowledged: z.array(Acknowledgement).max(500).default([]),
  })
  .strict();

/** The report content that the exchange file carries and the app stores. */
export const ReportDoc = ReportFields.superRefine((doc, ctx) => checkCells(doc.format, doc.cells, ctx), { when: cellsCheckable }).transform(
  (doc) => ({ ...doc, cells: doc.cells as Cells }),
);
export type ReportDoc = z.output<typeof ReportDoc>;

export const ExchangeFile = ReportFields.extend({
  schema: z.literal(EXCHANGE_SCHEMA, { error: `schema 应为 "${EXCHANGE_SCHEMA}"` }),
})
  .superRefine((doc, ctx) => checkCells(doc.format, doc.cells, ctx), { when: cellsCheckable })
  .transform(({ schema: _s, ...doc }) => ({ ...doc, cells: doc.cells as Cells }) as ReportDoc);

/** An exchange file object for a report document. */
export function toExchange(doc: ReportDoc): Record<string, unknown> {
  return {
    schema: EXCHANGE_SCHEMA,
    format: doc.format,
    year: doc.year,
    agency: doc.agency,
    narrative: doc.narrative,
    cells: doc.cells,
    acknowledged: doc.acknowledged,
  };
}

/** A blank report: every cell present and null. */
export function blankReport(year: number, agency: AgencyRef, format: FormatId = formatForYear(year)): ReportDoc {
  const cells: Cells = {};
  for (const c of formatIndex(format).cells) cells[c.id] = null;
  return { format, year, agency, narrative: {}, cells, acknowledged: [] };
}

/** The value of a cell, null when missing. */
export function cellValue(cells: Cells, id: string): number | null {
  const v = cells[id];
  return typeof v === 'number' ? v : null;
}
