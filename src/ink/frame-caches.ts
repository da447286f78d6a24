/**
 * Ink's frame composer (ink/build/output.js) turns every line of text into
 * styled cells (ANSI tokenising, a Unicode regex per cell, string-width per
 * cell) through an `OutputCaches` object, but makes a new one for every
 * frame, so each frame re-does all 50 lines even when one changed: measured
 * at 6–9 ms of a 200×50 frame on a 2-core EPYC, the largest part of every
 * frame cloudtop draws. Those caches are pure functions of the line's text,
 * so the build (scripts/ink-speedups.mjs) makes every frame share one
 * instance, with its maps bounded here.
 *
 * Sharing is safe because Ink never mutates what the caches hand out: cells
 * are copied (`blankCell`) before any change, and lines are rebuilt as new
 * strings.
 */
import { GenerationalMap } from '../util/generational-map.js';

/** The cell an empty frame is made of; frozen, so a change to it would throw rather than spread. */
export const BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });

/** The fields of Ink 8's OutputCaches; the build fails if its source no longer matches. */
interface OutputCaches {
  widths: unknown;
  blockWidths: unknown;
  styledChars: unknown;
  getStyledChars(text: string): readonly StyledChar[];
}

/** A cell as @alcalzone/ansi-tokenize describes it (only what is read here). */
interface StyledChar {
  value: string;
}

/** Each text's lines, as Ink's applyWriteOperation builds them; never changed by Ink (it maps and slices into new arrays). */
const textLines = new GenerationalMap<string, readonly string[]>(1_024);

/**
 * What Ink 8.0.0's applyWriteOperation computes first for every text node on
 * every frame: the text split into lines at newlines, each line re-serialised
 * from its styled cells. The same text gives the same lines, so they are
 * remembered, and being the same string objects frame after frame, every
 * later lookup keyed by them hits a cached string hash.
 */
export function linesOf(caches: OutputCaches, text: string, serialize: (cells: StyledChar[]) => string): readonly string[] {
  let lines = textLines.get(text);
  if (lines === undefined) {
    const cellLines: StyledChar[][] = [[]];
    for (const cell of caches.getStyledChars(text)) {
      if (cell.value === '\n') cellLines.push([]);
      else cellLines[cellLines.length - 1]!.push(cell);
    }
    lines = cellLines.map(serialize);
    textLines.set(text, lines);
  }
  return lines;
}

/**
 * Lines of styled cells are the big entries (~200 small objects each), so
 * there are few of them: a 50-line frame uses about
 * 60 (one per line), and at most twice this many are kept (a few MB).
 */
const LINES_PER_GENERATION = 128;
const WIDTHS_PER_GENERATION = 4_096;

const shared = new WeakMap<object, OutputCaches>();

/** How many copies of Ink draw through shared caches (for the test that checks the patch is live). */
export function patchedInkCount(): number {
  return patched;
}
let patched = 0;

/** The one caches object every frame uses (per OutputCaches class, i.e. per copy of Ink). */
export function sharedAcrossFrames<T extends OutputCaches>(Caches: new () => T): T {
  let caches = shared.get(Caches) as T | undefined;
  if (!caches) {
    caches = new Caches();
    caches.widths = new GenerationalMap(WIDTHS_PER_GENERATION);
    caches.blockWidths = new GenerationalMap(WIDTHS_PER_GENERATION);
    caches.styledChars = new GenerationalMap(LINES_PER_GENERATION);
    shared.set(Caches, caches);
    patched++;
  }
  return caches;
}
