/**
 * One meaning per colour, in every view. A status the APIs add later is
 * shown as it is, uncoloured, never dropped.
 */
import { MISSING } from './format.js';

export type StatusCategory = 'healthy' | 'progress' | 'failed' | 'gone' | 'unknown';
export const STATUS_CATEGORIES: readonly StatusCategory[] = ['healthy', 'progress', 'failed', 'gone', 'unknown'];

const CATEGORY_BY_STATUS: Readonly<Record<string, StatusCategory>> = {
  ACTIVE: 'healthy',
  RUNNING: 'healthy',
  AVAILABLE: 'healthy',
  FINISHED: 'healthy',
  PROVISIONING: 'progress',
  PENDING: 'progress',
  // A pod up and still installing its image (views/pods.ts podStatus): on its way, as the official client colours it (yellow).
  INSTALLING: 'progress',
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
  // A sandbox that ran past its timeout: ended, as the official client counts it.
  TIMEOUT: 'gone',
  DELETING: 'gone',
  DELETED: 'gone',
  STOPPED: 'gone',
};

export function statusCategory(status: string): StatusCategory {
  return CATEGORY_BY_STATUS[status.toUpperCase()] ?? 'unknown';
}

export function isFailedStatus(status: string): boolean {
  return statusCategory(status) === 'failed';
}

export function isGoneStatus(status: string): boolean {
  return statusCategory(status) === 'gone';
}

/** Statuses of resources that have ended: hidden unless `a` / `--all`, or unless a `status:` term names them. */
export const ENDED_STATUSES: readonly string[] = ['TERMINATED', 'TIMEOUT', 'DELETED'];

/**
 * Resources that have ended (TERMINATED, a sandbox's TIMEOUT, DELETED).
 * DELETING and STOPPED stay visible although drawn as gone: a delete in
 * progress is worth watching, and a stopped pod can still cost money.
 */
export function isEndedStatus(status: string): boolean {
  return ENDED_STATUSES.includes(status.toUpperCase());
}

/** A status as words: the API's own, or the missing-value mark when it sent none. */
export function statusText(status: string): string {
  return status || MISSING;
}
