/**
 * Zod schemas for the Prime Intellect API (shared/api/prime-*.md). Objects are
 * loose: unknown fields are kept (the detail pane shows every field) and
 * documented fields are normalised by the lenient helpers. Only `id` is truly
 * required; an item without one cannot be tracked and is skipped.
 */
import { z } from 'zod';
import { boolean, count, id, list, looseItems, number, rawItems, record, status, stringList, text } from './lenient.js';

export const portMappingSchema = z.looseObject({
  internal: text,
  external: text,
  protocol: text,
  usedBy: text,
  description: text,
});

export const attachedResourceSchema = z.looseObject({
  id: text,
  type: text,
  status: text,
  size: number,
  mountPath: text,
  resourceType: text,
});

/** Fields the pod list and the batch status endpoint share; the status endpoint is the fresher source. */
const podLiveFields = {
  providerType: text,
  status,
  sshConnection: stringList,
  ip: stringList,
  installationStatus: text,
  installationFailure: text,
  installationProgress: number,
};

export const podSchema = z.looseObject({
  id,
  name: text,
  gpuName: text,
  gpuCount: number,
  createdAt: text,
  updatedAt: text,
  ...podLiveFields,
  teamId: text,
  userId: text,
  priceHr: number,
  baseCurrency: text,
  primePortMapping: list(portMappingSchema),
  attachedResources: list(attachedResourceSchema),
  isSpot: boolean,
});
export type Pod = z.output<typeof podSchema>;

/** `GET /api/v1/pods/status`: the live fields that enrich a pod row. */
export const podStatusSchema = z.looseObject({ podId: id, ...podLiveFields });
export type PodStatus = z.output<typeof podStatusSchema>;

export const diskSchema = z.looseObject({
  id,
  name: text,
  createdAt: text,
  updatedAt: text,
  terminatedAt: text,
  status,
  providerType: text,
  size: number,
  priceHr: number,
  userId: text,
  teamId: text,
  pods: stringList,
  clusters: stringList,
  info: record,
});
export type Disk = z.output<typeof diskSchema>;

export const sandboxSchema = z.looseObject({
  id,
  name: text,
  dockerImage: text,
  startCommand: text,
  cpuCores: number,
  memoryGB: number,
  diskSizeGB: number,
  gpuCount: number,
  gpuType: text,
  networkAccess: boolean,
  status,
  timeoutMinutes: number,
  labels: stringList,
  createdAt: text,
  updatedAt: text,
  startedAt: text,
  terminatedAt: text,
  exitCode: number,
  errorType: text,
  errorMessage: text,
  userId: text,
  teamId: text,
  region: text,
});
export type Sandbox = z.output<typeof sandboxSchema>;

/** `{ total_count, offset, limit, data }` (pods, disks, pods history). */
export const offsetPageSchema = z.looseObject({
  total_count: count.optional(),
  offset: count.optional(),
  limit: count.optional(),
  data: rawItems,
});

/** `SandboxListResponse`. */
export const sandboxPageSchema = z.looseObject({
  sandboxes: rawItems,
  total: count.optional(),
  page: count.optional(),
  per_page: count.optional(),
  has_next: boolean,
});

/**
 * `GenericResponse[List[APIPodStatusResponse]]`: `data` may be null. It only
 * enriches the pod list, so whatever else it holds reads as "no news" rather
 * than failing the list.
 */
export const podStatusResponseSchema = z.looseObject({
  data: looseItems,
  status: text,
});
