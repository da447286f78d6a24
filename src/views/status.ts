/**
 * One meaning per colour, in every view. A status the APIs add later is
 * shown as it is, uncoloured, never dropped.
 */

export type StatusCategory = 'healthy' | 'progress' | 'failed' | 'gone' | 'unknown';

const CATEGORY_BY_STATUS: Readonly<Record<string, StatusCategory>> = {
  ACTIVE: 'healthy',
  RUNNING: 'healthy',
  AVAILABLE: 'healthy',
  FINISHED: 'healthy',
  PROVISIONING: 'progress',
  PENDING: 'progress',
  PREPARING: 'progress',
  ASSIGNED: 'progress',
  WORKING: 'progress',
  STOPPING: 'progress',
  PAUSED: 'progress',
  RESOURCE_BUSY: 'progress',
  ERROR: 'failed',
  OFFLINE: 'failed',
  FAILED: 'failed',
  OUTDATED_CLIENT: 'failed',
  TERMINATED: 'gone',
  DELETING: 'gone',
  DELETED: 'gone',
  STOPPED: 'gone',
};

export function statusCategory(status: string): StatusCategory {
  return CATEGORY_BY_STATUS[status.toUpperCase()] ?? 'unknown';
}

/** Ink colour names per category; `gone` is drawn dim rather than in a colour. */
export const CATEGORY_COLOR: Readonly<Record<StatusCategory, string | undefined>> = {
  healthy: 'green',
  progress: 'yellow',
  failed: 'red',
  gone: undefined,
  unknown: undefined,
};

export function isFailedStatus(status: string): boolean {
  return statusCategory(status) === 'failed';
}

export function isGoneStatus(status: string): boolean {
  return statusCategory(status) === 'gone';
}

/**
 * Resources that have ended (TERMINATED, DELETED): hidden unless `a` / `--all`.
 * DELETING and STOPPED stay visible although drawn as gone: a delete in
 * progress is worth watching, and a stopped pod can still cost money.
 */
export function isEndedStatus(status: string): boolean {
  const upper = status.toUpperCase();
  return upper === 'TERMINATED' || upper === 'DELETED';
}
