/**
 * The two versions of a part changed elsewhere (another window saved it first), to choose one. A chunk of
 * its own (MUI's dialog and modal are not part of the editor's first frame): src/renderer/lazy.tsx loads it
 * when a conflict first happens, or with the prefetch after the first screen.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { CellConflicts, TextConflict } from './useReportState';

function Version({ title, text, testId }: { title: string; text: string; testId: string }) {
  return (
    <Box sx={{ flex: 1, minWidth: 0 }}>
      <Typography variant="subtitle2" gutterBottom>
        {title}
      </Typography>
      <Box
        data-testid={testId}
        sx={{ whiteSpace: 'pre-wrap', border: 1, borderColor: 'divider', borderRadius: 1, p: 1, maxHeight: 320, overflow: 'auto', fontSize: 14 }}
      >
        {text || '（空白）'}
      </Box>
    </Box>
  );
}

export function ConflictDialog({ conflict, onResolve }: { conflict: TextConflict | null; onResolve: (keep: 'mine' | 'theirs') => void }) {
  return (
    <Dialog open={!!conflict} maxWidth="md" fullWidth aria-labelledby="conflict-title" data-testid="conflict-dialog">
      <DialogTitle id="conflict-title">正文已在别处被修改</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {conflict?.message}
        </Typography>
        <Stack direction="row" spacing={2}>
          <Version title="另一处保存的版本" text={conflict?.theirs ?? ''} testId="conflict-theirs" />
          <Version title="本窗口的版本（尚未保存）" text={conflict?.yours ?? ''} testId="conflict-yours" />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onResolve('theirs')}>采用另一处的版本</Button>
        <Button variant="contained" onClick={() => onResolve('mine')}>
          保留本窗口的版本
        </Button>
      </DialogActions>
    </Dialog>
  );
}

const shown = (v: number | null) => (v === null ? '（空）' : String(v));

/** The cells saved elsewhere, each with the other value and this window's, to keep one set. */
export function CellConflictDialog({ conflict, onResolve }: { conflict: CellConflicts | null; onResolve: (keep: 'mine' | 'theirs') => void }) {
  return (
    <Dialog open={!!conflict} maxWidth="md" fullWidth aria-labelledby="cell-conflict-title" data-testid="cell-conflict-dialog">
      <DialogTitle id="cell-conflict-title">表格已在别处被修改</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {conflict?.message}
        </Typography>
        <Box sx={{ maxHeight: 360, overflow: 'auto' }}>
          <Table size="small" stickyHeader>
            <TableHead>
              <TableRow>
                <TableCell>单元格</TableCell>
                <TableCell align="right">另一处保存的数值</TableCell>
                <TableCell align="right">本窗口的数值（尚未保存）</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {conflict?.cells.map((c) => (
                <TableRow key={c.cell} data-testid="cell-conflict-row">
                  <TableCell>{c.name}</TableCell>
                  <TableCell align="right" data-testid="cell-conflict-theirs">
                    {shown(c.theirs)}
                  </TableCell>
                  <TableCell align="right" data-testid="cell-conflict-yours">
                    {shown(c.yours)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onResolve('theirs')}>采用另一处的数值</Button>
        <Button variant="contained" onClick={() => onResolve('mine')}>
          保留本窗口的数值
        </Button>
      </DialogActions>
    </Dialog>
  );
}
