/** Small, hand-made resources (parsed by the real schemas) for component tests. */
import type { ListResult } from '../../src/api/lists/paginate.js';
import { nodeSchema } from '../../src/api/dispersed/schemas.js';
import { diskSchema, podHistorySchema, podSchema, sandboxSchema, type Pod } from '../../src/api/prime/schemas.js';
import type { Fetchers } from '../../src/data/sources.js';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

export function pod(id: string, overrides: Record<string, unknown> = {}): Pod {
  return podSchema.parse({
    id,
    name: `pod-${id}`,
    gpuName: 'H100_80GB',
    gpuCount: 8,
    status: 'ACTIVE',
    createdAt: minutesAgo(90),
    providerType: 'runpod',
    priceHr: 19.92,
    installationProgress: 100,
    installationStatus: 'FINISHED',
    sshConnection: `root@10.0.0.${id.length} -p 22`,
    jupyterPassword: 'hunter2-secret',
    ...overrides,
  });
}

export function list<T>(items: T[]): ListResult<T> {
  return { items, total: items.length, truncated: false, skipped: 0 };
}

export const disks = [
  diskSchema.parse({
    id: 'disk-1',
    name: 'datasets-eu-1',
    status: 'ACTIVE',
    size: 500,
    providerType: 'runpod',
    priceHr: 0.05,
    pods: ['p1'],
    createdAt: minutesAgo(3000),
  }),
  diskSchema.parse({
    id: 'disk-2',
    name: 'checkpoints',
    status: 'PROVISIONING',
    size: 2048,
    providerType: 'hyperstack',
    priceHr: 0.2,
    pods: [],
    createdAt: minutesAgo(2),
  }),
];

export const sandboxes = [
  sandboxSchema.parse({
    id: 'sb-1',
    name: 'eval-runner-7f3a',
    status: 'RUNNING',
    dockerImage: 'pytorch/pytorch:2.4-cuda12',
    cpuCores: 4,
    memoryGB: 16,
    diskSizeGB: 50,
    gpuCount: 1,
    gpuType: 'A100_80GB',
    labels: ['eval', 'env:prod'],
    timeoutMinutes: 120,
    createdAt: minutesAgo(30),
  }),
];

export const nodes = [
  nodeSchema.parse({
    uuid: 'node-1',
    name: 'fra-gpu-014',
    status: 'AVAILABLE',
    reputation: 92,
    gpus: [
      { name: 'NVIDIA GeForce RTX 4090', vram_gb_max: 24 },
      { name: 'NVIDIA GeForce RTX 4090', vram_gb_max: 24 },
    ],
    cpus: [{ name: 'EPYC', num_cores: 32 }],
    ramTotal: 256,
    last_seen_at: minutesAgo(1),
    latest_hardware_event: { metadata: { gpu: { average: 87, gpus: [] } } },
  }),
];

/** Fetchers over mutable in-memory lists: tests change `data` and refresh. */
export function memoryFetchers(data: { pods: Pod[] }): Fetchers & { calls: Record<string, number> } {
  const calls: Record<string, number> = { disks: 0, sandboxes: 0, pods: 0, nodes: 0, history: 0, availability: 0 };
  return {
    calls,
    disks: async () => (calls.disks!++, list(disks)),
    sandboxes: async () => (calls.sandboxes!++, list(sandboxes)),
    pods: async () => (calls.pods!++, list([...data.pods])),
    nodes: async () => (calls.nodes!++, list(nodes)),
    history: async () => (calls.history!++, list(history)),
    availability: async () => (calls.availability!++, list([])),
  };
}

/** Two ended pods: one that ran 3 hours yesterday, one that ran 30 minutes ten days ago. */
export const history = [
  podHistorySchema.parse({
    id: 'h-1',
    name: 'finetune-run-3',
    providerType: 'runpod',
    type: 'HOSTED',
    gpuName: 'H100_80GB',
    gpuCount: 8,
    createdAt: minutesAgo(27 * 60),
    terminatedAt: minutesAgo(24 * 60),
    priceHr: 19.92,
    totalBilledPrice: 59.76,
    userId: 'u-1',
  }),
  podHistorySchema.parse({
    id: 'h-2',
    name: 'notebook',
    providerType: 'hyperstack',
    type: 'HOSTED',
    gpuName: 'A100_80GB',
    gpuCount: 1,
    createdAt: minutesAgo(10 * 24 * 60 + 30),
    terminatedAt: minutesAgo(10 * 24 * 60),
    priceHr: 1.6,
    totalBilledPrice: 0.8,
    userId: 'u-1',
  }),
];
