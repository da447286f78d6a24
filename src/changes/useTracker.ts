/**
 * Connects the (React-free) transition tracker to the UI: re-render when it
 * changes, and exactly when a highlight ends; tell it which tab is on screen.
 */
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { RowByKind } from '../views/index.js';
import type { ResourceKind } from '../views/resource.js';
import { TransitionTracker } from './tracker.js';

export type Tracker = TransitionTracker<RowByKind>;

/** How much longer than `--highlight` a mark may stay, waiting for a render that happens anyway. */
export const EXPIRY_SLACK_MS = 500;

export function useTracker(highlightMs: number): Tracker {
  return useMemo(() => new TransitionTracker<RowByKind>({ highlightMs }), [highlightMs]);
}

/**
 * Re-renders on every visible change of the tracker; returns its version.
 *
 * The re-render is asked for a moment later (a zero timeout), not from inside
 * the tracker's notification: a poll's changes are observed in the query
 * function, just before react-query stores the list, and react-query's own
 * notification (a microtask, see createQueryClient) then renders the new
 * list and the new marks together. By the time the deferred request runs the
 * version is already on screen and React skips it. Asking at once would draw
 * a frame with the new marks on the old rows, then another.
 */
export function useTrackerVersion(tracker: Tracker, viewing: ResourceKind): number {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const timers = new Set<ReturnType<typeof setTimeout>>();
      const unsubscribe = tracker.subscribe(() => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          onChange();
        }, 0);
        timers.add(timer);
      });
      return () => {
        unsubscribe();
        timers.forEach(clearTimeout);
      };
    },
    [tracker],
  );
  const version = useSyncExternalStore(subscribe, () => tracker.version);

  useEffect(() => {
    tracker.setViewing(viewing);
  }, [tracker, viewing]);

  // One timer, re-armed after every change and after it fires: a timer that
  // fires a millisecond early finds nothing to expire and must not leave a
  // highlight on screen for good. It fires EXPIRY_SLACK_MS late on purpose:
  // marks last a whole number of poll intervals, so a highlight usually ends
  // just as the next poll arrives, and that poll's render drops it (reads
  // prune); the timer then finds nothing to do instead of drawing a frame of
  // its own a few milliseconds before the poll's.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      const next = tracker.nextExpiry(Date.now());
      if (next === null) return;
      timer = setTimeout(
        () => {
          tracker.expire(Date.now());
          arm();
        },
        Math.max(0, next - Date.now()) + EXPIRY_SLACK_MS,
      );
    };
    arm();
    const unsubscribe = tracker.subscribe(arm);
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [tracker]);

  return version;
}
