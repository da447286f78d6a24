/**
 * Errors are values: every failure of an API call becomes an `ApiError` with a
 * `kind` the UI can act on and a one-line `message` for people. Nothing else
 * (stack traces, raw bodies, the API key) reaches the screen.
 */

export type ApiErrorKind =
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'payment'
  | 'invalid-request'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'bad-response';

/** Which remote API a client talks to; used in messages so people know where it failed. */
export type ApiName = 'Prime Intellect' | 'Dispersed';

export interface ApiErrorDetails {
  kind: ApiErrorKind;
  api: ApiName;
  message: string;
  status?: number;
  /** From `Retry-After`, when the server sent one. */
  retryAfterMs?: number;
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly api: ApiName;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(details: ApiErrorDetails) {
    super(details.message);
    this.name = 'ApiError';
    this.kind = details.kind;
    this.api = details.api;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** Transient failures that polling should ride out rather than treat as fatal. */
  get isTransient(): boolean {
    return ['rate-limited', 'server', 'network', 'timeout'].includes(this.kind);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A configuration problem found before any request is made (bad URL, unsafe key use, unreadable config file). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const MAX_MESSAGE_LENGTH = 240;

/**
 * Makes text from a server or an exception safe for a one-line message:
 * control characters and escape sequences removed, whitespace folded, any
 * secret replaced, and the length capped.
 */
export function oneLine(text: string, secrets: readonly (string | undefined)[] = []): string {
  let line = text
    // ESC-initiated sequences (CSI, OSC and the like), then any remaining C0/C1 control.
    .replace(/\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const secret of secrets) {
    // Short strings would redact ordinary words; real keys are long.
    if (secret && secret.length >= 6) line = line.split(secret).join('***');
  }
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : line;
}
