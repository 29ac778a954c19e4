/** Short messages (a Snackbar) and confirmations, reachable from any screen. */
import { createContext, lazy, Suspense, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

// The Snackbar and the confirmation dialog: a chunk of their own, loaded by the first message.
const LazyFeedbackSurfaces = lazy(() => import('./feedback-surfaces').then((m) => ({ default: m.FeedbackSurfaces })));

export type Severity = 'success' | 'info' | 'warning' | 'error';
export interface Notice {
  message: string;
  severity: Severity;
  key: number;
}
export interface Confirm {
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

export type PendingConfirm = Confirm & { resolve: (ok: boolean) => void };

export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pending, setPending] = useState<PendingConfirm | null>(null);
  // mounted from the first message on, so that closing still animates
  const [used, setUsed] = useState(false);
  const notify = useCallback((message: string, severity: Severity = 'success') => {
    setUsed(true);
    setNotice({ message, severity, key: Date.now() });
  }, []);
  const confirm = useCallback(
    (options: Confirm) =>
      new Promise<boolean>((resolve) => {
        setUsed(true);
        setPending({ ...options, resolve });
      }),
    [],
  );
  const value = useMemo(() => ({ notify, confirm }), [notify, confirm]);
  const close = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };
  return (
    <FeedbackContext.Provider value={value}>
      {children}
      {used && (
        <Suspense fallback={null}>
          <LazyFeedbackSurfaces notice={notice} pending={pending} onNoticeClosed={() => setNotice(null)} onAnswer={close} />
        </Suspense>
      )}
    </FeedbackContext.Provider>
  );
}
