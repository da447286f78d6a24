/**
 * The simulator's sandbox routes, as the docs and the official SDK describe
 * them: the paged list with its filters and rate limit, one sandbox, its
 * logs, and deleting one or many.
 */
import { ENDED_SANDBOX_STATUSES } from '../kinds/sandboxes.js';
import { type LogSpan, SANDBOX_LOG_MAX_LINES, tailOfLog } from '../logs.js';
import type { BulkDeleteSandboxResponse, SandboxDeleteResponse, SandboxLogsResponse } from '../wire-types.js';
import { QueryReader } from './query-params.js';
import { newestFirst, type ApiRequest, type PrimeDeps } from './prime-request.js';
import { type SimResponse, json, primeError, primeValidationError } from './responses.js';

/** The docs' SandboxStatus, and TIMEOUT, which the official SDK knows and the docs do not list yet. */
export const SANDBOX_STATUSES = [
  'PENDING',
  'PROVISIONING',
  'RUNNING',
  'PAUSED',
  'ERROR',
  'TERMINATED',
  'TIMEOUT',
] as const;
/** What `is_active=true` leaves out: "terminated" sandboxes, which a timed-out one is too. */
const INACTIVE_SANDBOX_STATUSES: readonly string[] = ['TERMINATED', 'TIMEOUT'];
/** The documented maximum of `per_page`; a simulator may be started with a lower one (a server that refuses large pages). */
export const SANDBOX_MAX_PER_PAGE = 1000;

/**
 * `DELETE /sandbox` with `sandbox_ids`: the documented limits, up to 500 ids
 * a call (the official CLI sends 100) and 50 calls a minute per token.
 */
export const SANDBOX_BULK_DELETE_MAX_IDS = 500;
export const SANDBOX_BULK_DELETE_PER_MINUTE = 50;

export function getSandbox(_req: ApiRequest, { world }: PrimeDeps, id: string): SimResponse {
  const sandbox = world.record('sandboxes', id);
  return sandbox ? json(200, sandbox) : primeError(404, 'Sandbox not found');
}

export function listSandboxes(req: ApiRequest, { world, sandboxLimiter, sandboxMaxPerPage }: PrimeDeps): SimResponse {
  const wait = sandboxLimiter.hit(req.token ?? '');
  if (wait > 0) {
    return primeError(429, `Rate limit exceeded: retry in ${wait} s`, { 'retry-after': String(wait) });
  }
  const q = new QueryReader(req.query);
  const teamId = q.string('team_id');
  const userId = q.string('user_id');
  const status = q.oneOf('status', SANDBOX_STATUSES);
  const isActive = q.bool('is_active');
  const labels = q.strings('labels');
  const page = q.int('page', { default: 1, min: 1 });
  const perPage = q.int('per_page', { default: 50, min: 1, max: sandboxMaxPerPage });
  if (q.errors.length) return primeValidationError(q.errors);

  const matching = newestFirst(world, 'sandboxes').filter(
    (sb) =>
      (teamId === undefined || sb.teamId === teamId) &&
      (userId === undefined || sb.userId === userId) &&
      (status === undefined || sb.status === status) &&
      (isActive !== true || !INACTIVE_SANDBOX_STATUSES.includes(sb.status)) &&
      labels.every((label) => sb.labels.includes(label)),
  );
  const start = (page - 1) * perPage;
  return json(200, {
    sandboxes: matching.slice(start, start + perPage),
    total: matching.length,
    page,
    per_page: perPage,
    has_next: start + perPage < matching.length,
  });
}

/**
 * `GET /sandbox/{id}/logs` → `{logs: str}` (the SDK's SandboxLogsResponse),
 * the whole log, at most its last SANDBOX_LOG_MAX_LINES lines. A sandbox's
 * log runs from when it started running until it ended or paused; one that
 * never ran has an empty log.
 */
export function sandboxLogs(_req: ApiRequest, { world, logLinesPerMinute }: PrimeDeps, id: string): SimResponse {
  const sandbox = world.record('sandboxes', id);
  if (!sandbox) return primeError(404, 'Sandbox not found');
  const failure =
    sandbox.status === 'ERROR' || sandbox.status === 'TIMEOUT'
      ? [sandbox.errorType, sandbox.errorMessage].filter(Boolean).join(': ')
      : '';
  const span: LogSpan = {
    seed: world.seed,
    id,
    startMs: sandbox.startedAt ? Date.parse(sandbox.startedAt) : null,
    endMs: ENDED_SANDBOX_STATUSES.includes(sandbox.status)
      ? Date.parse(sandbox.terminatedAt ?? sandbox.updatedAt)
      : sandbox.status === 'PAUSED'
        ? Date.parse(sandbox.updatedAt)
        : null,
    flavour: 'sandbox',
    finalLine: failure || null,
  };
  return json(200, {
    logs: tailOfLog(span, world.now(), SANDBOX_LOG_MAX_LINES, logLinesPerMinute).join('\n'),
  } satisfies SandboxLogsResponse);
}

/**
 * `DELETE /sandbox/{id}` → `{success: true, message}`, the documented
 * DeleteSandboxResponse (spec/prime/sandbox-delete.openapi.yaml). The SDK
 * returns the answer as it is and needs a JSON object (it has no 204
 * handling). The sandbox is TERMINATED at once and leaves the list shortly
 * after.
 */
export function deleteSandbox(_req: ApiRequest, { world }: PrimeDeps, id: string): SimResponse {
  if (!world.deleteSandbox(id)) return primeError(404, 'Sandbox not found');
  return json(200, { success: true, message: `Sandbox ${id} deleted` } satisfies SandboxDeleteResponse);
}

/**
 * `DELETE /sandbox` with `{sandbox_ids: [...]}` (the documented and SDK's
 * BulkDeleteSandboxRequest; its scoped forms, by `labels` or `all_users`,
 * are not simulated: cloudtop sends ids). 50 calls a minute per token, 1 to
 * 500 string ids a call, else a 422 in the documented ErrorResponse. The
 * answer is the BulkDeleteSandboxResponse: `succeeded` ids, `failed` entries
 * of `{sandbox_id, error}` (the keys the official CLI reads), and a `message`.
 */
export function deleteSandboxes(req: ApiRequest, { world, bulkDeleteLimiter }: PrimeDeps): SimResponse {
  const wait = bulkDeleteLimiter.hit(req.token ?? '');
  if (wait > 0) return primeError(429, `Rate limit exceeded: retry in ${wait} s`, { 'retry-after': String(wait) });
  if (req.bodyError !== undefined) return primeValidationError([{ param: 'body', details: req.bodyError }]);
  const body = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return primeValidationError([{ param: 'body', details: 'Input should be a JSON object with sandbox_ids' }]);
  }
  const ids = (body as { sandbox_ids?: unknown }).sandbox_ids;
  if (ids === undefined || ids === null)
    return primeValidationError([
      { param: 'sandbox_ids', details: 'Field required (deleting by labels or all_users is not simulated)' },
    ]);
  if (!Array.isArray(ids))
    return primeValidationError([{ param: 'sandbox_ids', details: 'Input should be a valid list' }]);
  if (ids.length === 0)
    return primeValidationError([{ param: 'sandbox_ids', details: 'List should have at least 1 item' }]);
  if (ids.length > SANDBOX_BULK_DELETE_MAX_IDS) {
    return primeValidationError([
      {
        param: 'sandbox_ids',
        details: `At most ${SANDBOX_BULK_DELETE_MAX_IDS} sandbox ids per request, got ${ids.length}`,
      },
    ]);
  }
  const notString = ids.findIndex((id) => typeof id !== 'string');
  if (notString >= 0)
    return primeValidationError([{ param: `sandbox_ids.${notString}`, details: 'Input should be a valid string' }]);
  const succeeded: string[] = [];
  const failed: BulkDeleteSandboxResponse['failed'] = [];
  for (const id of new Set(ids as string[])) {
    if (world.deleteSandbox(id)) succeeded.push(id);
    else failed.push({ sandbox_id: id, error: 'Sandbox not found' });
  }
  const message =
    failed.length === 0
      ? `Deleted ${succeeded.length} sandbox(es)`
      : `Deleted ${succeeded.length} sandbox(es), ${failed.length} failed`;
  return json(200, { succeeded, failed, message } satisfies BulkDeleteSandboxResponse);
}
