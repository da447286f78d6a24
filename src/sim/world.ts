import type { Charge } from './account/ledger.js';
import { chargesOf, SimWallet } from './account/wallet.js';
import { EventQueue } from './event-queue.js';
import { diskModel, isAttachable, markDiskDeleted } from './kinds/disks.js';
import type { KindModel, WorldContext } from './kinds/model.js';
import { type NodeRecord, buildOperators, makeNodeModel } from './kinds/nodes.js';
import { podHistoryEntry, podModel, seedHistoryEntry } from './kinds/pods.js';
import { OfferMarket, type OfferCounts } from './kinds/offers.js';
import { ENDED_SANDBOX_STATUSES, markSandboxDeleted, sandboxModel } from './kinds/sandboxes.js';
import { Rng } from './random.js';
import { HOUR, MINUTE } from './time.js';
import {
  RESOURCE_KINDS,
  type Disk,
  type Pod,
  type PodHistoryEntry,
  type ResourceKind,
  type Sandbox,
  type WireByKind,
} from './wire-types.js';

export interface WorldOptions {
  seed: number;
  counts: Record<ResourceKind, number>;
  startTime: number;
  churn: boolean;
  /** Offers on each availability endpoint; default DEFAULT_OFFER_COUNTS. */
  offers?: OfferCounts;
}

/** What the world stores per kind; only nodes keep more than their wire object. */
export interface RecordByKind {
  pods: Pod;
  disks: Disk;
  sandboxes: Sandbox;
  nodes: NodeRecord;
}

type Models = { [K in ResourceKind]: KindModel<RecordByKind[K], WireByKind[K]> };
type Stores = { [K in ResourceKind]: Map<string, RecordByKind[K]> };

/** Mean sim time between spontaneous arrivals, per kind ("a few per sim hour"). */
const ARRIVAL_MEAN_MS: Record<ResourceKind, number> = {
  pods: 30 * MINUTE,
  disks: 2 * HOUR,
  sandboxes: 8 * MINUTE,
  nodes: 45 * MINUTE,
};

/** Past pods generated for the history endpoint, so it has something on first look. */
const MAX_SEEDED_HISTORY = 500;
/** The wallet starts with this many hours of the seeded world's spending (a runway of about four days), and at least WALLET_MIN_USD. */
const WALLET_HOURS = 100;
const WALLET_MIN_USD = 500;
/** Billing rows are made up for this long before start, at each resource's price then: the last hour is never empty. */
const BILLED_HOURS_BEFORE = 6;

export class DuplicateIdError extends Error {}

/**
 * The simulated account: every resource, its lifecycle schedule and the links
 * between kinds. Time moves only through `stepTo`, which processes due
 * transitions strictly in time order; with the same seed and the same
 * sequence of calls the world therefore evolves identically, however the
 * steps are sliced.
 */
export class World {
  readonly history: PodHistoryEntry[] = [];
  readonly wallet: SimWallet;
  /** The GPU offers of the availability endpoints, on the same clock. */
  readonly offers: OfferMarket;
  private readonly historyIds = new Set<string>();
  private readonly rng: Rng;
  private readonly models: Models;
  private readonly stores: Stores = { pods: new Map(), disks: new Map(), sandboxes: new Map(), nodes: new Map() };
  /** Bumped whenever a kind gains or loses a record, so list orderings can be cached between changes. */
  private readonly memberships: Record<ResourceKind, number> = { pods: 0, disks: 0, sandboxes: 0, nodes: 0 };
  private readonly queue = new EventQueue();
  /** Valid generation per scheduled key: rescheduling invalidates older queue entries. */
  private readonly timers = new Map<string, number>();
  private generation = 0;
  private time: number;
  private readonly arrivalCaps: Record<ResourceKind, number>;
  /** Disk ids in creation order, for O(1) random picks when attaching pods. */
  private readonly diskIds: string[] = [];
  readonly ctx: WorldContext;

  constructor(private readonly options: WorldOptions) {
    this.rng = new Rng(options.seed);
    this.time = options.startTime;
    this.models = {
      pods: podModel,
      disks: diskModel,
      sandboxes: sandboxModel,
      nodes: makeNodeModel(buildOperators(options.seed)),
    };
    // A plain object (not `this`), so models can derive a context with another `now`.
    this.ctx = {
      rng: this.rng,
      startTime: options.startTime,
      churn: options.churn,
      now: () => this.time,
      randomAttachableDisk: () => this.randomAttachableDisk(),
      podTerminated: (pod) => this.onPodTerminated(pod),
    };
    this.arrivalCaps = {
      pods: options.counts.pods * 2 + 10,
      disks: options.counts.disks * 2 + 10,
      sandboxes: options.counts.sandboxes * 2 + 10,
      nodes: options.counts.nodes * 2 + 10,
    };

    // Disks first: pods link to them.
    for (const kind of ['disks', 'pods', 'sandboxes', 'nodes'] as const) {
      for (let i = 0; i < options.counts[kind]; i++) this.insert(kind, this.models[kind].create(this.ctx, 'seed'));
    }
    const historyCount = Math.min(MAX_SEEDED_HISTORY, Math.ceil(options.counts.pods / 3));
    const seeded = Array.from({ length: historyCount }, () => seedHistoryEntry(this.ctx));
    seeded.sort((a, b) => Date.parse(a.terminatedAt) - Date.parse(b.terminatedAt));
    for (const entry of seeded) this.pushHistory(entry);

    this.wallet = new SimWallet(
      Math.max(WALLET_MIN_USD, Math.round(this.burnRate() * WALLET_HOURS * 100) / 100),
      this.time,
      `bill-${options.seed}`,
    );
    this.wallet.seedHistory(this.charges(), this.time, BILLED_HOURS_BEFORE);

    if (options.churn) for (const kind of RESOURCE_KINDS) this.scheduleArrival(kind);
    this.offers = new OfferMarket(options.seed, options.startTime, options.churn, options.offers);
  }

  /** What each pod and disk bills per hour right now, for the wallet's rows (account/ledger.ts). */
  charges(): Generator<Charge> {
    return chargesOf(this.stores.pods.values(), this.stores.disks.values());
  }

  /** What the account's pods and disks bill per hour right now. */
  burnRate(): number {
    let total = 0;
    for (const charge of this.charges()) total += charge.perHour;
    return total;
  }

  now(): number {
    return this.time;
  }

  /** The seed the world was made from (logs derive their lines from it). */
  get seed(): number {
    return this.options.seed;
  }

  /** Brings the world up to `target`, firing due transitions in time order. */
  stepTo(target: number): void {
    for (;;) {
      const next = this.queue.peek();
      if (!next || next.at > target) break;
      this.queue.pop();
      if (this.timers.get(next.key) !== next.generation) continue;
      this.timers.delete(next.key);
      this.time = Math.max(this.time, next.at);
      this.fire(next.key);
    }
    this.time = Math.max(this.time, target);
    this.offers.stepTo(this.time);
    this.wallet.charge(this.time, this.charges());
  }

  records<K extends ResourceKind>(kind: K): IterableIterator<RecordByKind[K]> {
    return this.storeOf(kind).values();
  }

  /** Changes exactly when `kind` gains or loses a record (not when one changes). */
  membership(kind: ResourceKind): number {
    return this.memberships[kind];
  }

  count(kind: ResourceKind): number {
    return this.stores[kind].size;
  }

  record<K extends ResourceKind>(kind: K, id: string): RecordByKind[K] | undefined {
    return this.storeOf(kind).get(id);
  }

  /** The object as the API would send it (shared, not copied: do not mutate). */
  wire<K extends ResourceKind>(kind: K, record: RecordByKind[K]): WireByKind[K] {
    return this.modelOf(kind).toWire(record, this.ctx);
  }

  idOf<K extends ResourceKind>(kind: K, record: RecordByKind[K]): string {
    return this.modelOf(kind).idOf(record);
  }

  createdAtMs<K extends ResourceKind>(kind: K, record: RecordByKind[K]): number {
    return this.modelOf(kind).createdAtMs(record);
  }

  setStatus(kind: ResourceKind, id: string, status: string): boolean {
    const model = this.modelOf(kind);
    const record = this.storeOf(kind).get(id);
    if (record === undefined) return false;
    model.applyStatus(record, status, this.ctx);
    this.afterChange(kind, record);
    return true;
  }

  add<K extends ResourceKind>(kind: K, overrides: Partial<WireByKind[K]> = {}): WireByKind[K] {
    const model = this.modelOf(kind);
    const record = model.create(this.ctx, 'new');
    // Overrides may change the pod's id or its attachments: link after merging.
    if (kind === 'pods') this.unlinkPodFromDisks(record as Pod);
    model.applyOverrides(record, overrides, this.ctx);
    const id = model.idOf(record);
    if (this.storeOf(kind).has(id)) throw new DuplicateIdError(`a ${kind} resource with id ${id} already exists`);
    if (kind === 'pods') this.linkPodToDisks(record as Pod);
    this.insert(kind, record);
    return model.toWire(record, this.ctx);
  }

  remove(kind: ResourceKind, id: string): boolean {
    if (!this.storeOf(kind).has(id)) return false;
    this.drop(kind, id);
    return true;
  }

  /** DELETE /api/v1/pods/{id}: idempotent while the pod is on its way out. */
  deletePod(id: string): boolean {
    const pod = this.stores.pods.get(id);
    if (!pod) return false;
    if (pod.status === 'DELETING' || pod.status === 'TERMINATED') return true;
    podModel.applyStatus(pod, 'DELETING', this.ctx);
    this.afterChange('pods', pod);
    return true;
  }

  /**
   * DELETE /api/v1/sandbox/{id}, and each id of a bulk delete: a sandbox
   * still going is TERMINATED now; either way it leaves the list 10-30 sim
   * seconds later, even without churn. Idempotent.
   */
  deleteSandbox(id: string): boolean {
    const sandbox = this.stores.sandboxes.get(id);
    if (!sandbox) return false;
    if (!markSandboxDeleted(sandbox)) return true;
    if (!ENDED_SANDBOX_STATUSES.includes(sandbox.status)) {
      sandbox.terminationReason = 'DELETED';
      sandboxModel.applyStatus(sandbox, 'TERMINATED', this.ctx);
    }
    this.afterChange('sandboxes', sandbox);
    return true;
  }

  /**
   * DELETE /api/v1/disks/{id}: a disk attached to a pod is refused (its data
   * is in use); otherwise it goes DELETING, TERMINATED 5-20 sim seconds
   * later, and leaves the list 10-30 seconds after that, even without churn.
   * Idempotent on its way out. The disk as it is now, or why not.
   */
  deleteDisk(id: string): { disk: Disk } | 'missing' | { attached: Disk } {
    const disk = this.stores.disks.get(id);
    if (!disk) return 'missing';
    if (disk.pods.length > 0) return { attached: disk };
    if (disk.status === 'TERMINATED') {
      if (markDiskDeleted(disk)) this.afterChange('disks', disk);
    } else if (disk.status !== 'DELETING') {
      diskModel.applyStatus(disk, 'DELETING', this.ctx);
      this.afterChange('disks', disk);
    }
    return { disk };
  }

  private storeOf<K extends ResourceKind>(kind: K): Map<string, RecordByKind[K]> {
    return this.stores[kind] as Map<string, RecordByKind[K]>;
  }

  private modelOf<K extends ResourceKind>(kind: K): KindModel<RecordByKind[K], WireByKind[K]> {
    return this.models[kind] as KindModel<RecordByKind[K], WireByKind[K]>;
  }

  private insert<K extends ResourceKind>(kind: K, record: RecordByKind[K]): void {
    const id = this.modelOf(kind).idOf(record);
    this.storeOf(kind).set(id, record);
    this.memberships[kind]++;
    if (kind === 'disks') this.diskIds.push(id);
    this.schedule(kind, id);
  }

  private afterChange<K extends ResourceKind>(kind: K, record: RecordByKind[K]): void {
    if (kind === 'disks') this.syncDiskAttachments(record as Disk);
    this.schedule(kind, this.modelOf(kind).idOf(record));
  }

  private schedule(kind: ResourceKind, id: string): void {
    const key = `${kind}/${id}`;
    const record = this.storeOf(kind).get(id);
    const delay = record === undefined ? null : this.modelOf(kind).plan(record, this.ctx);
    if (delay === null) {
      this.timers.delete(key);
      return;
    }
    this.arm(key, this.time + delay);
  }

  private scheduleArrival(kind: ResourceKind): void {
    this.arm(`arrival/${kind}`, this.time + Math.round(this.rng.exponential(ARRIVAL_MEAN_MS[kind])) + 1000);
  }

  private arm(key: string, at: number): void {
    const generation = ++this.generation;
    this.timers.set(key, generation);
    this.queue.push(at, key, generation);
  }

  private fire(key: string): void {
    const slash = key.indexOf('/');
    const head = key.slice(0, slash);
    const rest = key.slice(slash + 1);
    if (head === 'arrival') {
      const kind = rest as ResourceKind;
      if (this.count(kind) < this.arrivalCaps[kind]) this.insert(kind, this.modelOf(kind).create(this.ctx, 'new'));
      this.scheduleArrival(kind);
      return;
    }
    const kind = head as ResourceKind;
    const model = this.modelOf(kind);
    const record = this.storeOf(kind).get(rest);
    if (record === undefined) return;
    if (model.fire(record, this.ctx) === 'remove') this.drop(kind, rest);
    else this.afterChange(kind, record);
  }

  private drop(kind: ResourceKind, id: string): void {
    const record = this.storeOf(kind).get(id);
    this.storeOf(kind).delete(id);
    this.memberships[kind]++;
    this.timers.delete(`${kind}/${id}`);
    if (kind === 'pods' && record) this.unlinkPodFromDisks(record as Pod);
    if (kind === 'disks') {
      const at = this.diskIds.indexOf(id);
      if (at >= 0) this.diskIds.splice(at, 1);
      for (const pod of this.stores.pods.values()) {
        if (Array.isArray(pod.attachedResources))
          pod.attachedResources = pod.attachedResources.filter((r) => r?.id !== id);
      }
    }
  }

  private randomAttachableDisk(): Disk | undefined {
    // A few random probes keep pod creation O(1) even with thousands of disks.
    for (let tries = 0; tries < 6 && this.diskIds.length > 0; tries++) {
      const disk = this.stores.disks.get(this.rng.pick(this.diskIds));
      if (disk && isAttachable(disk)) return disk;
    }
    return undefined;
  }

  private onPodTerminated(pod: Pod): void {
    this.unlinkPodFromDisks(pod);
    this.pushHistory(podHistoryEntry(pod, this.time));
  }

  private pushHistory(entry: PodHistoryEntry): void {
    if (this.historyIds.has(entry.id)) return;
    this.historyIds.add(entry.id);
    this.history.push(entry);
  }

  private unlinkPodFromDisks(pod: Pod): void {
    // Control overrides are unchecked JSON, so do not trust the shape here.
    for (const res of attachments(pod)) {
      const disk = this.stores.disks.get(res.id);
      if (disk) disk.pods = disk.pods.filter((p) => p !== pod.id);
    }
  }

  private linkPodToDisks(pod: Pod): void {
    for (const res of attachments(pod)) {
      const disk = this.stores.disks.get(res.id);
      if (disk && !disk.pods.includes(pod.id)) disk.pods.push(pod.id);
    }
  }

  private syncDiskAttachments(disk: Disk): void {
    for (const podId of disk.pods) {
      const pod = this.stores.pods.get(podId);
      for (const res of pod ? attachments(pod) : []) if (res.id === disk.id) res.status = disk.status;
    }
  }
}

/** A pod's attachments that are objects: control overrides may put anything in the list. */
function attachments(pod: Pod): Pod['attachedResources'] {
  const list: unknown = pod.attachedResources;
  return Array.isArray(list)
    ? list.filter((res): res is Pod['attachedResources'][number] => typeof res === 'object' && res !== null)
    : [];
}
