/**
 * A short choice, centred in the body: which node of a multi-node pod to
 * SSH into, as `prime pods ssh` asks. The options come from the API and are
 * sanitized here; keys are the dashboard's (key-reducer.ts chooseKey).
 */
import { usePalette } from '../views/theme.js';
import { Text } from 'ink';
import { memo, type ReactElement } from 'react';
import { sanitize, truncate } from '../util/text.js';
import { DialogFrame } from './DialogFrame.js';

export interface ChooseDialogProps {
  title: string;
  options: readonly string[];
  selected: number;
  width: number;
  height: number;
  monochrome?: boolean;
}

const MAX_WIDTH = 72;
/** Border and one column of padding each side. */
const BOX_CHROME_X = 4;
/** Border 2, title, spacer, hint. */
const CHROME_Y = 5;

export const ChooseDialog = memo(function ChooseDialog({
  title,
  options,
  selected,
  width,
  height,
  monochrome = false,
}: ChooseDialogProps): ReactElement {
  const palette = usePalette();
  const boxWidth = Math.max(0, Math.min(Math.floor(width), MAX_WIDTH));
  const inner = Math.max(1, boxWidth - BOX_CHROME_X);
  const room = Math.max(1, height - CHROME_Y);
  // Keep the selected option in view when there are more than fit.
  const start = Math.min(Math.max(0, selected - room + 1), Math.max(0, options.length - room));
  return (
    <DialogFrame
      width={width}
      height={height}
      boxWidth={boxWidth}
      borderColor={monochrome ? undefined : palette.accent}
    >
      <Text bold wrap="truncate">
        {truncate(sanitize(title), inner)}
      </Text>
      <Text> </Text>
      {options.slice(start, start + room).map((option, offset) => {
        const index = start + offset;
        const chosen = index === selected;
        return (
          <Text key={index} wrap="truncate" inverse={chosen} bold={chosen}>
            {truncate(`${chosen ? '›' : ' '} ${index < 9 ? index + 1 : ' '}  ${sanitize(option)}`, inner)}
          </Text>
        );
      })}
      <Text dimColor wrap="truncate">
        {truncate('↑↓ choose · Enter or 1-9 connect · Esc back', inner)}
      </Text>
    </DialogFrame>
  );
});
