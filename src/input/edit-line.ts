/**
 * Line editing, as every prompt does it (the filter, the `:` line, the log
 * search): typed and pasted text, Backspace, Ctrl-U (clear), Ctrl-W (the last
 * word), Enter to apply, Esc to cancel. Pure: the prompt's text lives in the
 * UI state.
 */
import type { Key } from 'ink';
import { sanitize } from '../util/text.js';

export type LineEdit = { draft: string } | { action: 'apply' } | { action: 'cancel' };

export function editLine(draft: string, input: string, key: Key): LineEdit {
  if (key.escape) return { action: 'cancel' };
  if (key.return) return { action: 'apply' };
  if (key.backspace || key.delete) return { draft: [...draft].slice(0, -1).join('') };
  if (key.ctrl && input === 'u') return { draft: '' };
  if (key.ctrl && input === 'w') return { draft: draft.replace(/\S+\s*$/, '') };
  if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab) {
    return { draft };
  }
  // Typed or pasted text; control characters never enter the line.
  const typed = sanitize(input);
  return typed ? { draft: draft + typed } : { draft };
}
