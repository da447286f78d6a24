import type { Rng } from '../random.js';
import type { Disk, Pod } from '../wire-types.js';

/**
 * What a resource model may see of the world while it creates or advances a
 * resource. Cross-resource links (pods <-> disks, pod history) go through
 * here so each model stays about one kind.
 */
export interface WorldContext {
  readonly rng: Rng;
  readonly startTime: number;
  /** Whether the world changes on its own (see SimulatorOptions.churn). */
  readonly churn: boolean;
  /** Sim time of the event being processed (or of the current step). */
  now(): number;
  randomAttachableDisk(): Disk | undefined;
  /** Called once when a pod reaches TERMINATED: moves it to history, detaches its disks. */
  podTerminated(pod: Pod): void;
}

/** Where a new resource comes from: the initial world, or a later arrival / control add. */
export type Origin = 'seed' | 'new';

/**
 * One resource kind's behaviour. `plan` and `fire` together form the
 * lifecycle: the world asks `plan` how long until the next transition, and
 * calls `fire` when that time comes, in time order across the whole world.
 */
export interface KindModel<R, W> {
  idOf(record: R): string;
  create(ctx: WorldContext, origin: Origin): R;
  /** Merge control-API overrides into a freshly created record. */
  applyOverrides(record: R, overrides: Partial<W>, ctx: WorldContext): void;
  /** Milliseconds until the next transition, or null when nothing will happen on its own. */
  plan(record: R, ctx: WorldContext): number | null;
  /** Apply the transition that is now due. */
  fire(record: R, ctx: WorldContext): 'keep' | 'remove';
  /** Make a status change behave like a real one (timestamps, dependent fields). */
  applyStatus(record: R, status: string, ctx: WorldContext): void;
  toWire(record: R, ctx: WorldContext): W;
  /** Sort key for the API's default order (newest first). */
  createdAtMs(record: R): number;
}
