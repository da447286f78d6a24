/**
 * Deletion, the destructive thing cloudtop does. A queue (one per kind of
 * resource) is the single gate every DELETE passes through, so a key held
 * down, a confirm pressed twice or two dialogs racing can never send a
 * second DELETE for the same resource: a repeat joins the request already in
 * flight, or reuses a recent success. It also bounds how many DELETEs run at
 * once and publishes which resources are being deleted, for the table's
 * optimistic DELETING decoration.
 *
 * Plain TypeScript: React subscribes through `subscribe` / `pendingIds`
 * (shaped for `useSyncExternalStore`).
 */
import { ApiError, isApiError, oneLine } from '../api/errors.js';
import type { ActionTarget } from '../views/actions.js';
import { ChangeSignal } from '../util/change-signal.js';
import { limiter } from '../util/pool.js';
import { sanitize } from '../util/text.js';

/** What a message calls the resources: `pod`, `pods`. */
export interface Noun {
  one: string;
  many: string;
}

export type DeletionResult = 'deleted' | 'already-gone' | 'failed';

export interface DeletionItem {
  id: string;
  name: string;
  result: DeletionResult;
  error?: ApiError;
}

export const MAY_HAVE_HAPPENED_HINT = 'the delete may have happened: the next poll tells';

/** The people-facing reason one DELETE failed: the error's one-line message plus what to do about it. */
export function describeDeleteError(error: ApiError, permissionHint: string): string {
  const message = oneLine(error.message);
  switch (error.kind) {
    case 'auth':
    case 'forbidden':
      // The hint is the news here, and the flash line is one line: lead with it.
      return `${permissionHint} (HTTP ${error.status ?? (error.kind === 'auth' ? 401 : 403)})`;
    case 'network':
    case 'timeout':
      return `${message}; ${MAY_HAVE_HAPPENED_HINT}`;
    case 'rate-limited': {
      // The HTTP layer already waited out what it could; this Retry-After was beyond its cap.
      if (/retry in \d/.test(message)) return message;
      return error.retryAfterMs !== undefined
        ? `${message}; retry in ${Math.ceil(error.retryAfterMs / 1000)}s`
        : `${message}; retry in a moment`;
    }
    default:
      return message;
  }
}

export class DeletionOutcome {
  readonly items: readonly DeletionItem[];
  private readonly noun: Noun;
  private readonly permissionHint: string;

  constructor(
    items: readonly DeletionItem[],
    noun: Noun = { one: 'resource', many: 'resources' },
    permissionHint = 'the API key needs write permission',
  ) {
    this.items = items;
    this.noun = noun;
    this.permissionHint = permissionHint;
  }

  get deleted(): readonly DeletionItem[] {
    return this.items.filter((item) => item.result === 'deleted');
  }
  get alreadyGone(): readonly DeletionItem[] {
    return this.items.filter((item) => item.result === 'already-gone');
  }
  get failed(): readonly DeletionItem[] {
    return this.items.filter((item) => item.result === 'failed');
  }

  /** Flash-line tone: any failure makes the whole outcome an error. */
  get tone(): 'success' | 'error' {
    return this.failed.length > 0 ? 'error' : 'success';
  }

  /** One line for the flash line, e.g. `Deleted pod llama-7` or `Deleted 3 of 4 pods; 1 failed: …`. */
  summary(): string {
    const { one, many } = this.noun;
    const total = this.items.length;
    const failed = this.failed;
    const gone = this.alreadyGone.length;
    if (total === 0) return 'Nothing to delete';
    if (total === 1) {
      const [item] = this.items as [DeletionItem];
      const name = sanitize(item.name);
      if (item.result === 'deleted') return `Deleted ${one} ${name}`;
      if (item.result === 'already-gone') return `${capitalised(one)} ${name} was already gone`;
      return `Could not delete ${one} ${name}: ${item.error ? describeDeleteError(item.error, this.permissionHint) : 'unknown error'}`;
    }
    const succeeded = total - failed.length;
    const goneNote = gone > 0 ? ` (${gone} ${gone === 1 ? 'was' : 'were'} already gone)` : '';
    if (failed.length === 0) return `Deleted ${total} ${many}${goneNote}`;
    const first = failed[0]!;
    const reason = first.error ? describeDeleteError(first.error, this.permissionHint) : 'unknown error';
    return `Deleted ${succeeded} of ${total} ${many}${goneNote}; ${failed.length} failed: ${sanitize(first.name)}: ${reason}`;
  }
}

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** What one bulk DELETE says about each id it was given. */
export interface BulkResult {
  succeeded: readonly string[];
  failed: readonly { id: string; error: string }[];
}

/** Deleting several in one request: at most `max` ids each, and at most one request every `minIntervalMs` (the API's rate limit). */
export interface BulkRemove {
  max: number;
  minIntervalMs: number;
  run: (ids: readonly string[]) => Promise<BulkResult>;
}

export interface DeletionQueueOptions {
  /** Several resources handed over at once go in bulk requests when given. */
  bulk?: BulkRemove;
  /** What messages call the resources. */
  noun?: Noun;
  /** What to tell a person whose key was refused (401/403). */
  permissionHint?: string;
  /** DELETEs in flight at once, across every run. */
  concurrency?: number;
  /** How long a success is remembered, so a repeat within it sends nothing. */
  rememberMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface Settled {
  result: Exclude<DeletionResult, 'failed'>;
  at: number;
}

const EMPTY: ReadonlySet<string> = new Set();

export class DeletionQueue {
  private readonly remove: (id: string) => Promise<void>;
  private readonly bulk: BulkRemove | undefined;
  /** Bulk requests go one after another, spaced by `bulk.minIntervalMs`. */
  private bulkChain: Promise<unknown> = Promise.resolve();
  private lastBulkAt = -Infinity;
  private readonly noun: Noun | undefined;
  private readonly permissionHint: string | undefined;
  /** DELETEs in flight at once, across every run. */
  private readonly slots: ReturnType<typeof limiter>;
  private readonly rememberMs: number;
  private readonly now: () => number;

  private readonly inFlight = new Map<string, Promise<Omit<DeletionItem, 'name'>>>();
  private readonly succeeded = new Map<string, Settled>();
  private readonly signal = new ChangeSignal();
  private pending: ReadonlySet<string> = EMPTY;

  /** `remove` sends one DELETE. */
  constructor(remove: (id: string) => Promise<void>, options: DeletionQueueOptions = {}) {
    this.remove = remove;
    this.bulk = options.bulk;
    this.noun = options.noun;
    this.permissionHint = options.permissionHint;
    this.slots = limiter(options.concurrency ?? 4);
    this.rememberMs = options.rememberMs ?? 120_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Deletes every target (duplicates by id collapse into one). Never rejects:
   * each failure is a value in the outcome.
   */
  async run(targets: readonly Pick<ActionTarget, 'id' | 'name'>[]): Promise<DeletionOutcome> {
    const unique = new Map<string, Pick<ActionTarget, 'id' | 'name'>>();
    for (const target of targets) if (!unique.has(target.id)) unique.set(target.id, target);
    const fresh = [...unique.keys()].filter((id) => !this.inFlight.has(id) && !this.recentSuccess(id));
    if (this.bulk && fresh.length > 1) this.sendInBulk(fresh, this.bulk);
    const items = await Promise.all(
      [...unique.values()].map(async (target): Promise<DeletionItem> => ({
        ...(await this.deleteOnce(target.id)),
        name: target.name,
      })),
    );
    return new DeletionOutcome(items, this.noun, this.permissionHint);
  }

  /** True from the moment a resource is handed to `run` until its DELETE settles (queued ones included). */
  isPending = (id: string): boolean => this.pending.has(id);

  /** Ids being deleted now. A new set on every change, so it can be `useSyncExternalStore`'s snapshot. */
  pendingIds = (): ReadonlySet<string> => this.pending;

  /**
   * Whether a row should read DELETING whatever the data says: while its DELETE
   * is pending, and after a success until data newer than that success arrives
   * (so the row does not flash back to ACTIVE between the DELETE and the next poll).
   */
  showsDeleting = (id: string, dataUpdatedAt: number): boolean => {
    if (this.pending.has(id)) return true;
    const done = this.recentSuccess(id);
    return done !== undefined && done.result === 'deleted' && dataUpdatedAt <= done.at;
  };

  /** Called after every change of `pendingIds`. Returns the unsubscribe function. */
  readonly subscribe = this.signal.subscribe;

  private deleteOnce(id: string): Promise<Omit<DeletionItem, 'name'>> {
    const running = this.inFlight.get(id);
    if (running) return running;
    const done = this.recentSuccess(id);
    if (done) return Promise.resolve({ id, result: done.result });

    const attempt = this.slots(() => this.send(id)).finally(() => {
      this.inFlight.delete(id);
      this.setPending(id, false);
    });
    this.inFlight.set(id, attempt);
    this.setPending(id, true);
    return attempt;
  }

  /** One request per batch; each id's result comes from its batch's answer. */
  private sendInBulk(ids: readonly string[], bulk: BulkRemove): void {
    for (let start = 0; start < ids.length; start += bulk.max) {
      const batch = ids.slice(start, start + bulk.max);
      const answer = this.spaced(bulk, () => bulk.run(batch));
      for (const id of batch) {
        const attempt = answer
          .then(
            (result) => this.resultOf(id, result),
            (caught: unknown) => ({ id, result: 'failed' as const, error: asApiError(caught) }),
          )
          .finally(() => {
            this.inFlight.delete(id);
            this.setPending(id, false);
          });
        this.inFlight.set(id, attempt);
        this.setPending(id, true);
      }
    }
  }

  /** Runs `task` after the bulk request before it, and no sooner than `minIntervalMs` after it started. */
  private spaced<T>(bulk: BulkRemove, task: () => Promise<T>): Promise<T> {
    const turn = this.bulkChain.then(async () => {
      const wait = this.lastBulkAt + bulk.minIntervalMs - this.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.lastBulkAt = this.now();
      return task();
    });
    // The next batch waits for this one to be sent and answered, whatever the answer.
    this.bulkChain = turn.catch(() => undefined);
    return turn;
  }

  private resultOf(id: string, result: BulkResult): Omit<DeletionItem, 'name'> {
    if (result.succeeded.includes(id)) {
      this.remember(id, 'deleted');
      return { id, result: 'deleted' };
    }
    const failure = result.failed.find((entry) => entry.id === id);
    if (failure && /not found/i.test(failure.error)) {
      this.remember(id, 'already-gone');
      return { id, result: 'already-gone' };
    }
    const message = oneLine(failure?.error ?? 'the API gave no answer for it');
    return { id, result: 'failed', error: new ApiError({ kind: 'invalid-request', api: 'Prime Intellect', message }) };
  }

  private async send(id: string): Promise<Omit<DeletionItem, 'name'>> {
    try {
      await this.remove(id);
      this.remember(id, 'deleted');
      return { id, result: 'deleted' };
    } catch (caught) {
      const error = asApiError(caught);
      if (error.kind === 'not-found') {
        this.remember(id, 'already-gone');
        return { id, result: 'already-gone' };
      }
      return { id, result: 'failed', error };
    }
  }

  private remember(id: string, result: Settled['result']): void {
    this.succeeded.set(id, { result, at: this.now() });
  }

  private recentSuccess(id: string): Settled | undefined {
    const done = this.succeeded.get(id);
    if (!done) return undefined;
    if (this.now() - done.at > this.rememberMs) {
      this.succeeded.delete(id);
      return undefined;
    }
    return done;
  }

  private setPending(id: string, pending: boolean): void {
    if (this.pending.has(id) === pending) return;
    const next = new Set(this.pending);
    if (pending) next.add(id);
    else next.delete(id);
    this.pending = next;
    this.signal.changed();
  }
}

/** Anything `remove` throws becomes an ApiError; an unknown failure is treated as a network one (it may have happened). */
function asApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  const text = error instanceof Error ? error.message : String(error);
  return new ApiError({ kind: 'network', api: 'Prime Intellect', message: `Delete request failed: ${oneLine(text)}` });
}
