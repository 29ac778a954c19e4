/**
 * The report's status in the editor's bar (草稿 / 待审核 / 已定稿 …). A chunk of its own: MUI's select brings
 * its menu, popover and modal (some 60 KB) that the editor's first frame does not need; until it has come
 * the bar shows StatusLabel (./StatusLabel), the same box with the same words.
 */
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { REPORT_STATUSES, REPORT_STATUS_NAMES, isReportStatus, type ReportStatus } from '../../shared/names';
import { STATUS_BORDER as BORDER, STATUS_BOX as BOX } from './StatusLabel';

export interface StatusSelectProps {
  status: ReportStatus;
  onStatus(status: ReportStatus): void;
}

export function StatusSelect({ status, onStatus }: StatusSelectProps) {
  return (
    <TextField
      select
      size="small"
      value={status}
      onChange={(e) => isReportStatus(e.target.value) && onStatus(e.target.value)}
      sx={{ '& .MuiInputBase-root': BOX, '& fieldset': { borderColor: BORDER } }}
      slotProps={{ htmlInput: { 'data-testid': 'status-select' }, select: { inputProps: { 'aria-label': '报告状态' }, SelectDisplayProps: { 'aria-label': '报告状态' } as object } }}
    >
      {REPORT_STATUSES.map((s) => (
        <MenuItem key={s} value={s}>
          {REPORT_STATUS_NAMES[s]}
        </MenuItem>
      ))}
    </TextField>
  );
}
