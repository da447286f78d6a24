/**
 * The one HTTP layer both API clients share: ky for timeouts and retries,
 * zod at the edge, and every failure turned into an `ApiError`.
 *
 * Security rules live here so no caller can forget them: the key is only
 * attached to requests for the client's own origin, never over plain http
 * except to loopback, and never appears in an error message. Redirects are
 * followed by fetch, which drops `Authorization` when one leaves the origin.
 */
import { hash } from 'node:crypto';
import ky, { HTTPError, isHTTPError, isNetworkError, isTimeoutError, type KyInstance, type RetryOptions } from 'ky';
import type { z } from 'zod';
import { GenerationalMap } from '../util/generational-map.js';
import { USER_AGENT } from '../version.js';
import { ApiError, ConfigError, oneLine, type ApiErrorKind, type ApiName } from './errors.js';

export type QueryValue = string | number | boolean | readonly string[] | undefined | null;
export type Query = Readonly<Record<string, QueryValue>>;

export interface HttpClientConfig {
  api: ApiName;
  /** Origin plus optional path prefix, e.g. `https://api.primeintellect.ai`. */
  baseUrl: string;
  apiKey?: string | undefined;
  /** What a person should do about a missing or rejected key; ends a 401 message. */
  keyHint: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Retries after the first attempt, for transient failures. */
  retryLimit?: number;
  /** A `Retry-After` longer than this is not waited out inside one call; the caller's polling backs off instead. */
  maxRetryAfterMs?: number;
  /** Bodies larger than this are refused, so a misbehaving proxy cannot exhaust memory. */
  maxBodyBytes?: number;
  /** Upper bound of one exponential backoff step. */
  backoffLimitMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal | undefined;
}

export interface HttpClient {
  readonly api: ApiName;
  readonly baseUrl: string;
  getJson<S extends z.ZodType>(path: string, query: Query, schema: S, options?: RequestOptions): Promise<z.output<S>>;
  /**
   * `derive(getJson(…))`, for list pages polled over and over: when a URL's
   * body is byte-for-byte what it was last time, the value derived then is
   * returned again, without parsing. An unchanged page of a steady account
   * then costs a hash of its bytes instead of decoding, JSON parsing, validating and
   * comparing every item, and its rows stay the same objects, which is what
   * lets everything downstream skip them. `derive` must depend on the body
   * alone, and its result is shared: it must never be changed.
   */
  getDerived<S extends z.ZodType, T>(path: string, query: Query, schema: S, derive: (body: z.output<S>) => T, options?: RequestOptions): Promise<T>;
  /** DELETE; returns the parsed JSON body (informational) or null when empty. */
  delete(path: string, options?: RequestOptions): Promise<unknown>;
}

const DEFAULTS = {
  timeoutMs: 10_000,
  retryLimit: 2,
  maxRetryAfterMs: 15_000,
  maxBodyBytes: 8 * 1024 * 1024,
  backoffLimitMs: 8_000,
} as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Validates a base URL and the rule that a key never travels over plain http except to loopback. */
export function checkBaseUrl(api: ApiName, baseUrl: string, hasKey: boolean): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigError(`${api} base URL is not a valid URL: ${oneLine(baseUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${api} base URL must use https: ${oneLine(baseUrl)}`);
  }
  if (url.username || url.password) {
    throw new ConfigError(`${api} base URL must not contain credentials`);
  }
  if (hasKey && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(
      `Refusing to send the ${api} API key over plain http to ${url.host}; use https (plain http is allowed only for localhost)`,
    );
  }
  return url;
}

export function toSearchParams(query: Query): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly string[]) params.append(name, item);
    } else {
      params.append(name, String(value));
    }
  }
  return params;
}

export function createHttpClient(config: HttpClientConfig): HttpClient {
  const settings = { ...DEFAULTS, ...withoutUndefined(config) };
  const base = checkBaseUrl(config.api, config.baseUrl, Boolean(config.apiKey));
  const secrets = [config.apiKey];

  const instance: KyInstance = ky.create({
    prefix: base.href,
    timeout: settings.timeoutMs,
    headers: { 'user-agent': USER_AGENT, accept: 'application/json' },
    hooks: {
      beforeRequest: [
        ({ request }) => {
          // Only ever to our own origin: a path can never smuggle the key elsewhere.
          if (config.apiKey && new URL(request.url).origin === base.origin) {
            request.headers.set('authorization', `Bearer ${config.apiKey}`);
          }
        },
      ],
    },
  });

  const retryAfterTooLong = (error: Error): boolean =>
    isHTTPError(error) && (retryAfterMs(error.response.headers) ?? 0) > settings.maxRetryAfterMs;

  const getRetry: RetryOptions = {
    limit: settings.retryLimit,
    methods: ['get'],
    statusCodes: [408, 429, 500, 502, 503, 504],
    afterStatusCodes: [429, 503],
    maxRetryAfter: settings.maxRetryAfterMs,
    backoffLimit: settings.backoffLimitMs,
    jitter: true,
    retryOnTimeout: true,
    shouldRetry: ({ error }) => (retryAfterTooLong(error) ? false : undefined),
  };

  // A DELETE that timed out or lost its connection may have happened; sending
  // it again could act twice. Only an explicit "not now" (429/503) is retried.
  const deleteRetry: RetryOptions = {
    limit: settings.retryLimit,
    methods: ['delete'],
    statusCodes: [429, 503],
    afterStatusCodes: [429, 503],
    maxRetryAfter: settings.maxRetryAfterMs,
    backoffLimit: settings.backoffLimitMs,
    retryOnTimeout: false,
    shouldRetry: ({ error }) => {
      if (isNetworkError(error) || isTimeoutError(error)) return false;
      return retryAfterTooLong(error) ? false : undefined;
    },
  };

  const fail = (error: unknown): never => {
    throw toApiError(error, config, secrets);
  };

  const parseJson = (text: string, response: Response): unknown => {
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text);
    } catch {
      throw badResponse(config.api, response, describeNonJson(text, response), secrets);
    }
  };
  const readJson = async (response: Response): Promise<unknown> => parseJson(await readBodyCapped(response, settings.maxBodyBytes, config.api), response);

  const get = (path: string, query: Query, options: RequestOptions): Promise<Response> =>
    instance.get(relative(path), { searchParams: toSearchParams(query), retry: getRetry, signal: options.signal }).catch(fail);

  const validate = <S extends z.ZodType>(body: unknown, schema: S, response: Response): z.output<S> => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      throw badResponse(config.api, response, `unexpected response shape${where}: ${issue?.message ?? ''}`, secrets);
    }
    return parsed.data;
  };

  // Per URL: a digest of the last body and what was derived from it. Bounded:
  // a list is at most a few hundred pages; URLs no longer asked for age out.
  const derived = new GenerationalMap<string, { digest: string; value: unknown }>(1_000);

  return {
    api: config.api,
    baseUrl: base.href,
    async getJson(path, query, schema, options = {}) {
      const response = await get(path, query, options);
      return validate(await readJson(response), schema, response);
    },
    async getDerived(path, query, schema, derive, options = {}) {
      const response = await get(path, query, options);
      // The bytes are compared (by digest) before anything else: an unchanged page is not even decoded.
      const bytes = await readBodyBytes(response, settings.maxBodyBytes, config.api);
      const digest = hash('sha1', bytes);
      const last = derived.get(response.url);
      if (last?.digest === digest) return last.value as ReturnType<typeof derive>;
      const value = derive(validate(parseJson(utf8.decode(bytes), response), schema, response));
      derived.set(response.url, { digest, value });
      return value;
    },
    async delete(path, options = {}) {
      const response = await instance.delete(relative(path), { retry: deleteRetry, signal: options.signal }).catch(fail);
      return readJson(response).catch((error: unknown) => {
        // The delete happened; an odd body must not turn success into failure.
        if (error instanceof ApiError && error.kind === 'bad-response') return null;
        throw error;
      });
    },
  };
}

function relative(path: string): string {
  return path.replace(/^\/+/, '');
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `detail` may quote the server (a content type, a schema issue): it is cleaned and the secrets hidden. */
function badResponse(api: ApiName, response: Response, detail: string, secrets: readonly (string | undefined)[]): ApiError {
  return new ApiError({ kind: 'bad-response', api, status: response.status, message: oneLine(`${api} API sent a bad response: ${detail}`, secrets) });
}

function describeNonJson(text: string, response: Response): string {
  const type = response.headers.get('content-type') ?? 'unknown type';
  if (/html/i.test(type) || /^\s*</.test(text)) return 'an HTML page instead of JSON (a proxy or gateway error?)';
  return `not valid JSON (${oneLine(type)}, ${text.length} bytes; truncated?)`;
}

async function readBodyCapped(response: Response, maxBytes: number, api: ApiName): Promise<string> {
  return utf8.decode(await readBodyBytes(response, maxBytes, api));
}

/** Decodes as fetch's `text()` does (a byte-order mark is dropped); one instance, not one per response. */
const utf8 = new TextDecoder();

async function readBodyBytes(response: Response, maxBytes: number, api: ApiName): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  const tooLarge = () =>
    new ApiError({
      kind: 'bad-response',
      api,
      status: response.status,
      message: `${api} API sent a response larger than ${Math.round(maxBytes / 1024 / 1024)} MB; refusing to read it`,
    });
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError({ kind: 'network', api, message: `${api} API connection broke while reading the response` });
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/**
 * The longest `Retry-After` honoured: an hour. A server may ask for more (a
 * month, by mistake or malice), but a dashboard should look again sooner, and
 * a timer cannot wait longer than 2^31 - 1 ms: Node runs such a timer after
 * 1 ms instead, which would turn "wait a month" into a request storm.
 */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/** Milliseconds from a `Retry-After` header (seconds or HTTP date), if present and sane, at most MAX_RETRY_AFTER_MS. */
export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  // An HTTP date names its day and month; Date.parse alone would take "-1" for a year.
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - Date.now()), MAX_RETRY_AFTER_MS);
}

const KIND_BY_STATUS: Record<number, ApiErrorKind> = {
  401: 'auth',
  402: 'payment',
  403: 'forbidden',
  404: 'not-found',
  408: 'timeout',
  422: 'invalid-request',
  429: 'rate-limited',
};

export function toApiError(error: unknown, config: Pick<HttpClientConfig, 'api' | 'apiKey' | 'keyHint'>, secrets: readonly (string | undefined)[] = [config.apiKey]): ApiError {
  const api = config.api;
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPError) return fromHttpError(error, config, secrets);
  if (isTimeoutError(error)) {
    return new ApiError({ kind: 'timeout', api, message: `${api} API did not answer in time` });
  }
  if (isNetworkError(error)) {
    // The innermost cause is quoted: undici's messages can carry a header value.
    return new ApiError({ kind: 'network', api, message: oneLine(`Cannot reach the ${api} API: ${networkReason(error.cause)}`, secrets) });
  }
  if (error instanceof Error && error.name === 'AbortError') throw error; // cancellation is not a failure
  const text = error instanceof Error ? error.message : String(error);
  return new ApiError({ kind: 'network', api, message: `Cannot reach the ${api} API: ${oneLine(text, secrets)}` });
}

function fromHttpError(
  error: HTTPError,
  config: Pick<HttpClientConfig, 'api' | 'apiKey' | 'keyHint'>,
  secrets: readonly (string | undefined)[],
): ApiError {
  const { api } = config;
  const status = error.response.status;
  const kind: ApiErrorKind = KIND_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'invalid-request');
  const retryAfter = retryAfterMs(error.response.headers);
  const detail = serverDetail(error.data, secrets);
  const message = (() => {
    switch (kind) {
      case 'auth':
        return config.apiKey
          ? `${api} API rejected the API key (401). ${config.keyHint}`
          : `${api} API needs an API key (401). ${config.keyHint}`;
      case 'forbidden':
        return `${api} API refused: the API key lacks permission for this (403)${detail ? `: ${detail}` : ''}`;
      case 'payment':
        return `${api} API says payment is required (402): check the account's billing`;
      case 'not-found':
        return `${api} API: not found (404)${detail ? `: ${detail}` : ''}`;
      case 'invalid-request':
        return `${api} API rejected the request (${status})${detail ? `: ${detail}` : ''}`;
      case 'rate-limited':
        return `${api} API rate limit reached (429)${retryAfter !== undefined ? `; retry in ${Math.ceil(retryAfter / 1000)}s` : ''}`;
      case 'timeout':
        return `${api} API timed out (${status})`;
      default:
        return `${api} API server error (${status})${detail ? `: ${detail}` : ''}`;
    }
  })();
  return new ApiError({ kind, api, status, message: oneLine(message, secrets), retryAfterMs: retryAfter });
}

/** The most useful line from an error body: the documented `{errors: [{param, details}]}`, FastAPI's `detail`, or a `message`. */
function serverDetail(data: unknown, secrets: readonly (string | undefined)[]): string {
  if (!data || typeof data !== 'object') return '';
  const body = data as Record<string, unknown>;
  if (Array.isArray(body.errors)) {
    const parts = body.errors
      .slice(0, 3)
      .map((item) => {
        const entry = (item ?? {}) as Record<string, unknown>;
        const param = typeof entry.param === 'string' ? entry.param : '';
        const details = typeof entry.details === 'string' ? entry.details : '';
        return param ? `${param}: ${details}` : details;
      })
      .filter(Boolean);
    if (parts.length > 0) return oneLine(parts.join('; '), secrets);
  }
  if (typeof body.detail === 'string') return oneLine(body.detail, secrets);
  if (Array.isArray(body.detail)) {
    const first = (body.detail[0] ?? {}) as Record<string, unknown>;
    const loc = Array.isArray(first.loc) ? first.loc.filter((p) => p !== 'query' && p !== 'body').join('.') : '';
    const msg = typeof first.msg === 'string' ? first.msg : '';
    if (loc || msg) return oneLine(loc ? `${loc}: ${msg}` : msg, secrets);
  }
  if (typeof body.message === 'string') return oneLine(body.message, secrets);
  return '';
}

function networkReason(cause: unknown): string {
  const code = findErrorCode(cause);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found (DNS)';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connection timed out';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return 'TLS certificate problem';
    default:
      return code ? code.toLowerCase() : (innermostMessage(cause) ?? 'network error');
  }
}

/** The most specific message in a chain of causes, e.g. undici's "bad port" under "fetch failed". */
function innermostMessage(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const record = error as { message?: unknown; cause?: unknown };
  const deeper = innermostMessage(record.cause, depth + 1);
  if (deeper) return deeper;
  return typeof record.message === 'string' && record.message !== 'fetch failed' ? oneLine(record.message) : undefined;
}

function findErrorCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const record = error as { code?: unknown; cause?: unknown };
  if (typeof record.code === 'string') return record.code;
  return findErrorCode(record.cause, depth + 1);
}
