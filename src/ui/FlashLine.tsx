/**
 * One line above the footer for the outcome of an action ("Deleted pod x",
 * why deletion is disabled). Always one line, blank when there is nothing to
 * say, so the layout never jumps. The message is the dashboard's (useFlash).
 */
import { usePalette, type ColourRole } from '../views/theme.js';
import { Text } from 'ink';
import { memo, type ReactElement } from 'react';
import type { FlashTone } from '../dashboard/useFlash.js';
import type { Flash } from '../dashboard/messages.js';
import { truncate } from '../util/text.js';

export interface FlashLineProps {
  /** Already wrapped to the width (dashboard/messages.ts); null for one blank line. */
  flash: Flash | null;
  width: number;
  /** NO_COLOR: the symbol in front carries the tone. */
  monochrome?: boolean;
}

const ROLE: Readonly<Record<FlashTone, ColourRole | undefined>> = {
  info: undefined,
  success: 'success',
  error: 'error',
};

export const FlashLine = memo(function FlashLine({ flash, width, monochrome = false }: FlashLineProps): ReactElement {
  const palette = usePalette();
  if (!flash) return <Text> </Text>;
  const role = ROLE[flash.tone];
  const colour = monochrome || role === undefined ? undefined : palette[role];
  return (
    <>
      {flash.lines.map((line, index) => (
        <Text key={index} color={colour} wrap="truncate">
          {truncate(line, width) || ' '}
        </Text>
      ))}
    </>
  );
});
