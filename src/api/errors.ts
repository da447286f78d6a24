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

  /** The API said no to these credentials (missing, rejected, without permission or credit): asking again will not change it. */
  get isRefusal(): boolean {
    return ['auth', 'forbidden', 'payment'].includes(this.kind);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A base URL a client refuses before any request is made: not a URL, not http(s), with credentials, or a key over plain http. */
export class InvalidBaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidBaseUrlError';
  }
}

const MAX_MESSAGE_LENGTH = 240;

/**
 * The same escape-sequence grammar as `sanitize` in src/util/text.ts (kept
 * in step by test/hardening): CSI in 7- and 8-bit form; OSC, DCS, SOS, PM and
 * APC strings up to BEL or ST, or to the end when unterminated, so a payload
 * such as a window title never survives as text; any other escape.
 */
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u001b[ -/]*[0-~]?/g;

/**
 * Makes text from a server or an exception safe for a one-line message:
 * control characters and escape sequences removed, whitespace folded, any
 * secret replaced, and the length capped.
 */
export function oneLine(text: string, secrets: readonly (string | undefined)[] = []): string {
  // Each secret as given and as it reads once cleaned: a key holding a control
  // character (a pasted newline) no longer matches itself after cleaning, and
  // undici quotes an invalid header value, key and all, in its error, which
  // may already have been cleaned once on the way here.
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(clean(secret));
  }
  const hide = (line: string): string => {
    for (const form of forms) {
      // Short strings would redact ordinary words; real keys are long.
      if (form.length >= 6) line = line.split(form).join('***');
    }
    return line;
  };
  const line = hide(clean(hide(String(text))));
  if (line.length <= MAX_MESSAGE_LENGTH) return line;
  let cut = line.slice(0, MAX_MESSAGE_LENGTH - 1);
  // Never end on half of a surrogate pair.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function clean(text: string): string {
  return (
    text
      // Escape sequences, then any remaining C0/C1 control.
      .replace(ESCAPE_SEQUENCE, '')
      .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ')
      // Lone surrogates (the `u` flag makes the range match only unpaired halves).
      .replace(/[\ud800-\udfff]/gu, '\ufffd')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
