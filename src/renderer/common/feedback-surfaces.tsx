/** What feedback.tsx shows: the message bar and the confirmation dialog. */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Snackbar from '@mui/material/Snackbar';
import type { Notice, PendingConfirm } from './feedback';

export function FeedbackSurfaces({
  notice,
  pending,
  onNoticeClosed,
  onAnswer,
}: {
  notice: Notice | null;
  pending: PendingConfirm | null;
  onNoticeClosed(): void;
  onAnswer(ok: boolean): void;
}) {
  return (
    <>
      <Snackbar
        key={notice?.key}
        open={!!notice}
        autoHideDuration={notice?.severity === 'error' ? 8000 : 3500}
        onClose={(_e, reason) => reason !== 'clickaway' && onNoticeClosed()}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        {notice ? (
          <Alert severity={notice.severity} variant="filled" onClose={onNoticeClosed} sx={{ whiteSpace: 'pre-line' }}>
            {notice.message}
          </Alert>
        ) : undefined}
      </Snackbar>
      <Dialog open={!!pending} onClose={() => onAnswer(false)} maxWidth="xs" fullWidth>
        <DialogTitle>{pending?.title}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ whiteSpace: 'pre-line' }}>{pending?.message}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onAnswer(false)}>取消</Button>
          <Button variant="contained" color={pending?.danger ? 'error' : 'primary'} onClick={() => onAnswer(true)} autoFocus>
            {pending?.confirmText ?? '确定'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
