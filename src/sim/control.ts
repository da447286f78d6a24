import type { SimClock } from './clock.js';
import type { FaultBook, FaultRuleInput } from './faults.js';
import type { RequestLog, RequestLogEntry } from './request-log.js';
import type { World } from './world.js';
import type { GpuAvailability, ResourceKind, Scope, WhoamiBody, WireByKind } from './wire-types.js';
import type { SimIdentity } from './account/identity.js';
import type { OfferEndpoint, OfferRecord } from './kinds/offers.js';

/**
 * The in-process control API: what tests and demos use to look at and steer
 * the simulated world. Everything returned is a deep copy.
 */
export interface SimControl {
  /** Current objects of a kind, as the API would send them, newest first. Pods: the live list, not history. */
  list<K extends ResourceKind>(kind: K): WireByKind[K][];
  /** One object by id (nodes: by `uuid`). */
  get<K extends ResourceKind>(kind: K, id: string): WireByKind[K] | undefined;
  /** Any status string, including unknown ones. False when there is no such id. */
  setStatus(kind: ResourceKind, id: string, status: string): boolean;
  /** A new resource: seeded realistic defaults (in its "just created" state) merged with `overrides`. */
  add<K extends ResourceKind>(kind: K, overrides?: Partial<WireByKind[K]>): WireByKind[K];
  remove(kind: ResourceKind, id: string): boolean;
  /** Throws TypeError on a malformed rule. */
  injectFault(rule: FaultRuleInput): void;
  clearFaults(): void;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  /** Moves the sim clock forward; due lifecycle transitions and churn run in time order. */
  advance(ms: number): void;
  /** Sim time, epoch ms. */
  now(): number;
  /** The wallet's balance now, what the account bills per hour (the simulator's own sum), and what it has charged since start. */
  wallet(): { balance: number; burnRate: number; charged: number };
  /** What `GET /user/whoami` answers now. */
  whoami(): WhoamiBody;
  /** The key's permissions from now on; the API refuses (403) what they deny, and whoami says so. */
  setScope(scope: Scope): void;
  /** Sets the wallet's balance, e.g. to see a short runway. */
  setBalance(usd: number): void;
  /** The GPU offers of both availability endpoints, each with the market's handle for it, in listing order. */
  offers(endpoint?: OfferEndpoint): OfferRecord[];
  offer(id: string): OfferRecord | undefined;
  /** Changes an offer: any field (`stockStatus: 'High'`), `prices` field by field. Undefined when there is no such offer. */
  setOffer(id: string, change: Partial<GpuAvailability>): OfferRecord | undefined;
  /** A new offer on an endpoint: seeded defaults with `overrides` over them, listed last. */
  addOffer(endpoint: OfferEndpoint, overrides?: Partial<GpuAvailability>): OfferRecord;
  removeOffer(id: string): boolean;
}

export function createControl(
  world: World,
  clock: SimClock,
  faults: FaultBook,
  log: RequestLog,
  identity: SimIdentity,
): SimControl {
  const sync = (): void => world.stepTo(clock.now());
  const copy = <T>(value: T): T => structuredClone(value);

  return {
    list(kind) {
      sync();
      const records = [...world.records(kind)];
      const order = records.map((r) => ({ r, t: world.createdAtMs(kind, r), id: world.idOf(kind, r) }));
      order.sort((a, b) => b.t - a.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return order.map((o) => copy(world.wire(kind, o.r)));
    },
    get(kind, id) {
      sync();
      const record = world.record(kind, id);
      return record === undefined ? undefined : copy(world.wire(kind, record));
    },
    setStatus(kind, id, status) {
      sync();
      return world.setStatus(kind, id, status);
    },
    add(kind, overrides) {
      sync();
      return copy(world.add(kind, overrides ? copy(overrides) : {}));
    },
    remove(kind, id) {
      sync();
      return world.remove(kind, id);
    },
    injectFault(rule) {
      faults.add(rule);
    },
    clearFaults() {
      faults.clear();
    },
    requests() {
      return log.list();
    },
    clearRequests() {
      log.clear();
    },
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance(ms) needs a finite, non-negative number');
      clock.advance(ms);
      sync();
    },
    now() {
      sync();
      return world.now();
    },
    wallet() {
      sync();
      return { balance: world.wallet.balance, burnRate: world.burnRate(), charged: world.wallet.charged };
    },
    whoami() {
      return identity.body();
    },
    setScope(scope) {
      identity.setScope(scope);
    },
    setBalance(usd) {
      if (!Number.isFinite(usd)) throw new RangeError('setBalance(usd) needs a finite number');
      sync();
      world.wallet.set(usd, world.now());
    },
    offers(endpoint) {
      sync();
      return copy(world.offers.all().filter((record) => endpoint === undefined || record.endpoint === endpoint));
    },
    offer(id) {
      sync();
      return copy(world.offers.get(id));
    },
    setOffer(id, change) {
      sync();
      return copy(world.offers.change(id, copy(change)));
    },
    addOffer(endpoint, overrides) {
      sync();
      return copy(world.offers.add(endpoint, overrides ? copy(overrides) : {}));
    },
    removeOffer(id) {
      sync();
      return world.offers.remove(id);
    },
  };
}
