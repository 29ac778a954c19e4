/** Short messages (a Snackbar) and confirmations, reachable from any screen. */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Snackbar from '@mui/material/Snackbar';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

type Severity = 'success' | 'info' | 'warning' | 'error';
interface Confirm {
  title: string;
  message: string;
  confirmText?: string;
  danger?: boolean;
}
interface Feedback {
  notify(message: string, severity?: Severity): void;
  confirm(options: Confirm): Promise<boolean>;
}

const FeedbackContext = createContext<Feedback>({ notify: () => {}, confirm: async () => false });

export function useFeedback(): Feedback {
  return useContext(FeedbackContext);
}

export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<{ message: string; severity: Severity; key: number } | null>(null);
  const [pending, setPending] = useState<(Confirm & { resolve: (ok: boolean) => void }) | null>(null);
  const notify = useCallback((message: string, severity: Severity = 'success') => setNotice({ message, severity, key: Date.now() }), []);
  const confirm = useCallback((options: Confirm) => new Promise<boolean>((resolve) => setPending({ ...options, resolve })), []);
  const value = useMemo(() => ({ notify, confirm }), [notify, confirm]);
  const close = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };
  return (
    <FeedbackContext.Provider value={value}>
      {children}
      <Snackbar
        key={notice?.key}
        open={!!notice}
        autoHideDuration={notice?.severity === 'error' ? 8000 : 3500}
        onClose={(_e, reason) => reason !== 'clickaway' && setNotice(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        {notice ? (
          <Alert severity={notice.severity} variant="filled" onClose={() => setNotice(null)} sx={{ whiteSpace: 'pre-line' }}>
            {notice.message}
          </Alert>
        ) : undefined}
      </Snackbar>
      <Dialog open={!!pending} onClose={() => close(false)} maxWidth="xs" fullWidth>
        <DialogTitle>{pending?.title}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ whiteSpace: 'pre-line' }}>{pending?.message}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => close(false)}>取消</Button>
          <Button variant="contained" color={pending?.danger ? 'error' : 'primary'} onClick={() => close(true)} autoFocus>
            {pending?.confirmText ?? '确定'}
          </Button>
        </DialogActions>
      </Dialog>
    </FeedbackContext.Provider>
  );
}
