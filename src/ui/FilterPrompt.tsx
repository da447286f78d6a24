/**
 * The `/` prompt: one line to type the filter, and one line under it for a
 * hint (a syntax error, or how many rows match). The list narrows as you
 * type; Enter applies (and sends what it can to the server), Esc cancels.
 */
import { usePalette } from '../views/theme.js';
import { Text } from 'ink';
import { memo, type ReactElement } from 'react';
import { truncate } from '../util/text.js';

export interface FilterPromptProps {
  /** `/` for a filter or a search, `:` for a command. */
  sign?: string;
  draft: string;
  /** A one-line hint: the parse error, or a note; null shows the default help. */
  hint: { text: string; error: boolean } | null;
  width: number;
  monochrome?: boolean;
}

export const FilterPrompt = memo(function FilterPrompt({
  sign = '/',
  draft,
  hint,
  width,
  monochrome = false,
}: FilterPromptProps): ReactElement {
  const palette = usePalette();
  const line = truncate(` ${sign}${draft}`, Math.max(1, width - 1));
  const help = hint ?? {
    text: 'words · status:A,B · label:x · -negate · "quoted words" — Enter apply · Esc cancel',
    error: false,
  };
  return (
    <>
      <Text wrap="truncate">
        <Text bold>{line}</Text>
        <Text inverse> </Text>
      </Text>
      <Text wrap="truncate" color={help.error && !monochrome ? palette.error : undefined} dimColor={!help.error}>
        {truncate(` ${help.text}`, width)}
      </Text>
    </>
  );
});
