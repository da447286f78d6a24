/**
 * A response as data, so a handler's answer can be logged, delayed or
 * corrupted (fault injection) before it is written.
 */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** One entry of Prime's documented `ErrorResponse`. */
export interface ErrorDetail {
  param: string;
  details: string;
}

/** Prime 422: the documented `ErrorResponse` body. */
export function primeValidationError(errors: readonly ErrorDetail[]): SimResponse {
  return json(422, { errors });
}

/**
 * Prime's other errors. The docs give no body for 401/404/429; the server is
 * FastAPI, whose errors carry a `detail` string, so that is what we send.
 */
export function primeError(status: number, detail: string, headers: Record<string, string> = {}): SimResponse {
  return json(status, { detail }, headers);
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error';
}

/**
 * Dispersed errors. Its doc documents no error body at all; we answer in the
 * common Node API shape `{statusCode, error, message}` (the object ids and
 * `filter[...]` syntax suggest such a backend). Clients should only rely on
 * the status code.
 */
export function dispersedError(status: number, message: string, headers: Record<string, string> = {}): SimResponse {
  return json(status, { statusCode: status, error: reasonPhrase(status), message }, headers);
}
