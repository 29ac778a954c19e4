import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { Finding } from '../../shared/findings';
import { SEVERITY_NAMES } from '../../shared/names';

/** A report's findings as the 汇总 and 批量检查 pages unfold them under a row: 【错误】… in red, the rest plain. */
export function FindingList({ findings, testId }: { findings: readonly Pick<Finding, 'severity' | 'message'>[]; testId?: string }) {
  return (
    <Box component="ul" sx={{ my: 1, pl: 3 }} data-testid={testId}>
      {findings.map((f, i) => (
        <li key={i}>
          <Typography variant="body2" color={f.severity === 'error' ? 'error' : 'text.primary'}>
            【{SEVERITY_NAMES[f.severity]}】{f.message}
          </Typography>
        </li>
      ))}
    </Box>
  );
}
