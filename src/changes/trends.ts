/**
 * A view's trend readings (ResourceView.trend) per row, for its sparklines:
 * one reading per distinct measurement time, at most `capacity` per row, and
 * a row not seen in any poll for an hour forgotten (gone, or outside the
 * server filter for that long), so memory stays bounded however long
 * cloudtop runs and however many nodes come and go.
 */
import { viewFor, type AnyRow, type ResourceKind } from '../views/index.js';
import type { TrendSpec } from '../views/resource.js';

/** Readings kept per row: the detail pane draws this many, the table the last few. */
export const TREND_CAPACITY = 60;
const FORGET_AFTER_MS = 60 * 60_000;

interface Series {
  values: readonly number[];
  /** When the last reading was taken (the API's time), so a repeated reading is not kept twice. */
  takenAt: number;
  /** When a poll last listed the row (our time). */
  seenAt: number;
}

export class TrendStore<Row> {
  private readonly series = new Map<string, Series>();

  constructor(
    private readonly spec: TrendSpec<Row>,
    private readonly getId: (row: Row) => string,
    private readonly capacity = TREND_CAPACITY,
  ) {}

  /** A poll's rows at `now`: each new reading is appended. */
  observe(rows: readonly Row[], now: number): void {
    for (const row of rows) {
      const id = this.getId(row);
      const known = this.series.get(id);
      if (known) known.seenAt = now;
      const reading = this.spec.read(row);
      if (!reading || !Number.isFinite(reading.value) || (known && reading.at <= known.takenAt)) continue;
      // A new array each time: a reader holding the old one sees what it drew.
      const values = known
        ? [...known.values.slice(Math.max(0, known.values.length - this.capacity + 1)), reading.value]
        : [reading.value];
      this.series.set(id, { values, takenAt: reading.at, seenAt: now });
    }
    for (const [id, entry] of this.series) if (now - entry.seenAt > FORGET_AFTER_MS) this.series.delete(id);
  }

  /** The row's readings, oldest first. */
  readonly readings = (id: string): readonly number[] => this.series.get(id)?.values ?? NONE;

  get size(): number {
    return this.series.size;
  }
}

const NONE: readonly number[] = Object.freeze([]);

/** A TrendStore for each kind whose view declares a trend. */
export class Trends {
  private readonly stores = new Map<ResourceKind, TrendStore<AnyRow>>();

  observe(kind: ResourceKind, rows: readonly AnyRow[], now: number): void {
    this.storeFor(kind)?.observe(rows, now);
  }

  /** What a view's columns read a row's readings from (ViewContext.trend). */
  readerFor(kind: ResourceKind): ((id: string) => readonly number[]) | undefined {
    return this.storeFor(kind)?.readings;
  }

  private storeFor(kind: ResourceKind): TrendStore<AnyRow> | undefined {
    let store = this.stores.get(kind);
    if (!store) {
      const view = viewFor(kind);
      if (!view.trend) return undefined;
      store = new TrendStore(view.trend, view.getId);
      this.stores.set(kind, store);
    }
    return store;
  }
}
