/**
 * The confirm dialog, which stands between a key press and a DELETE. It is
 * modal: every key but Ctrl-C is its own, and what it does not use changes
 * nothing. y confirms; n or Esc cancels; Enter presses the focused button
 * (Cancel at first, so a stray Enter deletes nothing); Tab, Shift-Tab, ← →
 * and h l switch buttons; ↑ ↓ k j PgUp PgDn Home End scroll the list. A
 * dialog that asks for the name is a text field instead (typedKey).
 */
import type { Key } from 'ink';
import { sanitize } from '../util/text.js';
import { dialogPageSize } from '../model/layout.js';
import {
  clearMarks,
  closeOverlay,
  nameToType,
  updateOverlay,
  type DialogFocus,
  type DialogState,
} from '../model/ui-state.js';
import { next, type Controller } from './environment.js';

export type DialogKeyResult = { state: DialogState } | { action: 'confirm' } | { action: 'cancel' };

export const dialogController: Controller = (state, { input, key }, env) => {
  const { overlay } = state;
  if (overlay.type !== 'confirm') return next(state);
  const pageSize = dialogPageSize(env.bodyHeight, overlay.targets.length);
  const result = dialogKey(overlay.dialog, input, key, overlay.targets.length, pageSize, overlay.targets[0]?.name);
  if ('state' in result) return next(updateOverlay(state, 'confirm', { dialog: result.state }));
  const closed = closeOverlay(state);
  if (result.action === 'cancel') return next(closed);
  return { state: clearMarks(closed), effects: [{ type: 'delete', kind: overlay.kind, targets: overlay.targets }] };
};

/** What a key does to the dialog; any key it does not use returns the same state object. */
export function dialogKey(
  state: DialogState,
  input: string,
  key: Key,
  targetCount: number,
  pageSize: number,
  name = '',
): DialogKeyResult {
  // Kitty keyboard protocol reports releases too; only presses act.
  if (key.eventType === 'release') return { state };
  if (key.escape) return { action: 'cancel' };
  if (state.typed !== null) return typedKey(state, state.typed, input, key, nameToType(name));
  if (key.return) return { action: state.focus === 'delete' ? 'confirm' : 'cancel' };
  if (key.tab || key.leftArrow || key.rightArrow) return { state: { ...state, focus: toggle(state.focus) } };

  const maxOffset = Math.max(0, targetCount - Math.max(1, pageSize));
  const scrollTo = (offset: number): DialogKeyResult => {
    const nextOffset = Math.min(maxOffset, Math.max(0, offset));
    return nextOffset === state.offset ? { state } : { state: { ...state, offset: nextOffset } };
  };
  const page = Math.max(1, pageSize);
  if (key.upArrow) return scrollTo(state.offset - 1);
  if (key.downArrow) return scrollTo(state.offset + 1);
  if (key.pageUp) return scrollTo(state.offset - page);
  if (key.pageDown) return scrollTo(state.offset + page);
  if (key.home) return scrollTo(0);
  if (key.end) return scrollTo(maxOffset);

  // Ctrl-Y is not a deliberate "yes"; a paste arrives as one longer string and matches nothing.
  if (key.ctrl || key.meta) return { state };
  switch (input) {
    case 'y':
    case 'Y':
      return { action: 'confirm' };
    case 'n':
    case 'N':
      return { action: 'cancel' };
    case 'h':
    case 'l':
      return { state: { ...state, focus: toggle(state.focus) } };
    case 'k':
      return scrollTo(state.offset - 1);
    case 'j':
      return scrollTo(state.offset + 1);
    default:
      return { state };
  }
}

/**
 * A dialog that asks for the name is a one-line text field: letters are
 * typed (y and n too), Enter deletes only once the name matches exactly, and
 * Esc cancels. Buttons do not take focus, so no Enter can slip past the name.
 */
function typedKey(state: DialogState, typed: string, input: string, key: Key, name: string): DialogKeyResult {
  const edit = (text: string): DialogKeyResult => (text === typed ? { state } : { state: { ...state, typed: text } });
  if (key.return) return typed === name ? { action: 'confirm' } : { state };
  if (key.backspace || key.delete) return edit([...typed].slice(0, -1).join(''));
  if (key.ctrl && input === 'u') return edit('');
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) {
    return { state };
  }
  return edit(typed + sanitize(input));
}

function toggle(focus: DialogFocus): DialogFocus {
  return focus === 'cancel' ? 'delete' : 'cancel';
}
