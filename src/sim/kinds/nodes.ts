import {
  CLIENT_VERSIONS,
  DOCKER_VERSIONS,
  NODE_CPUS,
  NODE_DRIVES,
  NODE_GPUS,
  NODE_OS,
  NODE_SITES,
  NVIDIA_DRIVERS,
  OPERATORS,
} from '../catalog.js';
import { Rng } from '../random.js';
import { DAY, HOUR, MINUTE, SECOND, isoSeconds } from '../time.js';
import type { DispersedNode, JsonObject } from '../wire-types.js';
import type { KindModel } from './model.js';
import { GB, HEARTBEAT_MS, withTelemetry, type NodeRecord } from './node-telemetry.js';

export type { NodeRecord } from './node-telemetry.js';

/** The wire fields `withTelemetry` derives; an override of one of them wins over the derived value. */
const TELEMETRY_FIELDS = ['gpus', 'rams', 'last_seen_at', 'latest_hardware_event'] as const;

export interface Operator {
  uuid: string;
  account: JsonObject;
}

const STATUS_FLOW: Record<string, readonly (readonly [string, number])[]> = {
  AVAILABLE: [
    ['ASSIGNED', 70],
    ['OFFLINE', 12],
    ['RESOURCE_BUSY', 10],
    ['OUTDATED_CLIENT', 3],
    ['AVAILABLE', 5],
  ],
  ASSIGNED: [['PREPARING', 1]],
  PREPARING: [
    ['WORKING', 95],
    ['AVAILABLE', 5],
  ],
  WORKING: [['STOPPING', 1]],
  STOPPING: [['AVAILABLE', 1]],
  OFFLINE: [
    ['AVAILABLE', 88],
    ['DELETED', 12],
  ],
  RESOURCE_BUSY: [['AVAILABLE', 1]],
  OUTDATED_CLIENT: [['AVAILABLE', 1]],
};

export function buildOperators(seed: number): Operator[] {
  // Own stream, so the operator pool does not shift the rest of the world.
  const rng = new Rng(seed ^ 0x0b5e55ed);
  return OPERATORS.map((op) => {
    const uuid = rng.uuid();
    const created = isoSeconds(Date.UTC(2023, rng.int(0, 11), rng.int(1, 28)));
    const profile = (object: string, extra: JsonObject): JsonObject => ({
      object,
      created_at: created,
      updated_at: created,
      uuid: rng.uuid(),
      account_uuid: uuid,
      ...extra,
    });
    const username = `${op.given}.${op.family}`.toLowerCase();
    const account: JsonObject = {
      email: `${username}@${op.domain}`,
      object: 'account',
      created_at: created,
      updated_at: created,
      uuid,
      last_login: created,
      consumer_profile: profile('consumer_profile', {
        is_active: false,
        is_compute_billing_enabled: false,
        render_user_id: rng.hex(24),
        allowed_region_codes: [],
        deleted_at: null,
      }),
      operator_profile: profile('operator_profile', {
        is_active: true,
        wallet_address: `0x${rng.hex(40)}`,
        deleted_at: null,
      }),
      user_profile: profile('user_profile', {
        email_verified: true,
        name: `${op.given} ${op.family}`,
        given_name: op.given,
        family_name: op.family,
        middle_name: '',
        preferred_username: username,
        oauth_provider: 'google',
        oauth_subject: String(rng.int(1e9, 2e9)),
      }),
      deleted_at: null,
    };
    return { uuid, account };
  });
}

export function makeNodeModel(operators: readonly Operator[]): KindModel<NodeRecord, DispersedNode> {
  const serials = new Map<string, number>();

  const model: KindModel<NodeRecord, DispersedNode> = {
    idOf: (r) => r.node.uuid,
    createdAtMs: (r) => Date.parse(r.node.created_at),
    toWire: (r, ctx) => {
      let wire: DispersedNode;
      try {
        wire = withTelemetry(r, ctx);
      } catch {
        // Overrides can give a node any shape (gpus: null); it is then sent as stored.
        wire = { ...r.node };
      }
      return r.pinned ? { ...wire, ...r.pinned } : wire;
    },

    create(ctx, origin) {
      const rng = ctx.rng;
      const now = ctx.now();
      const site = rng.pick(NODE_SITES);
      const serial = (serials.get(site.code) ?? 0) + rng.int(1, 3);
      serials.set(site.code, serial);
      const createdAt = origin === 'seed' ? now - Math.round(rng.float(3, 300) * DAY) : now;
      const operator = rng.pick(operators);
      const gpuModel = rng.weighted(NODE_GPUS.map((g) => [g, g.weight] as const));
      const gpuCount = rng.pick(gpuModel.counts);
      const cpu = rng.pick(NODE_CPUS);
      const os = rng.pick(NODE_OS);
      const ramGb = rng.pick([64, 128, 256, 512, 1024]);
      const diskGb = rng.pick([1000, 2000, 4000, 7680]);
      const driveName = rng.pick(NODE_DRIVES);
      const id = rng.hex(24);
      const uuid = rng.uuid();
      const hwId = rng.hex(24);
      const created = isoSeconds(createdAt);
      const diskFree = Math.round(diskGb * rng.float(0.2, 0.9));

      const node: DispersedNode = {
        name: `${site.code}-gpu-${String(serial).padStart(3, '0')}`,
        reputation: Math.round(Math.min(100, Math.max(5, 100 - rng.exponential(15)))),
        object: 'node',
        created_at: created,
        updated_at: created,
        status: 'AVAILABLE',
        country_iso_code: site.country,
        continent_code: site.continent,
        subdivision_iso_code: site.subdivision,
        compliance_tags: [...site.complianceTags],
        cpus: [{ name: cpu.name, num_cores: cpu.cores }],
        gpus: Array.from({ length: gpuCount }, () => ({
          name: gpuModel.name,
          vram_gb_available: gpuModel.vramGb,
          vram_gb_max: gpuModel.vramGb,
        })),
        hard_drives: [{ available_capacity_gb: diskFree, max_capacity_gb: diskGb, name: driveName }],
        rams: [{ memory_gb_available: ramGb, memory_gb_max: ramGb }],
        ramTotal: ramGb,
        _id: id,
        uuid,
        last_seen_at: created,
        latest_hardware_event: null,
        current_hardware: {
          cpus: [
            {
              name: cpu.name,
              num_cores: cpu.cores,
              architecture: cpu.arch,
              base_clock_mhz: cpu.clock,
              chipset: cpu.chipset,
              device_id: `cpu-${rng.hex(8)}`,
              features: ['avx2', 'sse4_2', 'aes'],
              num_threads_per_core: 2,
            },
          ],
          gpus: Array.from({ length: gpuCount }, () => ({
            name: gpuModel.name,
            vram_bytes_total: gpuModel.vramGb * GB,
            base_clock_mhz: rng.pick([1755, 2235, 2520]),
            device_id: `GPU-${rng.uuid()}`,
            gpu_registry_uuid: rng.uuid(),
          })),
          memory: {
            ram_bytes_total: ramGb * GB,
            base_clock_mhz: rng.pick([3200, 4800, 5600]),
            device_id: `mem-${rng.hex(8)}`,
          },
          storage: {
            capacity_bytes_free: diskFree * GB,
            capacity_bytes_total: diskGb * GB,
            device_id: `nvme-${rng.hex(8)}`,
          },
          operating_system: { architecture: cpu.arch, brand: os.brand, name: os.name, version: os.version },
          schema_version: 2,
          object: 'node_hardware',
          created_at: created,
          updated_at: created,
          uuid: rng.uuid(),
          node: id,
          node_uuid: uuid,
          machine_id: rng.hex(32),
          checksum_sha256: rng.hex(64),
          _id: hwId,
        },
        current_software: {
          schema_version: 1,
          object: 'node_software',
          created_at: created,
          updated_at: created,
          uuid: rng.uuid(),
          node: id,
          node_uuid: uuid,
          capabilities: ['docker', 'nvidia-container-toolkit'],
          cached_image_tags: rng.sample(
            ['ubuntu:22.04', 'pytorch/pytorch:latest', 'vllm/vllm-openai:latest', 'python:3.11-slim'],
            rng.int(1, 3),
          ),
          docker: { images: [], version: rng.pick(DOCKER_VERSIONS) },
          nvidia_driver: { version: rng.pick(NVIDIA_DRIVERS) },
          operating_system: { architecture: cpu.arch, brand: os.brand, name: os.name, version: os.version },
          zernet_client: { version: rng.pick(CLIENT_VERSIONS) },
        },
        ipv4_address: `${rng.pick([23, 45, 77, 91, 142, 176, 203])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
        ipv6_address: rng.chance(0.6) ? `2a01:4f8:${rng.hex(4)}:${rng.hex(4)}::${rng.hex(2)}` : null,
        mac_address: Array.from({ length: 6 }, () => rng.hex(2)).join(':'),
        operator_account: operator.account,
        operator_account_uuid: operator.uuid,
        suspended_at: null,
        current_suspension: null,
        deleted_at: null,
        operating_system: { brand: os.brand, name: os.name, version: os.version },
      };
      const record: NodeRecord = {
        node,
        seed: rng.int(0, 0x7fffffff),
        phaseMs: rng.int(0, HEARTBEAT_MS - 1),
        frozenAt: null,
      };

      if (origin === 'seed') {
        const status = rng.weighted([
          ['AVAILABLE', 40],
          ['WORKING', 24],
          ['ASSIGNED', 8],
          ['PREPARING', 4],
          ['STOPPING', 2],
          ['OFFLINE', 10],
          ['RESOURCE_BUSY', 4],
          ['OUTDATED_CLIENT', 3],
        ] as const);
        // No DELETED nodes at start: `counts.nodes` is then exactly what the
        // default (deleted-hiding) list shows. Deleted ones come from churn or control.
        const changedAt =
          status === 'OFFLINE'
            ? now - Math.round(rng.float(5 * MINUTE, 5 * DAY))
            : now - Math.round(rng.float(MINUTE, 2 * DAY));
        model.applyStatus(record, status, { ...ctx, now: () => Math.max(createdAt, changedAt) });
        if (status === 'OFFLINE' && rng.chance(0.2)) suspend(record, rng, operators, Math.max(createdAt, changedAt));
      }
      return record;
    },

    applyOverrides(r, overrides, ctx) {
      if (typeof overrides.status === 'string') model.applyStatus(r, overrides.status, ctx);
      Object.assign(r.node, overrides);
      for (const field of TELEMETRY_FIELDS) {
        if (field in overrides) r.pinned = { ...r.pinned, [field]: overrides[field] };
      }
    },

    plan(r, ctx) {
      if (!ctx.churn) return null;
      const rng = ctx.rng;
      switch (r.node.status) {
        case 'AVAILABLE':
          return Math.round(rng.exponential(40 * MINUTE)) + 10 * SECOND;
        case 'ASSIGNED':
          return rng.int(1, 5) * MINUTE;
        case 'PREPARING':
          return rng.int(1, 4) * MINUTE;
        case 'WORKING':
          return Math.round(rng.exponential(90 * MINUTE)) + MINUTE;
        case 'STOPPING':
          return rng.int(30, 90) * SECOND;
        case 'OFFLINE':
          return Math.round(rng.exponential(HOUR)) + MINUTE;
        case 'RESOURCE_BUSY':
          return rng.int(10, 60) * MINUTE;
        case 'OUTDATED_CLIENT':
          return rng.int(1, 6) * HOUR;
        default:
          return null;
      }
    },

    fire(r, ctx) {
      const flow = STATUS_FLOW[r.node.status];
      if (!flow) return 'keep';
      const next = ctx.rng.weighted(flow);
      if (r.node.status === 'WORKING') r.node.reputation = Math.min(100, r.node.reputation + 1);
      if (next === 'OFFLINE') r.node.reputation = Math.max(0, r.node.reputation - 3);
      if (r.node.status === 'OUTDATED_CLIENT')
        (r.node.current_software['zernet_client'] as JsonObject)['version'] =
          CLIENT_VERSIONS[CLIENT_VERSIONS.length - 1];
      model.applyStatus(r, next, ctx);
      return 'keep';
    },

    applyStatus(r, status, ctx) {
      const now = ctx.now();
      r.node.status = status;
      r.node.updated_at = isoSeconds(now);
      if (status === 'OFFLINE' || status === 'DELETED') r.frozenAt ??= now;
      else r.frozenAt = null;
      r.node.deleted_at = status === 'DELETED' ? (r.node.deleted_at ?? isoSeconds(now)) : null;
    },
  };
  return model;
}

function suspend(r: NodeRecord, rng: Rng, operators: readonly Operator[], at: number): void {
  const when = isoSeconds(at);
  r.node.suspended_at = when;
  r.node.current_suspension = {
    started_at: when,
    reason: rng.pick(['Repeated job failures', 'Hardware mismatch with reported inventory', 'Network instability']),
    follow_up: 'Operator has been notified by email',
    object: 'node_suspension',
    created_at: when,
    updated_at: when,
    uuid: rng.uuid(),
    node_uuid: r.node.uuid,
    ended_at: null,
    suspended_by_account_uuid: rng.pick(operators).uuid,
    unsuspended_by_account_uuid: null,
  };
}
