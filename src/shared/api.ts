/**
 * The service API: every method the UI (or the CLI) calls, with zod input and output schemas. The
 * transports (Electron IPC, HTTP in browser mode) are thin adapters over one `dispatch` in the core.
 */
import * as z from 'zod';
import './zod-setup';
import { AgencyLevel } from './agency';
import { Finding } from './findings';
import { Acknowledgement, AgencyRef, FormatIdSchema, NARRATIVE_KEYS, Narrative, UnreadTable, Year } from './report';
import type { NarrativeKey } from './format/index';
import { ExportSettings, TypographySettings } from './document/typography-schema';
import { AGGREGATE_UNIT_STATUSES, IMPORT_SOURCES, REPORT_STATUSES } from './names';

export { AGGREGATE_UNIT_STATUS_NAMES, IMPORT_SOURCE_NAMES, REPORT_STATUS_NAMES } from './names';
export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;

const Id = z.number().int().positive();
const Timestamp = z.string(); // ISO 8601
const CellValue = z.number().nullable();
const NarrativeKeySchema = z.enum(NARRATIVE_KEYS as [NarrativeKey, ...NarrativeKey[]]);

/** `own`: the user reports for it; false for the agency of imported reference reports only. */
export const Agency = z.object({ id: Id, name: z.string(), level: AgencyLevel, createdAt: Timestamp, own: z.boolean() });
export type Agency = z.infer<typeof Agency>;

export const ReportSummary = z.object({
  id: Id,
  agencyId: Id,
  agencyName: z.string(),
  agencyLevel: AgencyLevel,
  year: z.number().int(),
  format: FormatIdSchema,
  status: ReportStatus,
  errors: z.number().int(),
  warnings: z.number().int(),
  updatedAt: Timestamp,
  deletedAt: Timestamp.nullable(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

/** Everything the editor needs to show one report. */
export const ReportDetail = z.object({
  id: Id,
  agencyId: Id,
  agency: AgencyRef,
  year: z.number().int(),
  format: FormatIdSchema,
  status: ReportStatus,
  /** false: 总计 cells are computed from their parts; true: typed by hand and compared by the checks. */
  manualTotals: z.boolean(),
  narrative: Narrative,
  cells: z.record(z.string(), CellValue),
  acknowledged: z.array(Acknowledgement),
  /** Tables its import could not read: the checks say import.tableUnread instead of a blank per cell. */
  unread: z.array(UnreadTable).optional(),
  revision: z.number().int(),
  updatedAt: Timestamp,
  /** Last year's report of the same agency, when stored: for carry-over and the xyear/text.repetition checks. */
  previous: z
    .object({ id: Id.nullable(), year: z.number().int(), format: FormatIdSchema, narrative: Narrative, cells: z.record(z.string(), CellValue) })
    .nullable(),
  /** For a 汇总 report: the sum of its included units, which the editor's checks compare (aggregate.mismatch). */
  unitSums: z.object({ units: z.number().int().positive(), cells: z.record(z.string(), CellValue) }).nullable(),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

export const SaveResult = z.object({ revision: z.number().int(), updatedAt: Timestamp });
/** A cell saved elsewhere since the editor read it: the stored value (theirs) and the one not saved (yours). */
export const CellConflict = z.object({ cell: z.string(), name: z.string(), theirs: CellValue, yours: CellValue });
export type CellConflict = z.infer<typeof CellConflict>;

export const Revision = z.object({
  revision: z.number().int(),
  createdAt: Timestamp,
  /** What happened, in Chinese (创建, 修改单元格 3 处, 恢复到版本 12 …). */
  summary: z.string(),
});
export type Revision = z.infer<typeof Revision>;

export const ExportKind = z.enum(['docx', 'html', 'html-fragment', 'exchange', 'xlsx']);
export type ExportKind = z.infer<typeof ExportKind>;

export const ExportResult = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** File content, base64. */
  data: z.string(),
  /** Error-level findings that were overridden by `force`. */
  forcedOver: z.array(Finding),
});

export const Backup = z.object({ name: z.string(), createdAt: Timestamp, bytes: z.number() });

/** A backup as the recovery screen lists it: what it holds, or why it cannot be restored. */
export const RecoveryBackup = Backup.extend({
  reports: z.number().int().nullable(),
  agencies: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export const RECOVERY_KINDS = ['corrupt', 'empty', 'newer', 'unreadable'] as const;
export const RecoveryStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok') }),
  z.object({
    state: z.literal('recovery'),
    kind: z.enum(RECOVERY_KINDS),
    /** What happened and the choices, in Chinese. */
    message: z.string(),
    dbPath: z.string(),
    backupDir: z.string(),
    backups: z.array(RecoveryBackup),
    /** Other database files in the data folder, newest first. */
    otherFiles: z.array(z.object({ path: z.string(), bytes: z.number(), modifiedAt: Timestamp })),
  }),
]);
export type RecoveryStatus = z.infer<typeof RecoveryStatus>;
/** After a way out: the file now in use and where the unusable one was set aside (null: there was none). */
export const RecoveryDone = z.object({ dbPath: z.string(), savedAs: z.string().nullable() });

export const ImportMessage = z.object({
  level: z.enum(['info', 'warning', 'error']),
  where: z.string(),
  message: z.string(),
  /** The cell the message is about, when it is about one (lets the UI point at it). */
  cell: z.string().optional(),
});
/** The kind of file a report was imported from. */
export const ImportSource = z.enum(IMPORT_SOURCES);
export type ImportSource = z.infer<typeof ImportSource>;

export const ImportReport = z.object({
  source: ImportSource,
  matched: z.number().int(),
  messages: z.array(ImportMessage),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const AggregateUnitStatus = z.enum(AGGREGATE_UNIT_STATUSES);
export type AggregateUnitStatus = z.infer<typeof AggregateUnitStatus>;

export const AggregateUnit = z.object({
  id: Id,
  name: z.string(),
  year: z.number().int(),
  format: FormatIdSchema,
  fileName: z.string(),
  source: ImportSource,
  status: AggregateUnitStatus,
  errors: z.number().int(),
  warnings: z.number().int(),
  /** Whether the unit is summed: the user's choice, else every unit without a `reason`. */
  included: z.boolean(),
  /** The user's choice, null when the default applies. */
  includeOverride: z.boolean().nullable(),
  /** Why the unit is left out by default (unread tables, errors, other year or format, a duplicate); null: summed. */
  reason: z.string().nullable(),
  /** The earlier file of the same agency and year that this one replaced. */
  replacedFile: z.string().nullable(),
  /** Why the user included it although left out by default, and when. */
  includeNote: z.string().nullable(),
  includeAt: Timestamp.nullable(),
  findings: z.array(Finding),
  importedAt: Timestamp,
});
export type AggregateUnit = z.infer<typeof AggregateUnit>;

export const AggregateParent = z.object({ id: Id, agencyName: z.string(), year: z.number().int(), format: FormatIdSchema });

export const AggregateAddResult = z.object({
  fileName: z.string(),
  outcome: z.enum(['added', 'replaced', 'failed']),
  unit: AggregateUnit.optional(),
  /** Why the file was refused (failed), in Chinese. */
  message: z.string().optional(),
});
export type AggregateAddResult = z.infer<typeof AggregateAddResult>;

export const AggregatePreview = z.object({
  cells: z.record(z.string(), CellValue),
  /** Units summed. */
  units: z.number().int(),
  /** Where the stored parent report differs from the sums. */
  mismatches: z.array(Finding),
});

export const AggregateTrace = z.object({
  cell: z.string(),
  name: z.string(),
  sum: CellValue,
  parentValue: CellValue,
  contributions: z.array(z.object({ unitId: Id, name: z.string(), value: z.number(), included: z.boolean() })),
});
export type AggregateTrace = z.infer<typeof AggregateTrace>;

/** 批量检查 in the app: a job that reads the files as they are uploaded, then checks them all (audit.ts). */
export const AUDIT_STATES = ['reading', 'checking', 'done', 'cancelled'] as const;
export const AuditState = z.enum(AUDIT_STATES);
/** At most this many files in one 批量检查 (a province's reports of a year are a few hundred). */
export const MAX_AUDIT_FILES = 5000;

export const AuditRowView = z.object({
  file: z.string(),
  /** The file's extension: docx, html, xlsx, … (names in shared/report-files). */
  kind: z.string(),
  ok: z.boolean(),
  /** Why the file could not be read, in Chinese (ok = false). */
  reason: z.string().nullable(),
  agency: z.string().nullable(),
  level: AgencyLevel.nullable(),
  year: z.number().int().nullable(),
  format: FormatIdSchema.nullable(),
  /** Cells read from the file's tables. */
  matched: z.number().int().nullable(),
  errors: z.number().int(),
  warnings: z.number().int(),
  /** Publication deadline: unknown when the file shows no 发布日期; `text` as the workbook words it. */
  deadline: z.object({ status: z.enum(['unknown', 'onTime', 'late']), text: z.string() }).nullable(),
  /** The previous year's report the cross-year checks compared with. */
  previousFile: z.string().nullable(),
  /** Errors and warnings (no info), as `check` gives them. */
  findings: z.array(Finding),
});
export type AuditRowView = z.infer<typeof AuditRowView>;

export const AuditStatus = z.object({
  id: z.string(),
  state: AuditState,
  /** Files announced at the start, files arrived so far, files read. */
  total: z.number().int(),
  received: z.number().int(),
  done: z.number().int(),
  /** The file being read now. */
  current: z.string().nullable(),
  /** One row per file, once checked (done, or cancelled: the files read until then). */
  rows: z.array(AuditRowView).nullable(),
});
export type AuditStatus = z.infer<typeof AuditStatus>;

/** A method of the API. */
export interface Method<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
}

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Method<I, O> => ({ input, output });
const Ok = z.object({ ok: z.literal(true) });
const ByReport = z.object({ id: Id });
const AuditId = z.string().min(1).max(64);
const FileInput = z.object({ fileName: z.string().max(260), data: z.string().max(300_000_000) });

export const api = {
  'app.info': method(z.object({}), z.object({ version: z.string(), dataDir: z.string(), dbPath: z.string(), mode: z.enum(['electron', 'browser', 'cli']) })),

  'agencies.list': method(z.object({}), z.array(Agency)),
  'agencies.create': method(AgencyRef, Agency),
  'agencies.update': method(z.object({ id: Id, name: z.string().trim().min(1).max(100).optional(), level: AgencyLevel.optional() }), Agency),

  'reports.list': method(z.object({ agencyId: Id.optional(), trash: z.boolean().optional() }), z.array(ReportSummary)),
  'reports.create': method(
    z.object({ agencyId: Id, year: Year, from: z.enum(['blank', 'previous']).default('blank') }),
    ReportDetail,
  ),
  'reports.duplicate': method(z.object({ id: Id, agencyId: Id.optional(), year: Year.optional() }), ReportDetail),
  'reports.open': method(ByReport, ReportDetail),
  /**
   * `was`: the value the editor showed before the change. When the stored value differs from it (another
   * window or program saved the cell meanwhile) and from the new value, that cell is not saved: it is
   * returned in `conflicts` with both versions; the other cells are saved. Without `was`, no check.
   */
  'reports.updateCells': method(
    z.object({
      id: Id,
      changes: z.array(z.object({ cell: z.string().max(64), value: CellValue, was: CellValue.optional() })).min(1).max(1000),
    }),
    SaveResult.extend({ conflicts: z.array(CellConflict) }),
  ),
  /** `base`: textHash of the text the editor changed; a different stored text gives stale_edit with both versions. */
  'reports.updateNarrative': method(
    z.object({ id: Id, key: NarrativeKeySchema, text: z.string().max(200_000), base: z.string().max(32).optional() }),
    SaveResult,
  ),
  /** Leaving 已定稿 takes `unlock: true` — an explicit choice, recorded in 历史; without it the call gives `locked`. */
  'reports.setStatus': method(z.object({ id: Id, status: ReportStatus, unlock: z.boolean().optional() }), SaveResult),
  'reports.setOptions': method(z.object({ id: Id, manualTotals: z.boolean() }), SaveResult),
  'reports.acknowledge': method(z.object({ id: Id, ack: Acknowledgement }), SaveResult),
  'reports.unacknowledge': method(z.object({ id: Id, rule: z.string(), cells: z.array(z.string()) }), SaveResult),
  'reports.check': method(z.object({ id: Id, forExport: z.boolean().optional() }), z.object({ findings: z.array(Finding) })),
  'reports.export': method(z.object({ id: Id, kind: ExportKind, force: z.boolean().optional() }), ExportResult),
  'reports.history': method(ByReport, z.array(Revision)),
  'reports.restore': method(z.object({ id: Id, revision: z.number().int() }), ReportDetail),
  'reports.delete': method(ByReport, Ok),
  'reports.undelete': method(ByReport, Ok),
  /** Import a file (exchange .json, .docx, .html, .txt) as a new report, or just parse it with `dryRun`. */
  /**
   * `agency`: the name and level the user corrected in the import dialog, instead of what the title gave.
   * `findings`: the file checked as published — what 检查 and `gov-report check` report for it.
   */
  'reports.import': method(
    FileInput.extend({ agencyId: Id.optional(), agency: AgencyRef.optional(), dryRun: z.boolean().optional(), replace: z.boolean().optional() }),
    z.object({ report: ReportDetail.nullable(), importReport: ImportReport, parsed: z.unknown(), findings: z.array(Finding) }),
  ),

  'backups.list': method(z.object({}), z.array(Backup)),
  'backups.create': method(z.object({}), Backup),
  'backups.restore': method(z.object({ name: z.string().max(200) }), Ok),

  /**
   * The way back when the database file cannot be used: while it cannot, every other method answers
   * needs_recovery. Restore a backup or start a new file (the unusable file is renamed, never deleted), or
   * use another database file for this session.
   */
  'recovery.status': method(z.object({}), RecoveryStatus),
  'recovery.restore': method(z.object({ name: z.string().max(200) }), RecoveryDone),
  'recovery.startNew': method(z.object({}), RecoveryDone),
  'recovery.openFile': method(z.object({ path: z.string().trim().min(1).max(1000) }), RecoveryDone),

  /**
   * 汇总: a parent report sums the reports of its subordinate units. Units are stored copies of the units'
   * files; re-adding the same agency and year replaces the earlier copy. Units with errors are left out of
   * the sum unless included by hand (`included: null` returns a unit to that default).
   */
  'aggregate.addUnits': method(
    z.object({ parentId: Id, files: z.array(FileInput).min(1).max(200) }),
    z.object({ results: z.array(AggregateAddResult) }),
  ),
  'aggregate.listUnits': method(z.object({ parentId: Id }), z.object({ parent: AggregateParent, units: z.array(AggregateUnit) })),
  'aggregate.setIncluded': method(z.object({ unitId: Id, included: z.boolean().nullable(), note: z.string().max(500).nullable().optional() }), Ok),
  'aggregate.removeUnit': method(z.object({ unitId: Id }), Ok),
  /** The sums over the included units and how the stored parent differs from them (aggregate.mismatch). */
  'aggregate.preview': method(z.object({ parentId: Id }), AggregatePreview),
  /** Write the sums into the parent report's cells as one new revision. */
  'aggregate.apply': method(z.object({ parentId: Id }), SaveResult.extend({ changed: z.number().int(), units: z.number().int() })),
  /** One summed cell: which units make it up, with how much. */
  'aggregate.trace': method(z.object({ parentId: Id, cell: z.string().max(64) }), AggregateTrace),

  /**
   * 批量检查: `start` announces how many files will come, `addFiles` sends them in batches (the last batch
   * says so; files too large to send are named in `oversize` and become rows saying why), `status` is
   * polled for progress, `cancel` stops after the file being read, `export` gives the result workbook or
   * the one-page summary. The same reading and checking as `gov-report audit`.
   */
  'audit.start': method(z.object({ total: z.number().int().min(1).max(MAX_AUDIT_FILES) }), AuditStatus),
  'audit.addFiles': method(
    z.object({
      id: AuditId,
      files: z.array(FileInput).max(200),
      oversize: z.array(z.object({ fileName: z.string().max(260), bytes: z.number().int().nonnegative() })).max(MAX_AUDIT_FILES).optional(),
      last: z.boolean().optional(),
    }),
    AuditStatus,
  ),
  'audit.status': method(z.object({ id: AuditId }), AuditStatus),
  'audit.cancel': method(z.object({ id: AuditId }), AuditStatus),
  'audit.export': method(z.object({ id: AuditId, kind: z.enum(['xlsx', 'html']) }), ExportResult.omit({ forcedOver: true })),

  /** Fonts and sizes of the exported .docx and web pages (typography.md), every role filled in. */
  'settings.getExport': method(z.object({}), ExportSettings),
  /** Save the export settings: a role left out takes the default, so `{}` restores every default. */
  'settings.setExport': method(TypographySettings, ExportSettings),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type Input<M extends MethodName> = z.input<Api[M]['input']>;
export type Output<M extends MethodName> = z.output<Api[M]['output']>;

/** The typed call every client offers (preload bridge or HTTP). */
export type Send = <M extends MethodName>(name: M, input: Input<M>) => Promise<Output<M>>;

export const METHOD_NAMES = Object.keys(api) as MethodName[];
