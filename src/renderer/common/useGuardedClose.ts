/**
 * A dialog with typed input closes on a click outside it or Esc only after asking: a stray click must not
 * throw away a reason or a name the user has typed. The dialog's own 取消 button is an explicit choice and
 * closes at once (pass `onClose` to it, not the guarded handler).
 */
import { useCallback } from 'react';
import { useFeedback } from './feedback';

export type CloseReason = 'backdropClick' | 'escapeKeyDown';

export function useGuardedClose(dirty: boolean, onClose: () => void): (event?: unknown, reason?: CloseReason) => void {
  const { confirm } = useFeedback();
  return useCallback(
    (_event?: unknown, reason?: CloseReason) => {
      if (!dirty || (reason !== 'backdropClick' && reason !== 'escapeKeyDown')) return onClose();
      void confirm({
        title: '放弃输入的内容？',
        message: '对话框中输入的内容还没有保存，关闭后将会丢失。',
        confirmText: '放弃并关闭',
        danger: true,
      }).then((discard) => discard && onClose());
    },
    [dirty, onClose, confirm],
  );
}
