/**
 * Polls that start together are shown together: one render and one frame
 * for a round of lists, not one per list.
 *
 * Every list polls on the same clock (alignedDelay): the visible tab every
 * 5 s, hidden ones every 15 s, so every third visible poll the hidden tabs
 * poll in the same moment. Their answers still arrive apart, tens to
 * hundreds of milliseconds apart (a list of twenty pages against one of
 * one), and each drew its own frame: the tab line's count changed, and Ink
 * composes the whole screen for it. In the idle minute (1,000 of each kind,
 * bench cpu-idle) that was 28 frames, 16 of them for hidden tabs, at about
 * 20 ms of Ink's composition and 7 ms of React each.
 *
 * A poll joins the round that opened less than JOIN_MS before it, and when
 * its own answer is in, waits for the others of its round, never longer
 * than MAX_WAIT_MS: then the whole round's lists reach react-query in the
 * same task, which renders them in one pass. A poll alone in its round (a
 * refresh, the visible tab between hidden polls) waits for nothing.
 */

/** Polls started this close together are one round (timers of the same moment fire within a few ms). */
export const JOIN_MS = 100;
/** The longest a list that has arrived waits for the rest of its round. */
export const MAX_WAIT_MS = 500;

interface Round {
  openedAt: number;
  pending: number;
  finished: Promise<void>;
  finish: () => void;
  /** Started when the first poll is in: the round ends then at the latest. */
  deadline: ReturnType<typeof setTimeout> | undefined;
}

export class PollRounds {
  private open: Round | undefined;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Joins the round of this moment; call the returned function once the poll's answer (or failure) is in, and await it. */
  join(): () => Promise<void> {
    const now = this.now();
    let round = this.open;
    if (!round || now - round.openedAt > JOIN_MS) {
      let resolve!: () => void;
      const finished = new Promise<void>((settle) => (resolve = settle));
      const opened: Round = { openedAt: now, pending: 0, finished, finish: () => {}, deadline: undefined };
      opened.finish = () => {
        clearTimeout(opened.deadline);
        resolve();
      };
      round = opened;
      this.open = round;
    }
    const joined = round;
    joined.pending += 1;
    let left = false;
    // Every poll of the round resumes from the same promise, in the order
    // they joined, so none of them gets a render in ahead of the others.
    return () => {
      if (!left) {
        left = true;
        joined.pending -= 1;
        if (joined.pending === 0) joined.finish();
        else joined.deadline ??= setTimeout(joined.finish, MAX_WAIT_MS).unref();
      }
      return joined.finished;
    };
  }
}

/**
 * The wait until the list's next moment on the shared clock: the first
 * whole number of `intervalMs` at least half an interval after its last
 * poll (so a list just polled is not polled again at once). Lists with the
 * same interval, or intervals that divide each other, then poll in the same
 * moments.
 *
 * react-query asks again on every render and restarts its timer with the
 * answer, so the answer names the same moment however often it is asked,
 * and a moment that has come is answered "now" until the poll starts: a
 * render at that very moment (another list's poll, due then too) must not
 * push this one to the moment after.
 */
export function alignedDelay(intervalMs: number, now: number, lastPolledAt: number, polling: boolean): number {
  if (!(intervalMs > 0)) return intervalMs;
  const due = (Math.floor((lastPolledAt + intervalMs / 2) / intervalMs) + 1) * intervalMs;
  if (due > now) return due - now;
  if (!polling) return 1;
  return (Math.floor(now / intervalMs) + 1) * intervalMs - now;
}
