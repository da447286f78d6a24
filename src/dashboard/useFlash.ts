/**
 * The flash line's message: the outcome of an action, or why a key did
 * nothing. It clears itself after a few seconds.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export type FlashTone = 'info' | 'success' | 'error';

export interface FlashMessage {
  text: string;
  tone: FlashTone;
}

export type ShowFlash = (text: string, tone?: FlashTone, timeoutMs?: number) => void;

/**
 * `[message, show, clear]`: `show` replaces any current message and restarts
 * the timer (a per-message timeout overrides the default, e.g. longer for
 * errors); the timer is cleared on unmount. `show` and `clear` are stable (for a
 * given `timeoutMs`).
 */
export function useFlash(timeoutMs = 5000): [FlashMessage | null, ShowFlash, () => void] {
  const [message, setMessage] = useState<FlashMessage | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stopTimer = useCallback(() => {
    if (timer.current !== null) {
      clearTimeout(timer.current);
      timer.current = null;
    }
  }, []);

  const clear = useCallback(() => {
    stopTimer();
    setMessage(null);
  }, [stopTimer]);

  const show = useCallback<ShowFlash>(
    (text, tone = 'info', ms) => {
      stopTimer();
      setMessage({ text, tone });
      timer.current = setTimeout(() => {
        timer.current = null;
        setMessage(null);
      }, ms ?? timeoutMs);
    },
    [stopTimer, timeoutMs],
  );

  useEffect(() => stopTimer, [stopTimer]);

  return [message, show, clear];
}
