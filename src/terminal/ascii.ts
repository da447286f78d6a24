/**
 * ASCII for terminals outside a UTF-8 locale: every character beyond ASCII
 * that cloudtop (or an API's text) would write becomes ASCII of the same
 * width, so columns stay aligned: `›` `>`, `…` `~`, `→` `>`, box drawing
 * `+ - |`, anything else `?` (`??` for a wide character). Applied to the
 * whole stream Ink writes, and to `--once` output, so no byte escapes it.
 */
import { textWidth } from '../util/text.js';

const SAME_WIDTH: Readonly<Record<string, string>> = {
  '›': '>',
  '‹': '<',
  '»': '>',
  '«': '<',
  '•': '*',
  '·': '.',
  '…': '~',
  '×': 'x',
  '→': '>',
  '←': '<',
  '↑': '^',
  '↓': 'v',
  '▲': '^',
  '▼': 'v',
  '≈': '~',
  Δ: '+',
  '–': '-',
  '—': '-',
  '−': '-',
  '✓': 'v',
  '✗': 'x',
  '✕': 'x',
  '●': '*',
  '❚': '|',
  '↻': '@',
  '⏎': '<',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
};

const BOX = /[\u2500-\u257f]/;
const HORIZONTAL = /[─━═╌╍┄┅┈┉╴╶╸╺]/;
const VERTICAL = /[│┃║╎╏┆┇┊┋╵╷╹╻]/;
const NON_ASCII = /[^\u0000-\u007f]/gu;

function asciiFor(character: string): string {
  const known = SAME_WIDTH[character];
  if (known !== undefined) return known;
  if (BOX.test(character)) return HORIZONTAL.test(character) ? '-' : VERTICAL.test(character) ? '|' : '+';
  return '?'.repeat(textWidth(character));
}

export function toAscii(text: string): string {
  return text.replace(NON_ASCII, asciiFor);
}

/**
 * Every write of this process to `streams` made ASCII from here on: Ink's
 * frames, messages, `--once` output, a crash's last words. The process's own
 * streams, not a dependency's code: changed once, by the CLI, before
 * anything is written.
 */
export function writeAsciiOnly(...streams: NodeJS.WriteStream[]): void {
  for (const stream of streams) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) =>
      write(
        typeof chunk === 'string'
          ? toAscii(chunk)
          : chunk instanceof Uint8Array
            ? toAscii(Buffer.from(chunk).toString('utf8'))
            : chunk,
        ...rest,
      )) as NodeJS.WriteStream['write'];
  }
}
