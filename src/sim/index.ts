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
 * Error bodies: Prime 422 is the documented `{"errors": [{"param", "details"}]}`;
 * other Prime errors are FastAPI-style `{"detail": "..."}`. Dispersed documents
 * no error body; it gets `{"statusCode", "error", "message"}`.
 *
 * HTTP control routes (no auth, not in the request log):
 *   GET    /_sim/requests                      request log (see RequestLogEntry)
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
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimClock } from './clock.js';
import { type SimControl, createControl } from './control.js';
import { FaultBook } from './faults.js';
import { type DispersedKeys, SignatureVerifier } from './http/dispersed-auth.js';
import { SANDBOX_MAX_PER_PAGE } from './http/prime-api.js';
import { createRequestHandler } from './http/server.js';
import { RateLimiter } from './rate-limiter.js';
import { RequestLog } from './request-log.js';
import { RESOURCE_KINDS, type ResourceKind } from './wire-types.js';
import { World } from './world.js';

export type { SimControl } from './control.js';
export type { BodyFault, FaultEffect, FaultMatch, FaultRule, FaultRuleInput } from './faults.js';
export type { RequestLogEntry } from './request-log.js';
export type { DispersedKeys } from './http/dispersed-auth.js';
export type {
  AttachedResource, ConnectionField, Disk, DispersedNode, NodeHardwareEvent, Pod, PodHistoryEntry, PodStatusEntry,
  PortMapping, ResourceKind, Sandbox, WireByKind,
} from './wire-types.js';

export interface SimulatorOptions {
  /** Default 1; the same seed (and startTime) gives the same initial world. */
  seed?: number;
  /** Initial number of each kind; default pods 24, disks 12, sandboxes 40, nodes 30. */
  counts?: Partial<Record<ResourceKind, number>>;
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
  /**
   * How far the simulated Dispersed server's wall clock is from this
   * machine's (its `Date` header and its signature time check); default 0.
   * For showing what a client says when the machine's clock is off.
   */
  dispersedClockOffsetMs?: number;
  /**
   * Default true: resources arrive and leave now and then, and lifecycles
   * advance on their own. False: the world changes only through control calls
   * (and a pod deleted over the API still goes DELETING -> TERMINATED -> gone).
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
export const DEFAULT_DISPERSED_KEYS: Readonly<DispersedKeys> = { publicKey: 'pk_sim_demo_public_key', secretKey: 'sk_sim_demo_secret_key' };

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
  if (!Number.isFinite(multiplier) || multiplier < 0) throw new RangeError('clockMultiplier must be a finite number >= 0');
  const rate = options.sandboxRateLimit ?? { limit: 1000, windowMs: 60_000 };
  const primeKey = options.primeKey ?? DEFAULT_PRIME_KEY;
  const dispersedKeys = { ...(options.dispersedKeys ?? DEFAULT_DISPERSED_KEYS) };
  const startTime = options.startTime ?? Date.now();

  const clock = new SimClock(startTime, multiplier);
  const world = new World({ seed: options.seed ?? 1, counts, startTime, churn: options.churn ?? true });
  const faults = new FaultBook();
  const log = new RequestLog();
  const control = createControl(world, clock, faults, log);
  const handler = createRequestHandler({
    world, clock, faults, log, control, primeKey,
    dispersedVerifier: new SignatureVerifier(dispersedKeys, () => Date.now() + (options.dispersedClockOffsetMs ?? 0)),
    sandboxLimiter: new RateLimiter(rate.limit, rate.windowMs),
    sandboxMaxPerPage: options.sandboxMaxPerPage ?? SANDBOX_MAX_PER_PAGE,
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
