/**
 * One resource's highlights: the marks of rows that just changed or
 * appeared, and the ghosts of rows that just left, each until its `until`.
 * Reads hand out the same Map and array while nothing changed, so identity
 * means "unchanged" downstream; expiry is one comparison until the earliest
 * `until` is reached. Part of the transition tracker (tracker.ts), which
 * decides what to highlight; this keeps them and lets them go.
 */
import type { Ghost, RowMark } from './transition.js';

const NO_GHOSTS: readonly Ghost<never>[] = Object.freeze([]);
const EMPTY_MARKS: ReadonlyMap<string, RowMark> = new Map();

export class Highlights<Row> {
  private readonly marks = new Map<string, RowMark>();
  private readonly ghosts = new Map<string, Ghost<Row>>();
  /** Handed-out copies, rebuilt only after a change. */
  private marksView: ReadonlyMap<string, RowMark> | null = null;
  private ghostsView: readonly Ghost<Row>[] | null = null;
  /** A lower bound on the earliest `until` among marks and ghosts; exact unless `earliestStale`. */
  private earliest = Infinity;
  private earliestStale = false;

  get size(): { marks: number; ghosts: number } {
    return { marks: this.marks.size, ghosts: this.ghosts.size };
  }

  /** Marks at the last prune, by id. */
  markView(): ReadonlyMap<string, RowMark> {
    this.marksView ??= this.marks.size === 0 ? EMPTY_MARKS : new Map(this.marks);
    return this.marksView;
  }

  /** Ghosts at the last prune, oldest removal first. */
  ghostView(): readonly Ghost<Row>[] {
    this.ghostsView ??= this.ghosts.size === 0 ? NO_GHOSTS : Array.from(this.ghosts.values());
    return this.ghostsView;
  }

  /** Highlights `id`, replacing any mark it had (the highlight restarts). */
  mark(id: string, mark: RowMark): void {
    // Replacing a mark may remove the one that held the earliest expiry.
    if (this.marks.has(id)) this.earliestStale = true;
    this.marks.set(id, mark);
    this.marksView = null;
    this.noteExpiry(mark.until);
  }

  /** A row that left: its mark gives way to its ghost, one row, one highlight. */
  addGhost(id: string, ghost: Ghost<Row>): void {
    if (this.marks.delete(id)) {
      this.marksView = null;
      this.earliestStale = true;
    }
    this.ghosts.set(id, ghost);
    this.ghostsView = null;
    this.noteExpiry(ghost.mark.until);
  }

  /** A row back within its highlight time: its ghost gives way to the live row. */
  dropGhost(id: string): void {
    if (!this.ghosts.delete(id)) return;
    this.ghostsView = null;
    // The ghost may have held the earliest expiry.
    this.earliestStale = true;
  }

  /** Forgets every highlight; whether any was there. */
  clear(): boolean {
    const had = this.marks.size > 0 || this.ghosts.size > 0;
    this.marks.clear();
    this.ghosts.clear();
    this.marksView = null;
    this.ghostsView = null;
    this.earliest = Infinity;
    this.earliestStale = false;
    return had;
  }

  /** Drops what expired at `now`; cheap (one comparison) until the earliest expiry is reached. Whether anything went. */
  prune(now: number): boolean {
    if (now < this.earliest) return false;
    let earliest = Infinity;
    let marksChanged = false;
    let ghostsChanged = false;
    this.marks.forEach((mark, id) => {
      if (now >= mark.until) {
        this.marks.delete(id);
        marksChanged = true;
      } else if (mark.until < earliest) earliest = mark.until;
    });
    this.ghosts.forEach((ghost, id) => {
      if (now >= ghost.mark.until) {
        this.ghosts.delete(id);
        ghostsChanged = true;
      } else if (ghost.mark.until < earliest) earliest = ghost.mark.until;
    });
    this.earliest = earliest;
    this.earliestStale = false;
    if (marksChanged) this.marksView = null;
    if (ghostsChanged) this.ghostsView = null;
    return marksChanged || ghostsChanged;
  }

  /** The earliest `until` still to come (Infinity when none). */
  nextExpiry(): number {
    if (this.earliestStale) {
      let earliest = Infinity;
      this.marks.forEach((mark) => {
        if (mark.until < earliest) earliest = mark.until;
      });
      this.ghosts.forEach((ghost) => {
        if (ghost.mark.until < earliest) earliest = ghost.mark.until;
      });
      this.earliest = earliest;
      this.earliestStale = false;
    }
    return this.earliest;
  }

  private noteExpiry(until: number): void {
    if (until < this.earliest) this.earliest = until;
  }
}
