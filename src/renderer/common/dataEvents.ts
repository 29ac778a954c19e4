/**
 * The whole database was replaced (a backup restored): every screen that holds data it read before reads
 * it again, wherever it sits under the settings dialog.
 */
import { useEffect, useRef } from 'react';

const target = new EventTarget();
const REPLACED = 'data-replaced';

export function announceDataReplaced(): void {
  target.dispatchEvent(new Event(REPLACED));
}

export function useOnDataReplaced(listener: () => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const run = () => latest.current();
    target.addEventListener(REPLACED, run);
    return () => target.removeEventListener(REPLACED, run);
  }, []);
}
