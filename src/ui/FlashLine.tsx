/**
 * One line above the footer for the outcome of an action ("Deleted pod x",
 * why deletion is disabled). Always one line, blank when there is nothing to
 * say, so the layout never jumps. The message is the dashboard's (useFlash).
 */
import { usePalette, type ColourRole } from '../views/theme.js';
import { Text } from 'ink';
import { memo, type ReactElement } from 'react';
import type { FlashMessage, FlashTone } from '../dashboard/useFlash.js';
import { sanitize, truncate } from '../util/text.js';

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
