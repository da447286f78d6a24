/**
 * Carries out the deletions views declare, through the operations the data
 * layer provides (sources.ts): one deletion queue per kind
 * (deletion-queue.ts), so every DELETE of a kind passes one gate. It also
 * says which resources read DELETING, for their rows' decoration, and which
 * actions can run at all. Plain TypeScript; React subscribes through
 * `subscribe` / `version`.
 */
import { isDeleteAction, type ActionId, type ActionTarget } from '../views/actions.js';
import { VIEWS } from '../views/index.js';
import type { ResourceKind } from '../views/resource.js';
import { ChangeSignal } from '../util/change-signal.js';
import { DeletionQueue, type DeletionOutcome } from './deletion-queue.js';
import { NEEDS, type Operations } from './sources.js';

const NO_IDS: ReadonlySet<string> = new Set();

export class Deletions {
  private readonly queues = new Map<ResourceKind, DeletionQueue>();
  /** Per kind: ids handed to its queue, and the DELETING set last given out (kept while it does not change). */
  private readonly sent = new Map<ResourceKind, Set<string>>();
  private readonly shown = new Map<ResourceKind, { key: string; ids: ReadonlySet<string> }>();
  private readonly signal = new ChangeSignal();

  constructor(private readonly operations: Operations) {}

  /** Whether cloudtop can carry out `action` on `kind` at all (the view declares it, and the operation it needs exists). */
  canRun(kind: ResourceKind, action: ActionId): boolean {
    const needed = NEEDS[action];
    return (
      (needed === undefined || this.operations[kind]?.[needed] !== undefined) &&
      VIEWS[kind].actions.some((declared) => declared.id === action)
    );
  }

  /** Never rejects: every failure is a value in the outcome. */
  run(kind: ResourceKind, targets: readonly ActionTarget[]): Promise<DeletionOutcome> {
    const queue = this.queueFor(kind);
    let sent = this.sent.get(kind);
    if (!sent) this.sent.set(kind, (sent = new Set()));
    for (const target of targets) sent.add(target.id);
    return queue.run(targets);
  }

  /**
   * Resources of `kind` that read DELETING: a DELETE in flight, or sent and
   * not yet contradicted by data newer than its success. Only resources ever
   * handed to the queue can be, so only those are asked about. The same set
   * while the answer is the same.
   */
  deleting(kind: ResourceKind, dataUpdatedAt: number): ReadonlySet<string> {
    const queue = this.queues.get(kind);
    const sent = this.sent.get(kind);
    if (!queue || !sent || sent.size === 0) return NO_IDS;
    const ids: string[] = [];
    for (const id of sent) {
      if (queue.showsDeleting(id, dataUpdatedAt)) ids.push(id);
      // Neither pending nor remembered as deleted: the queue is done with it, and so are we.
      else if (!queue.showsDeleting(id, 0)) sent.delete(id);
    }
    const key = ids.join('\u0000');
    const before = this.shown.get(kind);
    if (before?.key === key) return before.ids;
    const shown = { key, ids: ids.length === 0 ? NO_IDS : new Set(ids) };
    this.shown.set(kind, shown);
    return shown.ids;
  }

  readonly subscribe = this.signal.subscribe;

  /** Changes whenever any resource starts or stops being deleted. */
  readonly version = (): number => this.signal.version;

  private queueFor(kind: ResourceKind): DeletionQueue {
    let queue = this.queues.get(kind);
    if (queue) return queue;
    const operations = this.operations[kind];
    const view = VIEWS[kind];
    const action = view.actions.find(isDeleteAction);
    if (!operations?.delete || !action) throw new Error(`${kind} cannot be deleted`);
    queue = new DeletionQueue(operations.delete, {
      ...(operations.deleteMany && { bulk: operations.deleteMany }),
      noun: { one: view.singular, many: view.plural },
      permissionHint: action.permissionHint,
    });
    queue.subscribe(() => this.signal.changed());
    this.queues.set(kind, queue);
    return queue;
  }
}
