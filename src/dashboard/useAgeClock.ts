import { useEffect, useReducer, useRef } from 'react';

/**
 * How often ages are recomputed. Deliberately not on every poll: a poll that
 * changes nothing must repaint nothing but the update time (bytes over SSH).
 */
const AGE_CLOCK_MS = 15_000;
/** How much longer ages may wait for a render that happens anyway before a timer forces one. */
const AGE_CLOCK_GRACE_MS = 5_000;

/**
 * The time ages are computed against. It moves on at most every AGE_CLOCK_MS,
 * and only during a render that happens anyway (the visible tab's poll renders
 * every few seconds for its update time), so ages never cost a frame of their
 * own. A timer renders only when nothing else has for a while (paused, or a
 * failing API backing off): ages are then at most AGE_CLOCK_MS + AGE_CLOCK_GRACE_MS old.
 */
export function useAgeClock(): number {
  // Zero: the first render sets it.
  const advanced = useRef(0);
  const [, forceRender] = useReducer((n: number) => n + 1, 0);
  // Deliberately read and moved during render: the whole point is to ride on
  // renders that happen anyway rather than schedule frames of its own; a
  // render React discards only moves the clock a little early.
  /* eslint-disable react-hooks/refs, react-hooks/purity */
  const current = Date.now();
  if (current - advanced.current >= AGE_CLOCK_MS) advanced.current = current;
  const now = advanced.current;
  /* eslint-enable react-hooks/refs, react-hooks/purity */
  useEffect(() => {
    const timer = setInterval(() => {
      if (Date.now() - advanced.current >= AGE_CLOCK_MS + AGE_CLOCK_GRACE_MS) forceRender();
    }, AGE_CLOCK_GRACE_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}
