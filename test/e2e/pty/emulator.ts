// The screen a person would see: the child's bytes fed, in order, to an
// @xterm/headless emulator, the raw stream kept beside it.
import xtermHeadless from '@xterm/headless';
import type { IUnicodeVersionProvider, Terminal as XTerm } from '@xterm/headless';
import stringWidth from 'string-width';

// The package is CommonJS built by a bundler whose exports Node cannot detect
// statically, so named ESM imports fail at run time; take the default export.
const { Terminal } = xtermHeadless;

export type { XTerm };

/** The bit layout of xterm.js's character properties (UnicodeService.createPropertyValue / extractWidth). */
const propertyValue = (width: number, join: boolean): number => ((width & 3) << 1) | (join ? 1 : 0);
const propertyWidth = (value: number): number => (value >> 1) & 3;

const modernWidthCache = new Map<number, 0 | 1 | 2>();
function modernWidth(codepoint: number): 0 | 1 | 2 {
  let width = modernWidthCache.get(codepoint);
  if (width === undefined) {
    const measured = stringWidth(String.fromCodePoint(codepoint));
    width = measured >= 2 ? 2 : measured <= 0 ? 0 : 1;
    modernWidthCache.set(codepoint, width);
  }
  return width;
}

/** string-width's widths, per code point, joined like xterm's own provider joins zero-width marks. */
const MODERN_WIDTHS: IUnicodeVersionProvider = {
  version: 'cloudtop-modern',
  wcwidth: modernWidth,
  charProperties(codepoint, preceding) {
    let width: number = modernWidth(codepoint);
    let join = width === 0 && preceding !== 0;
    if (join) {
      const previous = propertyWidth(preceding);
      if (previous === 0) join = false;
      else if (previous > width) width = previous;
    }
    return propertyValue(width, join);
  },
};

/** A headless terminal of this size, with xterm's own character widths or current terminals' (`modern`). */
export function createTerminal(cols: number, rows: number, unicode: 'xterm' | 'modern' = 'xterm'): XTerm {
  const term: XTerm = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
  if (unicode === 'modern') {
    term.unicode.register(MODERN_WIDTHS);
    term.unicode.activeVersion = MODERN_WIDTHS.version;
  }
  return term;
}

export function checkSize(cols: number, rows: number): void {
  if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 2 || rows < 1 || cols > 1000 || rows > 1000) {
    throw new Error(`invalid terminal size ${String(cols)}x${String(rows)}`);
  }
}

/**
 * The child's output: every chunk kept, and written to the emulator, whose
 * parsing is asynchronous. `onParsed` runs after each chunk is parsed, once
 * whatever waited for "all parsed" has run.
 */
export class OutputFeed {
  private readonly chunks: Buffer[] = [];
  private joined: Buffer | undefined;
  private received = 0;
  private pending = 0;
  private parsedWaiters: (() => void)[] = [];

  constructor(
    private readonly term: XTerm,
    private readonly onParsed: () => void,
  ) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.joined = undefined;
    this.received += chunk.length;
    this.pending++;
    this.term.write(chunk, () => {
      this.pending--;
      if (this.pending === 0) {
        const done = this.parsedWaiters;
        this.parsedWaiters = [];
        for (const run of done) run();
      }
      this.onParsed();
    });
  }

  /** Chunks written to the emulator and not yet parsed. */
  get unparsed(): number {
    return this.pending;
  }

  get bytes(): number {
    return this.received;
  }

  output(): Buffer {
    this.joined ??= Buffer.concat(this.chunks);
    return this.joined;
  }

  /** Runs `then` once everything received so far is parsed: now, if it is. */
  whenParsed(then: () => void): void {
    if (this.pending === 0) then();
    else this.parsedWaiters.push(then);
  }

  flush(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise<void>((resolveFlush) => this.parsedWaiters.push(resolveFlush));
  }
}

/** The visible screen: one line per row, trailing spaces trimmed. */
export function screenLines(term: XTerm): string[] {
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < term.rows; y++) {
    lines.push(buffer.getLine(buffer.baseY + y)?.translateToString(true) ?? '');
  }
  return lines;
}

/** The visible screen cell by cell (a wide character in its first cell, '' in the one it also covers). */
export function screenCells(term: XTerm): string[][] {
  const buffer = term.buffer.active;
  const rows: string[][] = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.baseY + y);
    const cells: string[] = [];
    for (let x = 0; x < term.cols; x++) cells.push(line?.getCell(x)?.getChars() ?? '');
    rows.push(cells);
  }
  return rows;
}

/** Visible rows that continue the row above (auto-wrap). */
export function wrappedRows(term: XTerm): number[] {
  const buffer = term.buffer.active;
  const rows: number[] = [];
  for (let y = 0; y < term.rows; y++) if (buffer.getLine(buffer.baseY + y)?.isWrapped) rows.push(y);
  return rows;
}

/** Every line of the active buffer, scrollback included, without trailing blank lines. */
export function bufferText(term: XTerm): string {
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
