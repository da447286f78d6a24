/**
 * What the transition tracker reports (tracker.ts): a transition, one event
 * in the story of what changed, and the highlight a row keeps for a while
 * after it. Each is said in one line by `describeTransition`.
 */
import type { ResourceKind, TrackedValue } from '../views/resource.js';
import { isFailedStatus } from '../views/status.js';
import { sanitize } from '../util/text.js';

export type TransitionKind = 'changed' | 'added' | 'removed';

/** One event in the story. `from` is null for an added row, `to` for a removed one. */
export interface Transition {
  /** Increases by one per transition across all resources: a stable React key, and an order. */
  readonly seq: number;
  readonly resource: ResourceKind;
  readonly kind: TransitionKind;
  readonly id: string;
  /** The row's name when the transition was seen (for a removed row, its last-seen name). Untrusted text. */
  readonly name: string;
  readonly from: string | null;
  readonly to: string | null;
  /** The `at` given to the `observe` that saw it (epoch ms). */
  readonly at: number;
  /** A tracked figure's id (`price`) when that moved rather than the status; `from` and `to` are then its texts. */
  readonly value?: string;
  /** The whole story in words, for a note that is no `OLD → NEW` (a watch that fired). Untrusted text. */
  readonly text?: string;
}

/** How a row is highlighted, and until when: active while `now < until`. */
export interface RowMark {
  readonly kind: TransitionKind;
  /** The status before, for a changed row whose status moved; null when only a tracked figure did. */
  readonly from: string | null;
  readonly to: string | null;
  readonly at: number;
  readonly until: number;
  /** Each tracked figure that moved, by its id: its text before (`$27.92`). */
  readonly values?: Readonly<Record<string, string>>;
}

/** A removed row kept visible (dimmed, marked gone) until its mark expires. */
export interface Ghost<Row> {
  /** The row as it was last seen. */
  readonly row: Row;
  readonly mark: RowMark;
}

/** How to read a row; a `ResourceView` from src/views has exactly these. */
export interface RowAccessors<Row> {
  getId(row: Row): string;
  getName(row: Row): string;
  getStatus(row: Row): string;
}

export interface Snapshot<Row> extends RowAccessors<Row> {
  rows: readonly Row[];
  /** Figures besides the status whose changes are transitions too (ResourceView.tracked). */
  tracked?: readonly TrackedValue<Row>[] | undefined;
  /**
   * The list is known to be incomplete (e.g. `ListResult.truncated`, cut at
   * the item cap): a missing row is then not evidence that it is gone. Missing
   * rows are kept silently for a few polls (see PARTIAL_GRACE_POLLS) and then
   * forgotten without a "removed" event. Status changes and additions are
   * still reported.
   */
  partial?: boolean;
}

/**
 * One line for the events panel and notifications: `ACTIVE → ERROR`, `new
 * (PROVISIONING)`, `gone (was ACTIVE)`, `price $27.92 → $19.92/hr (-$8.00)`,
 * or a note's own words. Terminal-safe.
 */
export function describeTransition(
  transition: Pick<Transition, 'kind' | 'from' | 'to'> & Partial<Pick<Transition, 'value' | 'text'>>,
): string {
  const show = (status: string | null): string => sanitize(status ?? '') || '?';
  if (transition.text !== undefined) return sanitize(transition.text);
  switch (transition.kind) {
    case 'changed':
      return `${transition.value === undefined ? '' : `${sanitize(transition.value)} `}${show(transition.from)} → ${show(transition.to)}`;
    case 'added':
      return `new (${show(transition.to)})`;
    case 'removed':
      return `gone (was ${show(transition.from)})`;
  }
}

/** A resource has just failed: it reached a failed status (ERROR, OFFLINE, …) from one that was not, or appeared failed. For `--notify`. */
export function isFailureTransition(
  transition: Pick<Transition, 'from' | 'to'> & Pick<Partial<Transition>, 'value' | 'text'>,
): boolean {
  // A figure that moved, or a note, is no status reached.
  if (transition.value !== undefined || transition.text !== undefined) return false;
  if (transition.to === null || !isFailedStatus(transition.to)) return false;
  return transition.from === null || !isFailedStatus(transition.from);
}
