/**
 * Copying to the person's clipboard with OSC 52: the terminal emulator sets
 * its clipboard from an escape sequence, so it works over SSH (the sequence
 * travels with the output) and through tmux with `set-clipboard on`. No
 * clipboard program is needed on the jump host.
 */

/**
 * The most text sent: terminals cap OSC 52 payloads (xterm and others at
 * about 100 KB of base64, some lower), and what cloudtop copies (an id, an
 * ssh command) is tiny.
 */
export const MAX_COPY_BYTES = 8 * 1024;

/** The sequence that puts `text` on the clipboard, or null when it is too long to send. */
export function osc52(text: string): string | null {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > MAX_COPY_BYTES) return null;
  return `\u001b]52;c;${bytes.toString('base64')}\u0007`;
}
