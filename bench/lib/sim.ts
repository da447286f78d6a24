/** A simulator for the benchmark, in a worker thread (see sim-worker.ts), steered over HTTP. */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type {
  DispersedKeys,
  RequestLogEntry,
  ResourceKind,
  SimulatorOptions,
  WireByKind,
} from '../../src/sim/index.js';

export interface BenchSim {
  url: string;
  primeKey: string;
  dispersedKeys: DispersedKeys;
  list<K extends ResourceKind>(kind: K): Promise<WireByKind[K][]>;
  setStatus(kind: ResourceKind, id: string, status: string): Promise<void>;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  /** Environment that points the cloudtop CLI at this simulator. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

export async function startBenchSim(options: SimulatorOptions): Promise<BenchSim> {
  // The worker is bundled next to the scenario runner (see bench/run.mjs).
  const worker = new Worker(fileURLToPath(new URL('./sim-worker.js', import.meta.url)), { workerData: options });
  const ready = await new Promise<{ url: string; primeKey: string; dispersedKeys: DispersedKeys }>(
    (resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${ready.url}/_sim/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`simulator control ${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  };
  return {
    ...ready,
    list: async (kind) => (await control('GET', `resources/${kind}`)) as never,
    setStatus: async (kind, id, status) =>
      void (await control('PUT', `resources/${kind}/${encodeURIComponent(id)}/status`, { status })),
    requests: async () => (await control('GET', 'requests')) as RequestLogEntry[],
    clearRequests: async () => void (await control('DELETE', 'requests')),
    env: () => ({
      PRIME_API_KEY: ready.primeKey,
      PRIME_API_BASE_URL: ready.url,
      DISPERSED_PUBLIC_KEY: ready.dispersedKeys.publicKey,
      DISPERSED_SECRET_KEY: ready.dispersedKeys.secretKey,
      DISPERSED_BASE_URL: ready.url,
      HOME: '/nonexistent-home-for-bench',
    }),
    close: async () => {
      worker.postMessage({ type: 'close' });
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}
