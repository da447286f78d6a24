/**
 * Zod schemas for the Prime Intellect API: the official docs (the OpenAPI
 * blocks kept in spec/prime/) read against the official client and SDK
 * (PrimeIntellect-ai/prime: `prime_cli/api/pods.py`, `disks.py`,
 * `prime_sandboxes/models.py`), which win where the two disagree. Objects are
 * loose: unknown fields are kept (the detail pane shows every field) and
 * documented fields are normalised by the lenient helpers. Only `id` is truly
 * required; an item without one cannot be tracked and is skipped.
 */
import { z } from 'zod';
import { boolean, command, count, id, list, looseItems, number, optionalStatus, rawItems, record, status, stringList, text } from './lenient.js';

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

/**
 * Fields the pod list and the batch status endpoint share; the status
 * endpoint is the fresher source. `sshConnection` and `ip` may be a string, a
 * list (one per node of a multi-node pod, `[null]` for none yet) or null.
 */
const podLiveFields = {
  providerType: text,
  sshConnection: stringList,
  ip: stringList,
  installationStatus: text,
  installationFailure: text,
  installationProgress: number,
  priceHr: number,
};

export const podSchema = z.looseObject({
  id,
  name: text,
  gpuName: text,
  gpuCount: number,
  createdAt: text,
  updatedAt: text,
  status,
  ...podLiveFields,
  teamId: text,
  userId: text,
  /** What the pod costs while stopped and while provisioning (the official client's Pod model). */
  stoppedPriceHr: number,
  provisioningPriceHr: number,
  baseCurrency: text,
  primePortMapping: list(portMappingSchema),
  attachedResources: list(attachedResourceSchema),
  isSpot: boolean,
});
export type Pod = z.output<typeof podSchema>;

/**
 * `GET /api/v1/pods/status`: the live fields that enrich a pod row. Its price
 * is `priceHr` (the official client's PodStatus, which `prime pods status`
 * shows), and its status is null when absent so that a real `UNKNOWN` is
 * never mistaken for "no news".
 */
export const podStatusSchema = z.looseObject({ podId: id, status: optionalStatus, ...podLiveFields });
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
  startCommand: command,
  cpuCores: number,
  memoryGB: number,
  diskSizeGB: number,
  gpuCount: number,
  gpuType: text,
  networkAccess: boolean,
  status,
  timeoutMinutes: number,
  /** Newer fields of the SDK's Sandbox model, all nullable. */
  idleTimeoutMinutes: number,
  terminationReason: text,
  vm: boolean,
  networkAllowlist: stringList,
  networkDenylist: stringList,
  pendingImageBuildId: text,
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

/**
 * `SandboxListResponse`. The docs write `per_page` and `has_next`; the SDK's
 * model reads `perPage` and `hasNext` as well (camelCase aliases), so both are
 * taken and normalised to the documented names.
 */
export const sandboxPageSchema = z
  .looseObject({
    sandboxes: rawItems,
    total: count.optional(),
    page: count.optional(),
    per_page: count.optional(),
    perPage: count.optional(),
    has_next: boolean,
    hasNext: boolean,
  })
  .transform(({ perPage, hasNext, ...page }) => ({ ...page, per_page: page.per_page ?? perPage, has_next: page.has_next ?? hasNext }));

/**
 * `GenericResponse[List[APIPodStatusResponse]]`: `data` may be null. It only
 * enriches the pod list, so whatever else it holds reads as "no news" rather
 * than failing the list.
 */
export const podStatusResponseSchema = z.looseObject({
  data: looseItems,
  status: text,
});
