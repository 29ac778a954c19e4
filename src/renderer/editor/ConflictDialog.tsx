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
import type { TextConflict } from './useReportState';

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
