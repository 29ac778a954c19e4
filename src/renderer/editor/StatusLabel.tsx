/** The report's status as the editor's bar shows it before its select (./StatusSelect, a lazy chunk) has come. */
import Box from '@mui/material/Box';
import { REPORT_STATUS_NAMES, type ReportStatus } from '../../shared/names';

/** The select's box in the blue bar; the label copies it so nothing moves when the select replaces it. */
export const STATUS_BOX = { color: 'inherit', height: 30, bgcolor: 'rgba(255,255,255,.12)' };
export const STATUS_BORDER = 'rgba(255,255,255,.4)';

/** The status as the select shows it (same size, padding and words), while the select's chunk loads. */
export function StatusLabel({ status }: { status: ReportStatus }) {
  return (
    <Box
      component="span"
      sx={{ ...STATUS_BOX, display: 'inline-flex', alignItems: 'center', boxSizing: 'border-box', pl: '14px', pr: '30px', border: `1px solid ${STATUS_BORDER}`, borderRadius: 1, fontSize: '1rem', whiteSpace: 'nowrap' }}
    >
      {REPORT_STATUS_NAMES[status]}
    </Box>
  );
}
