/**
 * The shape of a declarative format definition. A format revision (GOV-2021, GOV-2019) is one value of
 * `FormatDefinition`; everything else — forms, checks, exporters, importers, schemas — reads it, so no
 * label is spelled anywhere else in the code.
 */

export type FormatId = 'GOV-2021' | 'GOV-2019';

/**
 * - count: non-negative integer
 * - signedCount: integer that may be negative (2019 本年增/减)
 * - amountWanYuan: non-negative amount in 万元, up to 6 decimals (2021 行政事业性收费)
 * - amountYuan: non-negative amount in 元, up to 2 decimals (2019 采购总金额, no printed unit)
 */
export type ValueKind = 'count' | 'signedCount' | 'amountWanYuan' | 'amountYuan';

export type SectionId = 's1' | 's2' | 's3' | 's4' | 's5' | 's6';
export type NarrativeKey = 'preamble' | SectionId;

export interface SectionDef {
  id: SectionId;
  heading: string;
  /** The table printed in this part, if any. */
  table?: TableId;
  /** Level-2 headings offered as a scaffold in the editor. */
  scaffold?: readonly string[];
  /** What belongs in this part (interpretation of the format text, shown as guidance). */
  guidance: string;
  /** Short name for navigation. */
  shortName: string;
  /** Other wordings of the heading as reports print it (without its number): earlier formats, rewordings. */
  wordings: readonly string[];
  /**
   * Words that name this part: a numbered heading or an item of the preamble's list of parts holding one
   * of them means this part, however reworded ("存在的主要问题及整改措施" is 五).
   */
  senses: readonly string[];
}

export type TableId = 't2' | 't3' | 't4';
export const TABLE_IDS: readonly TableId[] = ['t2', 't3', 't4'];
/** How people name the statistical tables: by the part that prints them (表二 in part 二). */
export const TABLE_NAMES: Readonly<Record<TableId, string>> = { t2: '表二', t3: '表三', t4: '表四' };

/** A node of a column header tree (T3/T4). Leaves are value columns. */
export interface HeaderNode {
  label: string;
  /** Id segment contributed to the cell id (leaf: column id; inner node in T4: group id). */
  id?: string;
  children?: readonly HeaderNode[];
  /** A leaf that must equal the sum of the other leaves under the same parent; names the check rule. */
  totalRule?: string;
  /** Short label used in messages (defaults to label). */
  short?: string;
}

/** A node of the row hierarchy (T3). Leaves are value rows. */
export interface RowNode {
  label: string;
  id?: string;
  children?: readonly RowNode[];
  /** A leaf row that must equal the sum of the other leaf rows under the same parent. */
  totalRule?: string;
  short?: string;
  /** A block of result rows whose sum narratives quote (不予公开, 无法提供, …): check t3.groupTotals. */
  group?: boolean;
}

/** Tables whose rows and columns cross (T3, T4). */
export interface MatrixTableDef {
  kind: 'matrix';
  id: TableId;
  /** Number of grid columns taken by row labels (T3: 3, T4: 0). */
  labelColumns: number;
  /** Text of the corner cell above the row labels (the 勾稽关系 note of T3). */
  corner?: string;
  columns: readonly HeaderNode[];
  /** Row tree; a table without a label column has one row with an empty id. */
  rows: readonly RowNode[];
  /** Relative width of each label grid column and of each value column. */
  labelWidths: readonly number[];
  valueWidth: number;
  kinds?: Readonly<Record<string, ValueKind>>;
}

export interface BlockRowDef {
  id: string;
  label: string;
  /** Value cells of this row, in the order of the block's value headers. */
  cells: readonly { id: string; kind: ValueKind }[];
}

export interface BlockDef {
  /** Full-width row naming the article item, e.g. 第二十条第（一）项. */
  title: string;
  /** Header of the label column, e.g. 信息内容. */
  labelHeader: string;
  /** Headers of the value columns; one per value cell of each row. */
  valueHeaders: readonly string[];
  rows: readonly BlockRowDef[];
}

/** Tables made of titled blocks (T2). */
export interface BlockTableDef {
  kind: 'blocks';
  id: TableId;
  blocks: readonly BlockDef[];
  /** Relative width of the label column and of one logical value column. */
  labelWidth: number;
  valueWidth: number;
}

export type TableDef = MatrixTableDef | BlockTableDef;

export interface FormatDefinition {
  id: FormatId;
  /** The notice that mandates the format. */
  notice: string;
  /** The format in the user's words ("2019 年试行格式"): the import report and the editor name it so. */
  name: string;
  title: string;
  sections: readonly SectionDef[];
  tables: Readonly<Record<TableId, TableDef>>;
}

/** One value cell, resolved from a definition. */
export interface CellInfo {
  id: string;
  table: TableId;
  kind: ValueKind;
  /** Row id within the table ('' for T4). */
  row: string;
  /** Column id within the table (T4: group.column). */
  column: string;
  /** Row label path, outermost first (T2: block title is not included). */
  rowLabels: readonly string[];
  /** Column label path, outermost first. */
  columnLabels: readonly string[];
  /** Readable name for messages, e.g. 三、本年度办理结果（一）予以公开 · 自然人. */
  name: string;
  /** Unit printed in the header, if any. */
  unit?: string;
}

/** A sum the format imposes: `total` = Σ `parts`. */
export interface SumConstraint {
  rule: string;
  total: string;
  parts: readonly string[];
  /** 'row': sum across the columns of one row; 'column': sum down one column. */
  axis: 'row' | 'column';
}
