/**
 * The `/` prompt: one line to type the filter, and one line under it for a
 * hint (a syntax error, or how many rows match). The list narrows as you
 * type; Enter applies (and sends what it can to the server), Esc cancels.
 */
import { usePalette } from '../views/theme.js';
import { Text, type Key } from 'ink';
import { memo, type ReactElement } from 'react';
import { sanitize, truncate } from '../util/text.js';

export type PromptKeyResult = { draft: string } | { action: 'apply' } | { action: 'cancel' };

/** Line editing for the prompt. Pure: the App keeps the draft in its state. */
export function promptKey(draft: string, input: string, key: Key): PromptKeyResult {
  if (key.escape) return { action: 'cancel' };
  if (key.return) return { action: 'apply' };
  if (key.backspace || key.delete) return { draft: [...draft].slice(0, -1).join('') };
  if (key.ctrl && input === 'u') return { draft: '' };
  if (key.ctrl && input === 'w') return { draft: draft.replace(/\S+\s*$/, '') };
  if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab)
    return { draft };
  // Typed or pasted text; control characters never enter the filter.
  const typed = sanitize(input);
  return typed ? { draft: draft + typed } : { draft };
}

export interface FilterPromptProps {
  /** `/` for a filter or a search, `:` for a command. */
  sign?: string;
  draft: string;
  /** A one-line hint: the parse error, or a note; null shows the default help. */
  hint: { text: string; error: boolean } | null;
  width: number;
  monochrome?: boolean;
}

export const FILTER_PROMPT_HEIGHT = 2;

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
