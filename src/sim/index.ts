/**
 * The embedded simulator of both APIs cloudtop talks to: a real HTTP server on
 * 127.0.0.1 that answers as the services' contract says (spec/, from the
 * official docs and clients), over a seeded,
 * evolving world. It powers demo mode (no account needed), `cloudtop sim`,
 * and every test that needs HTTP.
 *
 * One origin serves both APIs: Prime under `/api/v1`, Dispersed under `/v1`.
 * It deliberately imports nothing from src/api, so client and simulator
 * cannot agree on the same misreading of the docs.
 *
 * Prime routes (all under /api/v1, Bearer key):
 *   GET    /pods, /pods/status, /pods/history, /pods/{id}    lists, batch status, one pod
 *   DELETE /pods/{id}                 DELETING -> TERMINATED -> gone
 *   GET    /pods/{id}/log?tail=N      the log's last N lines (1..10000, default 100),
 *                                     as one JSON string joined by "\n" (no schema is published)
 *   GET    /billing/wallet            the balance and the billing rows that drew it down (account/ledger.ts)
 *   GET    /user/teams, /user/whoami  the key's teams; who it belongs to and its scope (account/identity.ts):
 *                                     a route of a permission the scope denies is a 403
 *   GET    /disks, /disks/{id}
 *   DELETE /disks/{id}                {"status": "DELETING"}; DELETING -> TERMINATED -> gone;
 *                                     409 while attached to a pod
 *   GET    /sandbox, /sandbox/{id}
 *   GET    /sandbox/{id}/logs         {"logs": "..."} (the SDK's model), at most the last 5,000 lines
 *   DELETE /sandbox/{id}              {"success": true, "message"}; TERMINATED now, gone 10-30 s later
 *   GET    /availability/gpus, /availability/multi-node
 *                                     GPU offers, {items, totalCount}: page from 1, page_size 1..100
 *                                     (422 above), filters regions (repeated), gpu_count, gpu_type,
 *                                     socket, security, data_center_id, cloud_id; stock and prices
 *                                     drift and offers come and go with churn (kinds/offers.ts)
 *   DELETE /sandbox                   body {"sandbox_ids": [...]} (1..500, the only API body read,
 *                                     up to 1 MB): {"succeeded", "failed": [{"sandbox_id", "error"}],
 *                                     "message"}; 50 calls a minute per token (429 + Retry-After)
 * Logs grow with sim time (logs.ts): made on demand from the seed, the id and
 * the line's number, never stored; some lines are deliberately hostile
 * (escape sequences, a 3,000-character line, tabs). Fault rules apply to
 * every route alike, by method and path.
 *
 * Error bodies: Prime 422 is the documented `{"errors": [{"param", "details"}]}`;
 * other Prime errors are FastAPI-style `{"detail": "..."}`. Dispersed documents
 * no error body; it gets `{"statusCode", "error", "message"}`.
 *
 * HTTP control routes (no auth, not in the request log):
 *   GET    /_sim/requests                      request log (see RequestLogEntry; a bulk delete's body too)
 *   DELETE /_sim/requests                      clear it
 *   GET    /_sim/resources/:kind               list (kind: pods | disks | sandboxes | nodes)
 *   GET    /_sim/resources/:kind/:id           one resource (nodes by uuid)
 *   POST   /_sim/resources/:kind               add; body: JSON overrides  -> 201 resource (409 on duplicate id)
 *   PUT    /_sim/resources/:kind/:id/status    body {"status": "..."}     -> 200 resource
 *   DELETE /_sim/resources/:kind/:id           remove                     -> 204
 *   POST   /_sim/faults                        body: a fault rule (see FaultRuleInput) -> 201
 *   DELETE /_sim/faults                        clear all fault rules
 *   POST   /_sim/advance                       body {"ms": n}: move the sim clock -> {now, iso}
 *   GET    /_sim/clock                         {now, iso}
 *   GET    /_sim/offers                        every offer as {id, endpoint, offer} (the id is the simulator's handle)
 *   POST   /_sim/offers/{gpus|multi-node}      add one; body: overrides           -> 201
 *   PATCH  /_sim/offers/:id                    body: fields to change, e.g. {"stockStatus": "High"} or
 *                                              {"prices": {"communityPrice": 19.92}} -> 200
 *   DELETE /_sim/offers/:id                    remove one                          -> 204
 *   GET    /_sim/wallet                        {balance, burnRate, charged}
 *   PUT    /_sim/wallet                        body {"balance": n}
 *   GET    /_sim/whoami                        the whoami body
 *   PUT    /_sim/whoami/scope                  body: the scope, e.g. {"instances": {"read": true, "write": false}}
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimClock } from './clock.js';
import { type SimControl, createControl } from './control.js';
import { FaultBook } from './faults.js';
import { type DispersedKeys, SignatureVerifier } from './http/dispersed-auth.js';
import { SANDBOX_BULK_DELETE_PER_MINUTE, SANDBOX_MAX_PER_PAGE } from './http/prime-sandboxes.js';
import { createRequestHandler } from './http/server.js';
import { DEFAULT_LOG_LINES_PER_MINUTE } from './logs.js';
import { RateLimiter } from './rate-limiter.js';
import { RequestLog } from './request-log.js';
import { RESOURCE_KINDS, type ResourceKind } from './wire-types.js';
import { World } from './world.js';
import { SimIdentity } from './account/identity.js';
import { DEFAULT_OFFER_COUNTS, type OfferCounts } from './kinds/offers.js';

export type { SimControl } from './control.js';
export type { BodyFault, FaultEffect, FaultMatch, FaultRule, FaultRuleInput } from './faults.js';
export type { RequestLogEntry } from './request-log.js';
export type { OfferCounts, OfferEndpoint, OfferRecord } from './kinds/offers.js';
export type { DispersedKeys } from './http/dispersed-auth.js';
export type {
  AttachedResource,
  BillingEntry,
  Scope,
  WhoamiBody,
  AvailabilityPage,
  GpuAvailability,
  BulkDeleteSandboxRequest,
  BulkDeleteSandboxResponse,
  ConnectionField,
  Disk,
  DiskDeleteResponse,
  DispersedNode,
  NodeHardwareEvent,
  Pod,
  PodHistoryEntry,
  PodLogResponse,
  PodStatusEntry,
  PortMapping,
  ResourceKind,
  Sandbox,
  SandboxDeleteResponse,
  SandboxLogsResponse,
  WireByKind,
} from './wire-types.js';

export interface SimulatorOptions {
  /** Default 1; the same seed (and startTime) gives the same initial world. */
  seed?: number;
  /** Initial number of each kind; default pods 24, disks 12, sandboxes 40, nodes 30. */
  counts?: Partial<Record<ResourceKind, number>>;
  /** GPU offers on each availability endpoint; default 140 single machines and 110 clusters (two pages each). */
  offers?: Partial<OfferCounts>;
  /** Sim seconds per real second; default 1; 0 freezes the clock (only `control.advance` moves it). */
  clockMultiplier?: number;
  /** Epoch ms of sim "now" at start; default Date.now(). */
  startTime?: number;
  primeKey?: string;
  /** The Dispersed key pair requests must be signed with (see http/dispersed-auth.ts). */
  dispersedKeys?: DispersedKeys;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Per token on `GET /api/v1/sandbox`; default 1000 per 60 000 real ms, as documented. */
  sandboxRateLimit?: { limit: number; windowMs: number };
  /** The largest `per_page` the sandbox list accepts (422 above it); default 1000, as documented. */
  sandboxMaxPerPage?: number;
  /** Per token on the bulk `DELETE /api/v1/sandbox`; default 50 per 60 000 real ms, as documented. */
  bulkDeleteRateLimit?: { limit: number; windowMs: number };
  /** How fast pod and sandbox logs grow, in lines per sim minute; default 30 (a line every 2 sim seconds). */
  logLinesPerMinute?: number;
  /**
   * How far the simulated Dispersed server's wall clock is from this
   * machine's (its `Date` header and its signature time check); default 0.
   * For showing what a client says when the machine's clock is off.
   */
  dispersedClockOffsetMs?: number;
  /**
   * Default true: resources arrive and leave now and then, and lifecycles
   * advance on their own. False: the world changes only through control calls
   * (and a pod, sandbox or disk deleted over the API still goes on to TERMINATED and leaves).
   */
  churn?: boolean;
}

export interface Simulator {
  /** `http://127.0.0.1:PORT`; Prime under `/api/v1`, Dispersed under `/v1`. */
  url: string;
  primeKey: string;
  dispersedKeys: DispersedKeys;
  control: SimControl;
  /** Closes the server and every connection, and clears all timers. Idempotent. */
  close(): Promise<void>;
}

export const DEFAULT_COUNTS: Readonly<Record<ResourceKind, number>> = { pods: 24, disks: 12, sandboxes: 40, nodes: 30 };
export const DEFAULT_PRIME_KEY = 'sim-prime-key';
/** The demo key pair: shaped like real ones (`pk_…`, `sk_…`), good only for the simulator. */
export const DEFAULT_DISPERSED_KEYS: Readonly<DispersedKeys> = {
  publicKey: 'pk_sim_demo_public_key',
  secretKey: 'sk_sim_demo_secret_key',
};

/** With a running clock the world is also stepped in the background, so churn does not pile up for the next request. */
const BACKGROUND_STEP_MS = 5_000;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const counts = { ...DEFAULT_COUNTS };
  for (const kind of RESOURCE_KINDS) {
    const n = options.counts?.[kind];
    if (n === undefined) continue;
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`counts.${kind} must be a non-negative integer`);
    counts[kind] = n;
  }
  const multiplier = options.clockMultiplier ?? 1;
  const linesPerMinute = options.logLinesPerMinute ?? DEFAULT_LOG_LINES_PER_MINUTE;
  if (!Number.isFinite(linesPerMinute) || linesPerMinute < 0)
    throw new RangeError('logLinesPerMinute must be a finite number >= 0');
  if (!Number.isFinite(multiplier) || multiplier < 0)
    throw new RangeError('clockMultiplier must be a finite number >= 0');
  const rate = options.sandboxRateLimit ?? { limit: 1000, windowMs: 60_000 };
  const bulkRate = options.bulkDeleteRateLimit ?? { limit: SANDBOX_BULK_DELETE_PER_MINUTE, windowMs: 60_000 };
  const primeKey = options.primeKey ?? DEFAULT_PRIME_KEY;
  const dispersedKeys = { ...(options.dispersedKeys ?? DEFAULT_DISPERSED_KEYS) };
  const startTime = options.startTime ?? Date.now();

  const clock = new SimClock(startTime, multiplier);
  const offers = { ...DEFAULT_OFFER_COUNTS, ...options.offers };
  for (const [name, n] of Object.entries(offers))
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`offers.${name} must be a non-negative integer`);
  const world = new World({ seed: options.seed ?? 1, counts, startTime, churn: options.churn ?? true, offers });
  const faults = new FaultBook();
  const log = new RequestLog();
  const identity = new SimIdentity(startTime);
  const control = createControl(world, clock, faults, log, identity);
  const handler = createRequestHandler({
    world,
    identity,
    clock,
    faults,
    log,
    control,
    primeKey,
    dispersedVerifier: new SignatureVerifier(dispersedKeys, () => Date.now() + (options.dispersedClockOffsetMs ?? 0)),
    sandboxLimiter: new RateLimiter(rate.limit, rate.windowMs),
    bulkDeleteLimiter: new RateLimiter(bulkRate.limit, bulkRate.windowMs),
    sandboxMaxPerPage: options.sandboxMaxPerPage ?? SANDBOX_MAX_PER_PAGE,
    logLinesPerMinute: linesPerMinute,
  });

  const server = createServer(handler.listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  const timer = multiplier > 0 ? setInterval(() => world.stepTo(clock.now()), BACKGROUND_STEP_MS) : undefined;
  timer?.unref();

  let closing: Promise<void> | undefined;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    primeKey,
    dispersedKeys,
    control,
    close() {
      closing ??= new Promise<void>((resolve) => {
        if (timer) clearInterval(timer);
        handler.dispose();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
