/**
 * A part with a statistics table (二、三、四): its heading, the table's status line, the totals switch,
 * the table editor and the note printed after the table. A chunk of its own: a report opens on part 一.
 */
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { Finding } from '../../shared/findings';
import { formatIndex, type FormatId, type SectionDef, type TableId } from '../../shared/format/index';
import type { Cells } from '../../shared/report';
import { ReportTableEditor, type ReportTableEditorProps } from '../table/ReportTableEditor';
import { FloatingLabelBox } from './FloatingLabelBox';
import { Guidance, NarrativeField } from './TextPart';

/** Whether a table has 总计 cells (T3, T4) — T2 has none, so no totals switch there. */
const hasTotals = (format: FormatId, table: TableId) => [...formatIndex(format).totalCells].some((id) => id.startsWith(`${table}.`));

export interface TablePartProps {
  format: FormatId;
  section: SectionDef & { table: TableId };
  cells: Cells;
  manualTotals: boolean;
  findings: Finding[];
  /** Findings of the part's note (not about cells). */
  noteFindings: Finding[];
  note: string;
  repeated?: number | null;
  status: string;
  focusCell: string | null;
  onCells: ReportTableEditorProps['onChange'];
  onInvalid: ReportTableEditorProps['onInvalid'];
  onNote(text: string): void;
  onManualTotals(on: boolean): void;
  onFocusHandled(): void;
  onStatus(text: string): void;
}

export function TablePart(p: TablePartProps) {
  const { section } = p;
  return (
    <Box>
      <Stack direction="row" sx={{ mb: 1, alignItems: 'center' }} spacing={2}>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          {section.heading}
        </Typography>
        <Typography variant="body2" color="text.secondary" role="status" data-testid="table-status">
          {p.status}
        </Typography>
        {hasTotals(p.format, section.table) && (
          <Tooltip title="默认各“总计”由程序按各项之和自动计算；照抄纸质报告时可改为手工填写，检查会核对总计与各项之和">
            <FormControlLabel
              control={<Switch size="small" checked={p.manualTotals} onChange={(e) => p.onManualTotals(e.target.checked)} />}
              label="手工填写总计"
              data-testid="totals-switch"
            />
          </Tooltip>
        )}
      </Stack>
      <Guidance text={section.guidance} />
      <Box sx={{ overflowX: 'auto', mb: 2 }} data-testid={`table-${section.table}`}>
        <ReportTableEditor
          format={p.format}
          table={section.table}
          cells={p.cells}
          manualTotals={p.manualTotals}
          findings={p.findings}
          onChange={p.onCells}
          onInvalid={p.onInvalid}
          focusCell={p.focusCell}
          onFocusHandled={p.onFocusHandled}
          onStatus={p.onStatus}
        />
      </Box>
      <NarrativeField
        section={section}
        text={p.note}
        onChange={p.onNote}
        findings={p.noteFindings}
        minRows={3}
        repeated={p.repeated}
        label="表格说明（可不填，印在表格之后）"
        box={FloatingLabelBox}
      />
    </Box>
  );
}
