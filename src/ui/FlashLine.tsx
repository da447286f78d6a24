/**
 * One line above the footer for the outcome of an action ("Deleted pod x",
 * why deletion is disabled). Always one line, blank when there is nothing to
 * say, so the layout never jumps. `useFlash` holds the message and clears it
 * after a few seconds.
 */
import { usePalette, type ColourRole } from '../views/theme.js';
import { Text } from 'ink';
import { memo, useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { sanitize, truncate } from '../util/text.js';

export type FlashTone = 'info' | 'success' | 'error';

export interface FlashMessage {
  text: string;
  tone: FlashTone;
}

export interface FlashLineProps {
  message: FlashMessage | null;
  width: number;
  /** NO_COLOR: the symbol in front carries the tone. */
  monochrome?: boolean;
}

const SYMBOL: Readonly<Record<FlashTone, string>> = { info: '•', success: '✓', error: '✕' };
const ROLE: Readonly<Record<FlashTone, ColourRole | undefined>> = {
  info: undefined,
  success: 'success',
  error: 'error',
};

export const FLASH_LINE_HEIGHT = 1;

export const FlashLine = memo(function FlashLine({ message, width, monochrome = false }: FlashLineProps): ReactElement {
  const palette = usePalette();
  if (!message) return <Text> </Text>;
  const role = ROLE[message.tone];
  return (
    <Text color={monochrome || role === undefined ? undefined : palette[role]} wrap="truncate">
      {truncate(` ${SYMBOL[message.tone]} ${sanitize(message.text)}`, width) || ' '}
    </Text>
  );
});

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
