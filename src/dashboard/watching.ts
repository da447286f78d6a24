/**
 * The watches at work: each poll of the offers goes through the watch rules
 * (src/filter/watch.ts), and each offer that comes to match a watch is told
 * once, as an event line like any other change and, with `--notify`, as a
 * desktop notification with the bell (src/terminal/notify.ts).
 */
import { viewFor, type AnyRow, type ResourceKind } from '../views/index.js';
import { WatchBook, type FilterExpression } from '../filter/index.js';
import type { Tracker } from '../changes/useTracker.js';
import type { PolledList } from '../data/queries.js';
import { WATCH_KIND, type WatchEntry } from '../model/watches.js';
import type { Notifier } from '../terminal/notify.js';

export class Watching {
  private readonly view = viewFor(WATCH_KIND);
  private readonly book = new WatchBook<AnyRow>(this.view);

  constructor(
    private readonly tracker: Pick<Tracker, 'note'>,
    private readonly notifier: Pick<Notifier, 'alert'> | undefined,
  ) {}

  /** A poll's rows (only the watched kind's matter), against the watches in force. */
  observe(kind: ResourceKind, rows: readonly AnyRow[], at: number, list: PolledList, watches: readonly WatchEntry[]) {
    if (kind !== WATCH_KIND) return;
    const filters = watches.map((entry) => entry.filter);
    for (const { index, watch, row } of this.book.observe(filters, { rows, at, ...list })) {
      const name = this.view.getName(row);
      const what = `watch ${index + 1} (${watch.source})`;
      const now = this.now(row);
      this.tracker.note(
        kind,
        { id: this.view.getId(row), name, from: null, to: null, text: `matches ${what}${now}` },
        at,
      );
      // alert() cleans the text: the name and the watch are untrusted.
      this.notifier?.alert(`${what}: ${this.view.singular} ${name} matches${now}`);
    }
  }

  /** How many offers a watch matched at the last poll (null before one), for `:watches`. */
  readonly matches = (watch: FilterExpression): number | null => this.book.matching(watch);

  /** ` (High, $23.92)`: the offer's status and tracked figures as they are now. */
  private now(row: AnyRow): string {
    const status = this.view.getStatus(row);
    const figures = (this.view.tracked ?? []).map((figure) => figure.format(figure.read(row)));
    const parts = [status, ...figures].filter((part) => part !== '');
    return parts.length > 0 ? ` (${parts.join(', ')})` : '';
  }
}
