/**
 * What one read from the terminal brought, as the keys a person typed.
 *
 * Ink splits escape sequences out of a read but not text: with key repeat or
 * fast typing over a slow link one read can be `jjj` or `eval\r`. And Esc
 * followed by another key in the same read reaches Ink as one sequence,
 * `ESC 4`, which it reports as Alt+4. No command uses Alt (Meta), so such a
 * key is what was typed: Esc, then the key. Keys that arrive together then
 * act exactly as keys typed apart.
 */
import type { Key } from 'ink';

/**
 * Splits one read into keys: control characters become the keys they are
 * (Enter, Tab, Backspace, Ctrl-letter), Meta+key becomes Esc and the key,
 * and text becomes one key per character, or stays one run when `keepText`
 * (a prompt takes pasted text whole).
 */
export function readKeys(input: string, key: Key, keepText = false): [string, Key][] {
  if (key.meta && key.eventType !== 'release') {
    const rest: Key = { ...key, meta: false };
    const follows = input !== '' || rest.ctrl || isNamedKey(rest);
    return [['', escapeKey(key)], ...(follows ? readKeys(input, rest, keepText) : [])];
  }
  const special = key.ctrl || key.escape || key.return || key.tab || key.backspace || key.delete;
  if ([...input].length <= 1 || special) return [[input, key]];
  const plain: Key = { ...key, shift: false };
  const keys: [string, Key][] = [];
  let text = '';
  const flushText = (): void => {
    if (text === '') return;
    if (keepText) keys.push([text, plain]);
    else for (const character of text) keys.push([character, plain]);
    text = '';
  };
  for (const character of input) {
    const code = character.codePointAt(0)!;
    if (code >= 0x20 && code !== 0x7f) {
      text += character;
      continue;
    }
    flushText();
    if (character === '\r' || character === '\n') keys.push(['', { ...plain, return: true }]);
    else if (character === '\t') keys.push(['', { ...plain, tab: true }]);
    else if (code === 0x7f || code === 0x08) keys.push(['', { ...plain, backspace: true }]);
    else if (code >= 0x01 && code <= 0x1a) keys.push([String.fromCharCode(code + 0x60), { ...plain, ctrl: true }]);
  }
  flushText();
  return keys;
}

/** Esc alone, as the press it was part of. */
function escapeKey(key: Key): Key {
  const none = Object.fromEntries(Object.keys(key).map((name) => [name, false])) as unknown as Key;
  return { ...none, escape: true, eventType: key.eventType };
}

/** A key that is more than its text: an arrow, Enter, Tab, Backspace… */
function isNamedKey(key: Key): boolean {
  return (
    key.upArrow ||
    key.downArrow ||
    key.leftArrow ||
    key.rightArrow ||
    key.pageUp ||
    key.pageDown ||
    key.home ||
    key.end ||
    key.return ||
    key.tab ||
    key.backspace ||
    key.delete ||
    key.escape
  );
}
