/**
 * The lines a log pane shows, bounded however long it follows: each fetch of
 * a log (the last N lines of a pod's, all of a sandbox's) is laid against the
 * last one and only the lines after their overlap are appended, cleaned of
 * escape sequences once, as they arrive. When the two fetches share nothing
 * (the log rotated, or moved on by more than a fetch holds), a marker says
 * lines may be missing.
 */
import { sanitize } from '../util/text.js';

/** The most lines kept: memory stays flat however long a chatty log is followed. */
export const MAX_LOG_LINES = 10_000;
/** The fewest lines two fetches must share, in order, for the second to count as continuing the first. */
const ANCHOR_LINES = 3;
export const GAP_MARKER = '⋯ (lines may be missing here: the log moved on further than one fetch shows)';

export class LogBuffer {
  private kept: string[] = [];
  /** Lines dropped from the front so far: line numbers stay absolute (a search match, the scroll position) while the buffer trims. */
  private dropped = 0;
  /** The last fetch as received, for finding where the next one continues it. */
  private previous: readonly string[] | null = null;
  /** Bumped on every change, so a screen knows when to draw again. */
  version = 0;

  constructor(private readonly max = MAX_LOG_LINES) {}

  get lines(): readonly string[] {
    return this.kept;
  }

  /** The absolute number of `lines[0]`: every line keeps its number for as long as it is kept. */
  get first(): number {
    return this.dropped;
  }

  /** One past the newest line's absolute number. */
  get end(): number {
    return this.dropped + this.kept.length;
  }

  /** Takes a fetch of the log; returns how many lines were appended. */
  take(fetched: readonly string[]): number {
    const fresh = this.previous === null ? fetched : continuation(this.previous, fetched);
    this.previous = fetched;
    if (fresh === null) return this.append([GAP_MARKER, ...fetched]);
    return this.append(fresh);
  }

  private append(lines: readonly string[]): number {
    if (lines.length === 0) return 0;
    const skipped = Math.max(0, lines.length - this.max);
    this.dropped += skipped;
    for (const line of skipped > 0 ? lines.slice(skipped) : lines) this.kept.push(clean(line));
    // Trimmed in chunks rather than one line at a time: one copy per 10% of growth.
    if (this.kept.length > this.max * 1.1) {
      this.dropped += this.kept.length - this.max;
      this.kept = this.kept.slice(-this.max);
    }
    this.version += 1;
    return lines.length;
  }
}

/**
 * What `next` adds after `previous`, or null when `next` does not continue
 * it. A fetch is a window on the log: `next` starts with the end of
 * `previous` (all of it when the whole log is fetched, as for sandboxes; a
 * later part when the last N lines are, as for pods). The longest such
 * overlap wins, so runs of identical lines are not taken for new ones; an
 * overlap shorter than ANCHOR_LINES is too likely a coincidence to trust.
 */
export function continuation(previous: readonly string[], next: readonly string[]): readonly string[] | null {
  if (previous.length === 0) return next;
  const minimum = Math.min(ANCHOR_LINES, previous.length);
  for (let skip = 0; previous.length - skip >= minimum; skip++) {
    const overlap = previous.length - skip;
    if (overlap > next.length) continue;
    let same = true;
    for (let i = 0; i < overlap && same; i++) same = previous[skip + i] === next[i];
    if (same) return next.slice(overlap);
  }
  return null;
}

/** A line as the terminal may show it: escape sequences and control characters gone, tabs as spaces. */
function clean(line: string): string {
  return sanitize(line.replace(/\t/g, '    '));
}
