/**
 * A simulated node's live telemetry: load, free memory, `last_seen_at` and
 * the latest hardware event are a pure function of (seed, time), so they
 * move without scheduled events and read the same however often the world is
 * stepped.
 */
import { hashUnit } from '../random.js';
import { SECOND, isoSeconds } from '../time.js';
import type { DispersedNode, NodeHardwareEvent } from '../wire-types.js';
import type { WorldContext } from './model.js';

/** Nodes report hardware telemetry on this period. */
export const HEARTBEAT_MS = 30 * SECOND;
export const GB = 1024 ** 3;

/**
 * A node plus what the simulator needs to derive its live telemetry. Load,
 * free memory and `last_seen_at` are a pure function of (seed, time), so they
 * move without any scheduled events and read the same however often the
 * world is stepped.
 */
export interface NodeRecord {
  node: DispersedNode;
  seed: number;
  phaseMs: number;
  /** Sim time it stopped reporting (OFFLINE, DELETED); telemetry freezes there. */
  frozenAt: number | null;
  /** Control-API overrides of fields telemetry computes: sent as given, so tests can send anything. */
  pinned?: Partial<DispersedNode>;
}

/** GPU load band per status, in percent. */
function loadBand(status: string): [number, number] {
  switch (status) {
    case 'WORKING':
      return [72, 100];
    case 'RESOURCE_BUSY':
      return [55, 100];
    case 'PREPARING':
      return [10, 45];
    case 'ASSIGNED':
      return [2, 20];
    case 'AVAILABLE':
      return [0, 8];
    default:
      return [0, 3];
  }
}

/**
 * The time telemetry is read at: frozen for nodes that stopped reporting, and
 * for the whole world when it has no churn (it then changes only via control).
 */
function telemetryTime(r: NodeRecord, ctx: WorldContext): number {
  const created = Date.parse(r.node.created_at);
  if (r.frozenAt !== null) return r.frozenAt;
  const live = ctx.churn ? ctx.now() : Math.max(ctx.startTime, created);
  return Math.max(created, Math.min(live, ctx.now()));
}

export function lastSeenMs(r: NodeRecord, ctx: WorldContext): number {
  const t = telemetryTime(r, ctx);
  const beat = t - ((t + r.phaseMs) % HEARTBEAT_MS);
  // Whole seconds, like every Dispersed timestamp, so timestamp_ms and last_seen_at agree.
  return Math.max(Date.parse(r.node.created_at), Math.floor(beat / SECOND) * SECOND);
}

export function withTelemetry(r: NodeRecord, ctx: WorldContext): DispersedNode {
  const node = r.node;
  const seen = lastSeenMs(r, ctx);
  const beat = Math.floor((seen + r.phaseMs) / HEARTBEAT_MS);
  const [lo, hi] = loadBand(node.status);
  const unit = (...k: number[]): number => hashUnit(r.seed, beat, ...k);

  const gpuLoads = node.gpus.map((_, i) => Math.round(lo + unit(1, i) * (hi - lo)));
  const gpuAverage = gpuLoads.length
    ? Math.round((gpuLoads.reduce((a, b) => a + b, 0) / gpuLoads.length) * 10) / 10
    : 0;
  const cpuCores = node.cpus.reduce((n, c) => n + c.num_cores, 0);
  const coreLoads = Array.from({ length: cpuCores }, (_, i) =>
    Math.round(Math.min(100, lo * 0.6 + unit(2, i) * (hi - lo) * 0.8)),
  );
  const cpuAverage = coreLoads.length
    ? Math.round((coreLoads.reduce((a, b) => a + b, 0) / coreLoads.length) * 10) / 10
    : 0;
  const ramUsed = 0.08 + ((lo + hi) / 200) * 0.7 * (0.8 + unit(3) * 0.4);
  const ramTotal = node.ramTotal;
  const ramFree = Math.max(0, Math.round(ramTotal * (1 - ramUsed)));
  const gpus = node.gpus.map((g, i) => ({
    ...g,
    vram_gb_available: Math.round(g.vram_gb_max * (1 - (gpuLoads[i] ?? 0) / 110)),
  }));

  const event: NodeHardwareEvent = {
    timestamp_ms: seen,
    object: 'node_hardware_event',
    created_at: isoSeconds(seen),
    updated_at: isoSeconds(seen),
    uuid: eventUuid(r.seed, beat),
    metadata: {
      cpu: { average: cpuAverage, cores: coreLoads },
      gpu: {
        gpus: gpus.map((g, i) => ({
          load: gpuLoads[i] ?? 0,
          name: g.name,
          vram: { free: g.vram_gb_available * GB, total: g.vram_gb_max * GB },
        })),
        average: gpuAverage,
      },
      ram: { free: ramFree * GB, total: ramTotal * GB },
      storage: {
        hard_drives: node.hard_drives.map((d) => ({
          free_capacity: d.available_capacity_gb * GB,
          model: d.name,
          name: '/dev/nvme0n1',
          total_capacity: d.max_capacity_gb * GB,
        })),
      },
    },
    node: node._id,
    node_hardware: String(node.current_hardware['_id'] ?? ''),
    account: node.operator_account_uuid,
  };

  return {
    ...node,
    gpus,
    rams: node.rams.map((m) => ({ ...m, memory_gb_available: ramFree })),
    last_seen_at: isoSeconds(seen),
    latest_hardware_event: event,
  };
}

function eventUuid(seed: number, beat: number): string {
  const h = (k: number): string =>
    Math.floor(hashUnit(seed, beat, 99, k) * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  const hex = h(1) + h(2) + h(3) + h(4);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
