import { signatureHeaders } from '../../src/api/dispersed/signing.js';
import type { DispersedKeys, Simulator } from '../../src/sim/index.js';

/** A fixed start so timestamps in assertions are stable: simulators here start at it (`simulatorForFile({ startTime: START, … })`). */
export const START = Date.UTC(2025, 5, 1, 12, 0, 0);

export interface Got<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

async function request<T>(
  sim: Simulator,
  method: string,
  path: string,
  key: string | null,
  init: RequestInit = {},
): Promise<Got<T>> {
  const headers = new Headers(init.headers);
  if (key !== null) headers.set('authorization', `Bearer ${key}`);
  const res = await fetch(sim.url + path, { ...init, method, headers });
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON (fault tests): callers look at `text`.
  }
  return { status: res.status, headers: res.headers, body: body as T, text };
}

/** GET against the Prime API with the right key unless told otherwise. */
export function prime<T = Record<string, unknown>>(
  sim: Simulator,
  path: string,
  key: string | null = sim.primeKey,
  method = 'GET',
): Promise<Got<T>> {
  return request<T>(sim, method, path, key);
}

/** GET against the Dispersed API, signed with the simulator's key pair unless told otherwise (null: no credentials). */
export function dispersed<T = Record<string, unknown>>(
  sim: Simulator,
  path: string,
  keys: DispersedKeys | null = sim.dispersedKeys,
): Promise<Got<T>> {
  const headers = keys ? signatureHeaders(keys, { method: 'GET', url: new URL(path, sim.url) }) : {};
  return request<T>(sim, 'GET', path, null, { headers });
}

/** Control API over HTTP (no key). */
export function control<T = unknown>(sim: Simulator, method: string, path: string, body?: unknown): Promise<Got<T>> {
  const init: RequestInit =
    body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  return request<T>(sim, method, path, null, init);
}

export interface Page<T> {
  total_count: number;
  offset: number;
  limit: number;
  data: T[];
}

export interface SandboxPage<T> {
  sandboxes: T[];
  total: number;
  page: number;
  per_page: number;
  has_next: boolean;
}

export interface NodePage<T> {
  data: T[];
  limit: number;
  page: number;
  total: number;
}

export interface ErrorBody {
  errors: { param: string; details: string }[];
}
