/**
 * The one HTTP layer both API clients share: timeouts and retries (with the
 * server's `Retry-After`), zod at the edge, and every failure turned into an
 * `ApiError`. The exchange itself is transport.ts (node:http; see there why
 * not fetch).
 *
 * Security rules live here so no caller can forget them: credentials (a
 * Bearer key, or the Dispersed request signature) are only attached to
 * requests for the client's own origin, never over plain http except to
 * loopback, and never appear in an error message. Redirects are followed by
 * the transport, which drops every credential header when one leaves the
 * origin.
 */
import type { z } from 'zod';
import { GenerationalMap } from '../util/generational-map.js';
import { USER_AGENT } from '../version.js';
import { ApiError, ConfigError, oneLine, type ApiErrorKind, type ApiName } from './errors.js';
import { readListPage, type ListPage, type ListPageSpec, type ReadPage } from './list-page.js';
import { BodyTooLargeError, exchange, NetworkError, TimeoutError, type ExchangeResponse } from './transport.js';

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

export interface HttpClientConfig {
  api: ApiName;
  /** Origin plus optional path prefix, e.g. `https://api.primeintellect.ai`. */
  baseUrl: string;
  credentials?: Credentials | undefined;
  /** What a person should do about missing or rejected credentials; ends a 401 message. */
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

export interface PageOptions extends RequestOptions {
  /**
   * Remember the page under this key instead of its URL. For a request whose
   * URL changes from poll to poll (a batch of ids) but whose answer is best
   * compared with the same batch last time: remembered by URL, every new
   * batch would add an entry, and the last thousand batches' items would stay
   * in memory.
   */
  rememberAs?: string;
}

export interface HttpClient {
  readonly api: ApiName;
  readonly baseUrl: string;
  getJson<S extends z.ZodType>(path: string, query: Query, schema: S, options?: RequestOptions): Promise<z.output<S>>;
  /**
   * One page of a list polled over and over (see list-page.ts). When a URL's
   * body is byte-for-byte what it was last time, the page read then is
   * returned again, not even decoded: an unchanged page of a steady account
   * costs a hash of its bytes, and its rows stay the same objects, which is
   * what lets everything downstream skip them. When the body changed, only
   * the items whose bytes changed are parsed. The page is shared: it must
   * never be changed.
   */
  getPage<E extends z.ZodType, I extends z.ZodType>(path: string, query: Query, spec: ListPageSpec<E, I>, options?: PageOptions): Promise<ListPage<z.output<E>, z.output<I>>>;
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
export function checkBaseUrl(api: ApiName, baseUrl: string, hasKey: boolean, noun = 'API key'): URL {
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

/** Which responses and failures a method retries, and how long it waits. */
interface RetryPolicy {
  /** Retries after the first attempt. */
  limit: number;
  statuses: ReadonlySet<number>;
  /** Timeouts and broken connections: retried only where sending twice is harmless. */
  retryFailures: boolean;
}

/** Retried for GET: a timeout at a gateway, rate limits and transient server errors. */
const GET_RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/**
 * A DELETE that timed out or lost its connection may have happened; sending
 * it again could act twice. Only an explicit "not now" (429/503) is retried.
 */
const DELETE_RETRY_STATUSES = new Set([429, 503]);
/** The first retry waits about this long; each further one twice as long, up to `backoffLimitMs`. */
const FIRST_BACKOFF_MS = 300;

export function createHttpClient(config: HttpClientConfig): HttpClient {
  const settings = { ...DEFAULTS, ...withoutUndefined(config) };
  const credentials = config.credentials;
  const base = checkBaseUrl(config.api, config.baseUrl, Boolean(credentials), credentials?.noun);
  const secrets = credentials?.secrets ?? [];
  const getRetry: RetryPolicy = { limit: settings.retryLimit, statuses: GET_RETRY_STATUSES, retryFailures: true };
  const deleteRetry: RetryPolicy = { limit: settings.retryLimit, statuses: DELETE_RETRY_STATUSES, retryFailures: false };

  const urlFor = (path: string, query: Query): URL => {
    const url = new URL(relative(path), base.href);
    const search = toSearchParams(query).toString();
    if (search) url.search = search;
    return url;
  };

  const headersFor = (method: string, url: URL): Record<string, string> => {
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'application/json' };
    // Only ever to our own origin: a path can never smuggle a credential elsewhere.
    if (credentials && url.origin === base.origin) Object.assign(headers, credentials.headersFor({ method, url }));
    return headers;
  };

  /** One call: attempts with backoff until a success, a final failure or the retry limit. Throws ApiError (or AbortError). */
  const send = async (method: 'GET' | 'DELETE', url: URL, retry: RetryPolicy, signal: AbortSignal | undefined): Promise<ExchangeResponse> => {
    for (let attempt = 0; ; attempt++) {
      let response: ExchangeResponse;
      try {
        response = await exchange({
          method,
          url,
          headers: headersFor(method, url),
          timeoutMs: settings.timeoutMs,
          maxBodyBytes: settings.maxBodyBytes,
          signal,
          freshConnection: method !== 'GET',
        });
      } catch (error) {
        const failure = toApiError(error, config.api, secrets);
        if (!retry.retryFailures || attempt >= retry.limit || !(error instanceof NetworkError || error instanceof TimeoutError)) throw failure;
        await sleep(backoffMs(attempt, settings.backoffLimitMs), signal);
        continue;
      }
      if (response.status >= 200 && response.status < 300) return response;
      const failure = fromStatus(response, config, secrets);
      response.body.release();
      if (attempt >= retry.limit || !retry.statuses.has(response.status)) throw failure;
      // The server said when: wait that long, unless it is longer than a call
      // may wait (the caller's polling backs off instead).
      const asked = failure.retryAfterMs;
      if (asked !== undefined && asked > settings.maxRetryAfterMs) throw failure;
      await sleep(asked ?? backoffMs(attempt, settings.backoffLimitMs), signal);
    }
  };

  const parseJson = (text: string, response: ExchangeResponse): unknown => {
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text);
    } catch {
      throw badResponse(config.api, response, describeNonJson(text, response), secrets);
    }
  };

  const validate = <S extends z.ZodType>(body: unknown, schema: S, response: ExchangeResponse): z.output<S> => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      throw badResponse(config.api, response, `unexpected response shape${where}: ${issue?.message ?? ''}`, secrets);
    }
    return parsed.data;
  };

  // Per URL (or rememberAs): a digest of the last body and the page read from
  // it. Bounded: a list is at most a few hundred pages; URLs no longer asked
  // for age out.
  const pages = new GenerationalMap<string, { digest: string; read: ReadPage<unknown, unknown> }>(1_000);

  return {
    api: config.api,
    baseUrl: base.href,
    async getJson(path, query, schema, options = {}) {
      const response = await send('GET', urlFor(path, query), getRetry, options.signal);
      try {
        return validate(parseJson(response.body.text(), response), schema, response);
      } finally {
        response.body.release();
      }
    },
    async getPage<E extends z.ZodType, I extends z.ZodType>(path: string, query: Query, spec: ListPageSpec<E, I>, options: PageOptions = {}) {
      const response = await send('GET', urlFor(path, query), getRetry, options.signal);
      try {
        // The bytes are compared (by digest) before anything else: an unchanged page is not even decoded.
        const digest = response.body.digest;
        const key = options.rememberAs ?? response.url;
        const last = pages.get(key) as { digest: string; read: ReadPage<z.output<E>, z.output<I>> } | undefined;
        if (last?.digest === digest) return last.read.page;
        const read = response.body.withBytes((bytes) =>
          readListPage(bytes, spec, last?.read, {
            parse: (text) => parseJson(text, response),
            validate: (value, schema) => validate(value, schema, response),
          }),
        );
        pages.set(key, { digest, read });
        return read.page;
      } finally {
        response.body.release();
      }
    },
    async delete(path, options = {}) {
      const response = await send('DELETE', urlFor(path, {}), deleteRetry, options.signal);
      try {
        return parseJson(response.body.text(), response);
      } catch {
        // The delete happened; an odd body must not turn success into failure.
        return null;
      } finally {
        response.body.release();
      }
    },
  };
}

/** Exponential backoff with jitter: about FIRST_BACKOFF_MS × 2^attempt, at most `limitMs`, each wait drawn from its upper half so clients do not retry in step. */
function backoffMs(attempt: number, limitMs: number): number {
  const step = Math.min(limitMs, FIRST_BACKOFF_MS * 2 ** attempt);
  return step * (0.5 + 0.5 * Math.random());
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('The request was aborted', 'AbortError'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new DOMException('The request was aborted', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function relative(path: string): string {
  return path.replace(/^\/+/, '');
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `detail` may quote the server (a content type, a schema issue): it is cleaned and the secrets hidden. */
function badResponse(api: ApiName, response: ExchangeResponse, detail: string, secrets: readonly (string | undefined)[]): ApiError {
  return new ApiError({ kind: 'bad-response', api, status: response.status, message: oneLine(`${api} API sent a bad response: ${detail}`, secrets) });
}

function describeNonJson(text: string, response: ExchangeResponse): string {
  const type = response.headers['content-type'] ?? 'unknown type';
  if (/html/i.test(type) || /^\s*</.test(text)) return 'an HTML page instead of JSON (a proxy or gateway error?)';
  return `not valid JSON (${oneLine(type)}, ${text.length} bytes; truncated?)`;
}

/**
 * The longest `Retry-After` honoured: an hour. A server may ask for more (a
 * month, by mistake or malice), but a dashboard should look again sooner, and
 * a timer cannot wait longer than 2^31 - 1 ms: Node runs such a timer after
 * 1 ms instead, which would turn "wait a month" into a request storm.
 */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/** Milliseconds from a `Retry-After` header's value (seconds or HTTP date), if present and sane, at most MAX_RETRY_AFTER_MS. */
export function retryAfterMs(value: string | undefined): number | undefined {
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

/** Anything a call can fail with, as the ApiError a person reads. Cancellation (AbortError) is rethrown, not a failure. */
export function toApiError(error: unknown, api: ApiName, secrets: readonly (string | undefined)[]): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof TimeoutError) {
    return new ApiError({ kind: 'timeout', api, message: `${api} API did not answer in time` });
  }
  if (error instanceof BodyTooLargeError) {
    const mb = Math.round(error.limitBytes / 1024 / 1024);
    return new ApiError({ kind: 'bad-response', api, status: error.status, message: `${api} API sent a response larger than ${mb} MB; refusing to read it` });
  }
  if (error instanceof NetworkError) {
    // Node's message can quote a host or a header value; the code is enough.
    return new ApiError({ kind: 'network', api, message: oneLine(`Cannot reach the ${api} API: ${networkReason(error)}`, secrets) });
  }
  if (error instanceof Error && error.name === 'AbortError') throw error; // cancellation is not a failure
  const text = error instanceof Error ? error.message : String(error);
  return new ApiError({ kind: 'network', api, message: `Cannot reach the ${api} API: ${oneLine(text, secrets)}` });
}

/** A response that is not a success, as an ApiError that says what to do about it. */
function fromStatus(response: ExchangeResponse, config: Pick<HttpClientConfig, 'api' | 'credentials' | 'keyHint'>, secrets: readonly (string | undefined)[]): ApiError {
  const { api } = config;
  const status = response.status;
  const kind: ApiErrorKind = KIND_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'invalid-request');
  const retryAfter = retryAfterMs(response.headers['retry-after']);
  const detail = serverDetail(errorBody(response), secrets);
  const message = (() => {
    switch (kind) {
      case 'auth':
        return authMessage(config, detail, response.headers['date']);
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

/** A clock this far from the server's is named in a 401: signed requests carry the time, and a server refuses one too far from its own. */
const CLOCK_SKEW_WORTH_NAMING_MS = 60_000;

/**
 * A 401 in one line: missing or rejected credentials, and what to do. A
 * server that says the request's time is wrong (signed requests) gets a
 * message about this machine's clock, with how far off it is when the
 * response's `Date` header tells.
 */
function authMessage(config: Pick<HttpClientConfig, 'api' | 'credentials' | 'keyHint'>, detail: string, serverDate: string | undefined): string {
  const { api, credentials, keyHint } = config;
  if (!credentials) return `${api} API needs an API key (401). ${keyHint}`;
  const skewMs = serverDate ? Date.now() - Date.parse(serverDate) : Number.NaN;
  const skewKnown = Number.isFinite(skewMs) && Math.abs(skewMs) >= CLOCK_SKEW_WORTH_NAMING_MS;
  if (/timestamp|clock|time window|x-time/i.test(detail) || skewKnown) {
    const off = skewKnown ? `: it is ${formatSkew(skewMs)} ${skewMs > 0 ? 'ahead of' : 'behind'} the server's` : '';
    return `${api} API refused the request's time (401): check this machine's clock${off} (for example with timedatectl or ntpdate)`;
  }
  return `${api} API rejected the ${credentials.noun} (401)${detail ? `: ${detail}` : ''}. ${keyHint}`;
}

function formatSkew(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
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

function networkReason(error: NetworkError): string {
  const code = error.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found (DNS)';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return 'TLS certificate problem';
    default:
      return code ? code.toLowerCase() : oneLine(error.message) || 'network error';
  }
}

/** An error response's body as JSON, for serverDetail; anything else is no detail. */
function errorBody(response: ExchangeResponse): unknown {
  try {
    return JSON.parse(response.body.text());
  } catch {
    return null;
  }
}
