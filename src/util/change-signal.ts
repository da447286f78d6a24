/**
 * What React's `useSyncExternalStore` needs from a plain object that
 * changes: `subscribe`, and a version that moves on with every change. The
 * transition tracker and the deletion queues each keep one.
 */
export class ChangeSignal {
  private readonly listeners = new Set<() => void>();
  private current = 0;

  /** Calls `listener` after every change that notifies. Returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Moves on with every change, notified or not. */
  get version(): number {
    return this.current;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Something changed: the version moves on, and listeners are told unless `notify` is false (a change nothing on screen shows). */
  changed(notify = true): void {
    this.current++;
    if (!notify) return;
    for (const listener of Array.from(this.listeners)) listener();
  }
}
