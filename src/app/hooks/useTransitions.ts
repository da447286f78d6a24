/**
 * Connects the (React-free) transition tracker to the UI: re-render when it
 * changes, and exactly when a highlight ends; tell it which tab is on screen.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { RowByKind } from '../../views/index.js';
import type { ResourceKind } from '../../views/resource.js';
import { TransitionTracker } from '../transitions.js';

export type Tracker = TransitionTracker<RowByKind>;

export function useTracker(highlightMs: number): Tracker {
  return useMemo(() => new TransitionTracker<RowByKind>({ highlightMs }), [highlightMs]);
}

/** Re-renders on every visible change of the tracker; returns its version. */
export function useTrackerVersion(tracker: Tracker, viewing: ResourceKind): number {
  const version = useSyncExternalStore(tracker.subscribe, () => tracker.version);

  useEffect(() => {
    tracker.setViewing(viewing);
  }, [tracker, viewing]);

  // One timer, re-armed after every change and after it fires: a timer that
  // fires a millisecond early finds nothing to expire and must not leave a
  // highlight on screen for good.
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
        Math.max(0, next - Date.now()),
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
