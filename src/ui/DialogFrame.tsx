/**
 * A dialog's frame: a box with a rounded border in the middle of the body,
 * as wide as it is given (never wider than the body), whatever is in it.
 */
import { Box } from 'ink';
import type { ReactElement, ReactNode } from 'react';

export interface DialogFrameProps {
  /** The body's size, which the box is centred in. */
  width: number;
  height: number;
  /** The box's own width, border included. */
  boxWidth: number;
  borderColor: string | undefined;
  children: ReactNode;
}

export function DialogFrame({ width, height, boxWidth, borderColor, children }: DialogFrameProps): ReactElement {
  return (
    <Box
      width={Math.max(0, Math.floor(width))}
      height={Math.max(0, Math.floor(height))}
      flexDirection="column"
      justifyContent="center"
      alignItems="center"
      overflow="hidden"
    >
      <Box
        width={boxWidth}
        flexDirection="column"
        flexShrink={0}
        borderStyle="round"
        borderColor={borderColor}
        paddingX={1}
      >
        {children}
      </Box>
    </Box>
  );
}
