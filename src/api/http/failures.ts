/**
 * Every way a request can fail, as the ApiError a person reads: a kind the
 * UI acts on and one line that says what to do. Whatever a server or a
 * library says is cleaned and has every secret hidden before it is quoted.
 */
import { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import { ApiError, oneLine, type ApiErrorKind, type ApiName } from '../errors.js';

/** What a message may need to know about the client that failed. */
export interface ErrorContext {
  api: ApiName;
  /** What a person calls the client's credentials (`API key`, `key pair`), or undefined without any. */
  credentialNoun: string | undefined;
  /** What to do about missing or rejected credentials; ends a 401 message. */
  keyHint: string;
  /** Never to appear in a message. */
  secrets: readonly (string | undefined)[];
}

/** A body over the size limit: undici's error for it. */
const BODY_TOO_LARGE = 'UND_ERR_RES_EXCEEDED_MAX_SIZE';
/** A body that stopped arriving: undici's error for it. */
const BODY_TIMEOUT = 'UND_ERR_BODY_TIMEOUT';

/** Anything a call can fail with, as an ApiError. Cancellation (AbortError) is rethrown: it is not a failure. */
export function toApiError(error: unknown, context: ErrorContext, maxBodyBytes: number): ApiError {
  const { api, secrets } = context;
  if (error instanceof ApiError) return error;
  if (isHTTPError(error)) return fromStatus(error.response, error.data, context);
  if (isTimeoutError(error))
    return new ApiError({ kind: 'timeout', api, message: `${api} API did not answer in time` });
  if (error instanceof Error && error.name === 'AbortError') throw error;
  const code = errorCode(error);
  if (code === BODY_TOO_LARGE) {
    return new ApiError({
      kind: 'bad-response',
      api,
      message: `${api} API sent a response larger than ${Math.round(maxBodyBytes / 1024 / 1024)} MB; refusing to read it`,
    });
  }
  if (code === BODY_TIMEOUT)
    return new ApiError({ kind: 'timeout', api, message: `${api} API did not answer in time` });
  if (isNetworkError(error) || code !== undefined) {
    // Node's message can quote a host or a header value; the code is enough.
    return new ApiError({
      kind: 'network',
      api,
      message: oneLine(`Cannot reach the ${api} API: ${networkReason(code)}`, secrets),
    });
  }
  const text = error instanceof Error ? error.message : String(error);
  return new ApiError({ kind: 'network', api, message: `Cannot reach the ${api} API: ${oneLine(text, secrets)}` });
}

/** The system or undici error code behind an error, however deep fetch wrapped it. */
function errorCode(error: unknown): string | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function networkReason(code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found (DNS)';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return 'connection reset';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connection timed out';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'TLS certificate problem';
    default:
      return code ? code.toLowerCase() : 'network error';
  }
}

/** `detail` may quote the server (a content type, a schema issue): it is cleaned and the secrets hidden. */
export function badResponse(context: ErrorContext, status: number, detail: string): ApiError {
  return new ApiError({
    kind: 'bad-response',
    api: context.api,
    status,
    message: oneLine(`${context.api} API sent a bad response: ${detail}`, context.secrets),
  });
}

export function describeNonJson(text: string, contentType: string | null): string {
  const type = contentType ?? 'unknown type';
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
export function retryAfterMs(value: string | null | undefined): number | undefined {
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

/** A response that is not a success (its body already read as `data`), as an ApiError that says what to do about it. */
function fromStatus(response: Response, data: unknown, context: ErrorContext): ApiError {
  const { api, secrets } = context;
  const status = response.status;
  const kind: ApiErrorKind = KIND_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'invalid-request');
  const retryAfter = retryAfterMs(response.headers.get('retry-after'));
  const detail = serverDetail(typeof data === 'string' ? parsedOrNull(data) : data, secrets);
  const message = (() => {
    switch (kind) {
      case 'auth':
        return authMessage(context, detail, response.headers.get('date'));
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
function authMessage(
  { api, credentialNoun, keyHint }: ErrorContext,
  detail: string,
  serverDate: string | null,
): string {
  if (!credentialNoun) return `${api} API needs an API key (401). ${keyHint}`;
  const skewMs = serverDate ? Date.now() - Date.parse(serverDate) : Number.NaN;
  const skewKnown = Number.isFinite(skewMs) && Math.abs(skewMs) >= CLOCK_SKEW_WORTH_NAMING_MS;
  if (/timestamp|clock|time window|x-time/i.test(detail) || skewKnown) {
    const off = skewKnown ? `: it is ${formatSkew(skewMs)} ${skewMs > 0 ? 'ahead of' : 'behind'} the server's` : '';
    return `${api} API refused the request's time (401): check this machine's clock${off} (for example with timedatectl or ntpdate)`;
  }
  return `${api} API rejected the ${credentialNoun} (401)${detail ? `: ${detail}` : ''}. ${keyHint}`;
}

function formatSkew(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** ky hands over an error body that was not labelled JSON as text; servers often send JSON anyway. */
function parsedOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
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
