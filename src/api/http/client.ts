/**
 * The one HTTP layer both API clients share, on ky: a prefix URL, per-attempt
 * timeouts, retries with backoff that honour `Retry-After`, and hooks that
 * attach the credentials (a Bearer key, or the Dispersed request signature,
 * made afresh for every attempt). Requests go through fetch.ts (undici, with
 * connections kept alive between polls). Every failure becomes an ApiError.
 *
 * Security rules live here so no caller can forget them: credentials are only
 * attached to requests for the client's own origin, never over plain http
 * except to loopback, never follow a redirect to another origin (fetch.ts),
 * and never appear in an error message.
 */
import ky, { isHTTPError, type KyInstance, type Options as KyOptions } from 'ky';
import type { z } from 'zod';
import { USER_AGENT } from '../../version.js';
import { InvalidBaseUrlError, oneLine, type ApiName } from '../errors.js';
import { createFetch } from './fetch.js';
import { badResponse, describeNonJson, retryAfterMs, toApiError, type ErrorContext } from './failures.js';

export { MAX_RETRY_AFTER_MS, retryAfterMs } from './failures.js';

export type QueryValue = string | number | boolean | readonly string[] | undefined | null;
export type Query = Readonly<Record<string, QueryValue>>;

/** How a client proves who it is. */
export interface Credentials {
  /** What a person calls them, for messages: `API key`, `key pair`. */
  noun: string;
  /** The headers that authenticate one request (fresh each attempt: a signature is used once). */
  headersFor(request: { method: string; url: URL }): Record<string, string>;
  /** Never to appear in any message. */
  secrets: readonly string[];
}

/** `Authorization: Bearer KEY` (the Prime Intellect API). */
export function bearerToken(apiKey: string): Credentials {
  return { noun: 'API key', headersFor: () => ({ authorization: `Bearer ${apiKey}` }), secrets: [apiKey] };
}

/** How hard a client tries, as each API client's config carries it; undefined is the default (DEFAULTS). */
export interface HttpTuning {
  /** Per attempt. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt, for transient failures. */
  retryLimit?: number | undefined;
  /** A `Retry-After` longer than this is not waited out inside one call; the caller's polling backs off instead. */
  maxRetryAfterMs?: number | undefined;
  /** Upper bound of one exponential backoff step, inside one call. */
  backoffLimitMs?: number | undefined;
}

/**
 * Just the tuning of an API client's config: the rest of it (keys among it)
 * has no business among the HTTP layer's settings.
 */
export function httpTuning({ timeoutMs, retryLimit, maxRetryAfterMs, backoffLimitMs }: HttpTuning): HttpTuning {
  return { timeoutMs, retryLimit, maxRetryAfterMs, backoffLimitMs };
}

export interface HttpClientConfig extends HttpTuning {
  api: ApiName;
  /** Origin plus optional path prefix, e.g. `https://api.primeintellect.ai`. */
  baseUrl: string;
  credentials?: Credentials | undefined;
  /** What a person should do about missing or rejected credentials; ends a 401 message. */
  keyHint: string;
  /** Bodies larger than this are refused, so a misbehaving proxy cannot exhaust memory. */
  maxBodyBytes?: number;
}

export interface RequestOptions {
  signal?: AbortSignal | undefined;
}

export interface DeleteOptions extends RequestOptions {
  /**
   * A JSON body (a bulk delete's ids), sent as `application/json`. The rules
   * of a DELETE hold with or without one: never sent again after a timeout or
   * a lost connection, only after an explicit 429/503.
   */
  json?: unknown;
}

/** A successful response's body, with the means to turn it into values or into the error a person reads. */
export interface Fetched {
  bytes: Buffer;
  status: number;
  /** The URL that answered. */
  url: string;
  /** JSON, or an ApiError describing what came instead. */
  parse(text: string): unknown;
  /** `value` checked with `schema`, or an ApiError naming the first problem. */
  validate<S extends z.ZodType>(value: unknown, schema: S): z.output<S>;
}

export interface HttpClient {
  readonly api: ApiName;
  readonly baseUrl: string;
  /**
   * A GET's JSON body checked with `schema`. A lenient schema (one that
   * accepts text, lists or objects, as log endpoints need) makes this the way
   * to read loosely specified answers; a body that is not JSON at all is
   * still a bad-response ApiError.
   */
  getJson<S extends z.ZodType>(path: string, query: Query, schema: S, options?: RequestOptions): Promise<z.output<S>>;
  /** A GET's body as bytes, for readers that work on them (page-reader.ts). */
  getBytes(path: string, query: Query, options?: RequestOptions): Promise<Fetched>;
  /** DELETE, with a JSON body when given (a bulk delete's ids); returns the parsed JSON answer, or null when empty or odd. */
  delete(path: string, options?: DeleteOptions): Promise<unknown>;
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

/** Validates a base URL and the rule that credentials never travel over plain http except to loopback. */
export function checkBaseUrl(api: ApiName, baseUrl: string, hasKey: boolean, noun = 'API key'): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InvalidBaseUrlError(`${api} base URL is not a valid URL: ${oneLine(baseUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidBaseUrlError(`${api} base URL must use https: ${oneLine(baseUrl)}`);
  }
  if (url.username || url.password) {
    throw new InvalidBaseUrlError(`${api} base URL must not contain credentials`);
  }
  if (hasKey && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new InvalidBaseUrlError(
      `Refusing to send the ${api} ${noun} over plain http to ${url.host}; use https (plain http is allowed only for localhost)`,
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

/** Retried for GET: a timeout at a gateway, rate limits and transient server errors (and, by ky, network errors). */
const GET_RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
/**
 * A DELETE that timed out or lost its connection may have happened; sending
 * it again could act twice. Only an explicit "not now" (429/503) is retried.
 */
const DELETE_RETRY_STATUSES = [429, 503];
/** The first retry waits about this long; each further one twice as long, up to `backoffLimitMs`. */
const FIRST_BACKOFF_MS = 300;

export function createHttpClient(config: HttpClientConfig): HttpClient {
  const settings = { ...DEFAULTS, ...withoutUndefined(config) };
  const { credentials } = config;
  const base = checkBaseUrl(config.api, config.baseUrl, Boolean(credentials), credentials?.noun);
  const context: ErrorContext = {
    api: config.api,
    credentialNoun: credentials?.noun,
    keyHint: config.keyHint,
    secrets: credentials?.secrets ?? [],
  };

  // Only ever to our own origin: a path can never carry a credential elsewhere.
  const credentialsFor = (method: string, url: URL): Record<string, string> =>
    credentials && url.origin === base.origin ? credentials.headersFor({ method, url }) : {};
  const authenticate = ({ request }: { request: Request }): void => {
    for (const [name, value] of Object.entries(credentialsFor(request.method, new URL(request.url))))
      request.headers.set(name, value);
  };

  const fetch = createFetch({ maxBodyBytes: settings.maxBodyBytes, bodyTimeoutMs: settings.timeoutMs, credentialsFor });
  const retry = (methods: string[], statusCodes: number[], retryFailures: boolean): KyOptions['retry'] => ({
    limit: settings.retryLimit,
    methods,
    statusCodes,
    afterStatusCodes: [429, 503],
    retryOnTimeout: retryFailures,
    backoffLimit: settings.backoffLimitMs,
    delay: (attempt) => FIRST_BACKOFF_MS * 2 ** (attempt - 1),
    // From the upper half of each step, so that clients do not retry in step.
    jitter: (delay) => delay * (0.5 + 0.5 * Math.random()),
    shouldRetry: ({ error }) => {
      if (!isHTTPError(error)) return retryFailures ? undefined : false;
      // A server that asks for a longer wait than a call may take: the poller waits instead.
      const asked = retryAfterMs(error.response.headers.get('retry-after'));
      return asked !== undefined && asked > settings.maxRetryAfterMs ? false : undefined;
    },
  });

  const api: KyInstance = ky.create({
    prefix: base.href,
    timeout: settings.timeoutMs,
    headers: { 'user-agent': USER_AGENT, accept: 'application/json' },
    fetch,
    hooks: { beforeRequest: [authenticate], beforeRetry: [authenticate] },
  });
  const getOptions = { retry: retry(['get'], GET_RETRY_STATUSES, true) };
  const deleteOptions = { retry: retry(['delete'], DELETE_RETRY_STATUSES, false) };

  const send = async (
    method: 'get' | 'delete',
    path: string,
    query: Query,
    signal: AbortSignal | undefined,
    json?: unknown,
  ): Promise<{ response: Response; bytes: Buffer }> => {
    try {
      // ky serialises `json` and labels it application/json.
      const body = json === undefined ? {} : { json };
      const response = await api(relative(path), {
        method,
        searchParams: toSearchParams(query),
        signal,
        ...body,
        ...(method === 'get' ? getOptions : deleteOptions),
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      // undici frees a connection a moment after its body ends; a caller's
      // next request sent before that would open a second connection.
      await new Promise((resolve) => setImmediate(resolve));
      return { response, bytes };
    } catch (error) {
      throw toApiError(error, context, settings.maxBodyBytes);
    }
  };

  const fetched = (response: Response, bytes: Buffer): Fetched => ({
    bytes,
    status: response.status,
    url: response.url,
    parse(text) {
      if (text.trim() === '') return null;
      try {
        return JSON.parse(text);
      } catch {
        throw badResponse(context, response.status, describeNonJson(text, response.headers.get('content-type')));
      }
    },
    validate(value, schema) {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      throw badResponse(context, response.status, `unexpected response shape${where}: ${issue?.message ?? ''}`);
    },
  });

  return {
    api: config.api,
    baseUrl: base.href,
    async getJson(path, query, schema, options = {}) {
      const { response, bytes } = await send('get', path, query, options.signal);
      const body = fetched(response, bytes);
      return body.validate(body.parse(utf8.decode(bytes)), schema);
    },
    async getBytes(path, query, options = {}) {
      const { response, bytes } = await send('get', path, query, options.signal);
      return fetched(response, bytes);
    },
    async delete(path, options = {}) {
      const { response, bytes } = await send('delete', path, {}, options.signal, options.json);
      try {
        return fetched(response, bytes).parse(utf8.decode(bytes));
      } catch {
        // The delete happened; an odd body must not turn success into failure.
        return null;
      }
    },
  };
}

/** Decodes as fetch's `text()` does: a byte-order mark dropped, bad bytes replaced. */
const utf8 = new TextDecoder();

function relative(path: string): string {
  return path.replace(/^\/+/, '');
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
