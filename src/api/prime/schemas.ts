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
import {
  boolean,
  command,
  count,
  id,
  list,
  looseItems,
  number,
  optionalStatus,
  rawItems,
  record,
  status,
  stringList,
  text,
} from '../lenient.js';

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
  /**
   * The docs send readers to the status endpoint for these ("to obtain port
   * mappings and connection details"). Its published schema
   * (APIPodStatusResponse, the docs page "Get Pods Status") has no
   * `primePortMapping`, but the docs' example and the official client's
   * PodStatus model have it, and `prime pods status` shows it: the client wins.
   */
  primePortMapping: list(portMappingSchema),
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
  attachedResources: list(attachedResourceSchema),
  /** What `prime pods status` calls the Image. */
  environmentType: text,
  socket: text,
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
  /** What the disk costs while stopped and while provisioning (the official client's Disk model). */
  stoppedPriceHr: number,
  provisioningPriceHr: number,
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

/**
 * One ended pod of `GET /pods/history`, as the official client's HistoryObj
 * reads it (`prime_cli/api/pods.py`; the docs page lists the same fields):
 * the price it ran at and what it cost in all.
 */
export const podHistorySchema = z.looseObject({
  id,
  name: text,
  providerType: text,
  provisionedBy: text,
  type: text,
  createdAt: text,
  terminatedAt: text,
  gpuName: text,
  gpuCount: number,
  socket: text,
  priceHr: number,
  totalBilledPrice: number,
  userId: text,
  teamId: text,
});
export type PodHistory = z.output<typeof podHistorySchema>;

/**
 * One team of `GET /user/teams`, as `prime teams list` reads it
 * (`prime_cli/commands/teams.py`: `{teamId, name, slug, role, createdAt}`).
 */
export const teamSchema = z
  .looseObject({ teamId: text, id: text, name: text, slug: text, role: text, createdAt: text })
  .refine((team) => Boolean(team.teamId ?? team.id), { message: 'team without teamId' })
  .transform((team) => {
    const teamId = (team.teamId ?? team.id) as string;
    return { ...team, id: teamId, teamId };
  });
export type Team = z.output<typeof teamSchema>;

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
  .transform(({ perPage, hasNext, ...page }) => ({
    ...page,
    per_page: page.per_page ?? perPage,
    has_next: page.has_next ?? hasNext,
  }));

/**
 * `GenericResponse[List[APIPodStatusResponse]]`: `data` may be null. It only
 * enriches the pod list, so whatever else it holds reads as "no news" rather
 * than failing the list.
 */
export const podStatusResponseSchema = z.looseObject({
  data: looseItems,
  status: text,
});

/** Where a log may sit in an object: the SDK's `logs`, then the other likely names. */
const LOG_KEYS = ['logs', 'log', 'lines', 'data'] as const;

/**
 * Lines from a string: split at line breaks (`\n` or `\r\n`); a break at the
 * very end ends the last line rather than starting an empty one.
 */
function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * One entry of a list of lines: a string (which may itself hold several
 * lines), or anything else written out so that nothing is lost (a number, a
 * structured entry as JSON).
 */
function entryLines(entry: unknown): string[] {
  if (typeof entry === 'string') return entry === '' ? [''] : splitLines(entry);
  if (entry === null || entry === undefined) return [];
  if (typeof entry === 'object') return [JSON.stringify(entry)];
  return [String(entry as number | boolean | bigint)];
}

/** A string or a list of lines as lines; null is no log yet. Undefined for anything else. */
function linesOf(value: unknown): string[] | undefined {
  if (value === null) return [];
  if (typeof value === 'string') return splitLines(value);
  if (Array.isArray(value)) return value.flatMap(entryLines);
  return undefined;
}

/**
 * A log as lines, from whatever a log endpoint plausibly sends: the text, a
 * list of lines, or an object holding either under `logs`, `log`, `lines` or
 * `data` (first found wins), also one level down (`{data: {logs: ...}}`, the
 * API's `{status, data}` envelope). Undefined when it is none of these.
 */
export function readLogLines(body: unknown): string[] | undefined {
  const direct = linesOf(body);
  if (direct !== undefined) return direct;
  if (typeof body !== 'object' || body === null) return undefined;
  for (const key of LOG_KEYS) {
    if (!(key in body)) continue;
    const value = (body as Record<string, unknown>)[key];
    const lines = linesOf(value);
    if (lines !== undefined) return lines;
    if (typeof value === 'object' && value !== null) {
      for (const inner of LOG_KEYS) {
        const nested = inner in value ? linesOf((value as Record<string, unknown>)[inner]) : undefined;
        if (nested !== undefined) return nested;
      }
    }
  }
  return undefined;
}

/**
 * A log endpoint's answer as lines (see readLogLines). The pod log's shape
 * is not published (`GET /pods/{id}/log`: its docs say only "Successful
 * Response", schema `{}`, and the official client never calls it); the
 * sandbox log is `{logs: str}` (the SDK's SandboxLogsResponse), read just as
 * leniently. Any other shape fails with one line saying what was expected.
 */
export const logLinesSchema = z.unknown().transform((body, ctx): string[] => {
  const lines = readLogLines(body);
  if (lines !== undefined) return lines;
  ctx.addIssue({
    code: 'custom',
    message: `expected log text, a list of lines, or an object with ${LOG_KEYS.join(', ')}; got ${describeJson(body)}`,
  });
  return z.NEVER;
});

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') {
    const keys = Object.keys(value).slice(0, 5);
    return keys.length > 0 ? `an object with ${keys.join(', ')}` : 'an empty object';
  }
  return `a ${typeof value}`;
}

/** Each id's outcome, as `DELETE /sandbox` (bulk) reports it. */
export interface BulkDeleteAnswer {
  succeeded: string[];
  failed: { id: string; error: string }[];
}

/**
 * `DELETE /sandbox` (bulk): the SDK's BulkDeleteSandboxResponse,
 * `{succeeded: [id], failed: [{sandbox_id, error}], message}` (the CLI reads
 * `failed[].sandbox_id` and `failed[].error`). Read leniently: a list that is
 * missing or not a list is empty, an entry without an id is dropped, a
 * failure without a readable error says so; `message` is not needed.
 */
export function readBulkDelete(body: unknown): BulkDeleteAnswer {
  const object =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const succeeded = Array.isArray(object.succeeded)
    ? object.succeeded.map(idOf).filter((id): id is string => id !== undefined)
    : [];
  const failed: BulkDeleteAnswer['failed'] = [];
  for (const entry of Array.isArray(object.failed) ? object.failed : []) {
    if (typeof entry !== 'object' || entry === null) {
      const id = idOf(entry);
      if (id !== undefined) failed.push({ id, error: 'failed' });
      continue;
    }
    const fields = entry as Record<string, unknown>;
    const id = idOf(fields.sandbox_id ?? fields.sandboxId ?? fields.id);
    if (id === undefined) continue;
    const error = [fields.error, fields.message, fields.detail, fields.reason].find(
      (value): value is string => typeof value === 'string' && value !== '',
    );
    failed.push({ id, error: error ?? 'failed' });
  }
  return { succeeded, failed };
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
