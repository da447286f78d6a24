import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimClock } from '../clock.js';
import type { SimControl } from '../control.js';
import { type BodyFault, type FaultBook, type FaultEffect, isBodyFault } from '../faults.js';
import type { RateLimiter } from '../rate-limiter.js';
import type { RequestLog, RequestLogEntry } from '../request-log.js';
import type { World } from '../world.js';
import { handleControl } from './control-api.js';
import type { SignatureVerifier } from './dispersed-auth.js';
import { handleDispersed } from './dispersed-api.js';
import { handlePrime } from './prime-api.js';
import type { SimIdentity } from '../account/identity.js';
import type { ApiRequest } from './prime-request.js';
import { type SimResponse, dispersedError, json, primeError, reasonPhrase } from './responses.js';

export interface ServerParts {
  world: World;
  identity: SimIdentity;
  clock: SimClock;
  faults: FaultBook;
  log: RequestLog;
  sandboxLimiter: RateLimiter;
  /** `DELETE /sandbox` (bulk): 50 calls a minute per token, as documented. */
  bulkDeleteLimiter: RateLimiter;
  sandboxMaxPerPage: number;
  logLinesPerMinute: number;
  control: SimControl;
  primeKey: string;
  dispersedVerifier: SignatureVerifier;
}

/** Control request bodies are small JSON; anything bigger is a mistake. */
const MAX_CONTROL_BODY = 1024 * 1024;
/** The most an API request body may hold (500 sandbox ids take about 15 KB); more is a 413. */
const MAX_API_BODY = 1024 * 1024;
const HUGE_BODY_BYTES = 10 * 1024 * 1024;

const PROXY_ERROR_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export interface RequestHandler {
  listener(req: IncomingMessage, res: ServerResponse): void;
  /** Cancels answers still waiting on a delay fault. */
  dispose(): void;
}

export function createRequestHandler(parts: ServerParts): RequestHandler {
  const pendingDelays = new Set<NodeJS.Timeout>();

  /** A bug or a hostile request must cost one 500, never the process (tests share it). */
  function guarded(res: ServerResponse, work: () => void): void {
    try {
      work();
    } catch (error) {
      write(res, json(500, { detail: `simulator error: ${error instanceof Error ? error.message : String(error)}` }));
    }
  }

  function listener(req: IncomingMessage, res: ServerResponse): void {
    guarded(res, () => handle(req, res));
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();

    if (path === '/_sim' || path.startsWith('/_sim/')) {
      readJsonBody(req).then(
        (body) => write(res, safeControl(method, path, body, parts.control)),
        (error: unknown) =>
          write(res, json(400, { error: error instanceof Error ? error.message : 'bad request body' })),
      );
      return;
    }
    const api: RequestLogEntry['api'] = path === '/v1' || path.startsWith('/v1/') ? 'dispersed' : 'prime';
    const { auth, token, problem } =
      api === 'prime'
        ? bearerAuth(req.headers.authorization, parts.primeKey)
        : signedAuth(method, url, req, parts.dispersedVerifier);
    const entry: RequestLogEntry = {
      seq: parts.log.takeSeq(),
      at: Date.now(),
      api,
      method,
      path,
      query: multiMap(url.searchParams),
      auth,
      status: 0,
    };
    const userAgent = req.headers['user-agent'];
    if (userAgent !== undefined) entry.userAgent = userAgent;
    const apiRequest: ApiRequest = {
      method,
      path,
      query: url.searchParams,
      auth,
      token,
      authProblem: problem,
      body: undefined,
    };
    if (!readsBody(method, path)) {
      // The other routes take no body: drain any sent, so keep-alive stays healthy.
      req.resume();
      respond(req, res, entry, apiRequest);
      return;
    }
    readApiBody(req).then(
      (read) => {
        if ('tooLarge' in read) {
          // As a proxy in front of the API would: before anything else.
          entry.status = 413;
          parts.log.record(entry);
          write(res, primeError(413, `Request body larger than ${MAX_API_BODY} bytes`));
          return;
        }
        apiRequest.body = read.body;
        if (read.invalid !== undefined) apiRequest.bodyError = read.invalid;
        if (read.contentType !== undefined) entry.contentType = read.contentType;
        if (read.body !== undefined) entry.body = read.body;
        guarded(res, () => respond(req, res, entry, apiRequest));
      },
      () => {
        // The client went away mid-body: nothing to answer.
        parts.log.record(entry);
      },
    );
  }

  /** Answers an API request: from the world, or as a fault rule for it says. */
  function respond(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry, apiRequest: ApiRequest): void {
    const { api, method, path } = entry;

    const answer = (): SimResponse => {
      parts.world.stepTo(parts.clock.now());
      return api === 'prime'
        ? handlePrime(apiRequest, {
            world: parts.world,
            identity: parts.identity,
            sandboxLimiter: parts.sandboxLimiter,
            bulkDeleteLimiter: parts.bulkDeleteLimiter,
            sandboxMaxPerPage: parts.sandboxMaxPerPage,
            logLinesPerMinute: parts.logLinesPerMinute,
          })
        : handleDispersed(apiRequest, parts.world);
    };
    const send = (response: SimResponse): void => {
      entry.status = response.status;
      // The Dispersed server's own clock, which the signature's time is checked against.
      if (api === 'dispersed')
        response = {
          ...response,
          headers: { date: new Date(parts.dispersedVerifier.now()).toUTCString(), ...response.headers },
        };
      // Logged before the bytes go out, so a client that has its response can already see the entry.
      parts.log.record(entry);
      write(res, response);
    };

    const rule = parts.faults.take(method, path);
    if (!rule) {
      send(answer());
      return;
    }
    const effect: FaultEffect = rule.fault;
    if ('reset' in effect) {
      parts.log.record(entry);
      req.socket.destroy();
      return;
    }
    if ('delayMs' in effect) {
      const timer = setTimeout(() => {
        pendingDelays.delete(timer);
        guarded(res, () => send(answer()));
      }, effect.delayMs);
      pendingDelays.add(timer);
      return;
    }
    if ('status' in effect) {
      send(statusFault(api, effect));
      return;
    }
    send(bodyFault(effect.body, 200, answer));
  }

  return {
    listener,
    dispose() {
      for (const timer of pendingDelays) clearTimeout(timer);
      pendingDelays.clear();
    },
  };
}

function safeControl(method: string, path: string, body: unknown, control: SimControl): SimResponse {
  try {
    return handleControl(method, path, body, control);
  } catch (error) {
    return json(400, { error: error instanceof Error ? error.message : String(error) });
  }
}

function write(res: ServerResponse, response: SimResponse): void {
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string | number> = { ...response.headers };
  if (response.status !== 204) headers['content-length'] = Buffer.byteLength(response.body);
  res.writeHead(response.status, headers);
  res.end(response.status === 204 ? undefined : response.body);
}

type Authentication = Pick<ApiRequest, 'auth' | 'token'> & { problem?: string };

/** Bearer scheme is case-insensitive (RFC 7235); the token must match exactly. */
function bearerAuth(header: string | undefined, expected: string): Authentication {
  if (header === undefined) return { auth: 'none', token: undefined };
  const m = /^\s*bearer\s+(.+?)\s*$/i.exec(header);
  const token = m?.[1];
  return { auth: token === expected ? 'valid' : 'invalid', token };
}

/** A Dispersed request's signature (dispersed-auth.ts); the public key stands for the caller, as a token does. */
function signedAuth(method: string, url: URL, req: IncomingMessage, verifier: SignatureVerifier): Authentication {
  const check = verifier.check(method, url, req.headers);
  const publicKey = req.headers['x-api-key'];
  const token = typeof publicKey === 'string' ? publicKey : undefined;
  if (check.ok) return { auth: 'valid', token };
  return { auth: check.presented ? 'invalid' : 'none', token, problem: check.reason };
}

function multiMap(params: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of params) (out[key] ??= []).push(value);
  return out;
}

function statusFault(
  api: 'prime' | 'dispersed',
  effect: { status: number; retryAfter?: number; body?: string },
): SimResponse {
  const headers: Record<string, string> = {};
  if (effect.retryAfter !== undefined) headers['retry-after'] = String(effect.retryAfter);
  if (effect.body !== undefined) {
    if (isBodyFault(effect.body)) {
      const broken = bodyFault(effect.body, effect.status, () =>
        json(effect.status, { detail: reasonPhrase(effect.status) }),
      );
      return { ...broken, headers: { ...broken.headers, ...headers } };
    }
    return {
      status: effect.status,
      headers: { 'content-type': looksLikeJson(effect.body) ? 'application/json' : 'text/plain', ...headers },
      body: effect.body,
    };
  }
  if (api === 'dispersed')
    return dispersedError(effect.status, `Injected fault: ${reasonPhrase(effect.status)}`, headers);
  if (effect.status === 422) return json(422, { errors: [{ param: 'fault', details: 'Injected fault' }] }, headers);
  return primeError(effect.status, `Injected fault: ${reasonPhrase(effect.status)}`, headers);
}

function bodyFault(kind: BodyFault, status: number, answer: () => SimResponse): SimResponse {
  const jsonType = { 'content-type': 'application/json' };
  switch (kind) {
    case 'html':
      return { status, headers: { 'content-type': 'text/html' }, body: PROXY_ERROR_PAGE };
    case 'empty':
      return { status, headers: jsonType, body: '' };
    case 'truncated': {
      const real = answer();
      return { status, headers: jsonType, body: real.body.slice(0, Math.floor(real.body.length / 2)) };
    }
    case 'wrong-shape':
      return { status, headers: jsonType, body: '{"items": 3}' };
    case 'huge':
      // Valid JSON, so only a client that bounds the size it reads is safe from it.
      return { status, headers: jsonType, body: `{"padding":"${'x'.repeat(HUGE_BODY_BYTES)}"}` };
  }
}

function looksLikeJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_CONTROL_BODY) {
        reject(new Error('control request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new Error('control request body is not valid JSON'));
      }
    });
  });
}

/**
 * The one API route that takes a body: the bulk sandbox delete
 * (`DELETE /api/v1/sandbox` with `{sandbox_ids}`). Every other request is
 * answered without waiting for one, as before.
 */
function readsBody(method: string, path: string): boolean {
  return method === 'DELETE' && path === '/api/v1/sandbox';
}

type ApiBody = { body: unknown; invalid?: string; contentType?: string } | { tooLarge: true };

/**
 * An API request's body as FastAPI reads it: JSON when the content type is
 * JSON (`application/json`, `application/*+json`) or missing; any other type
 * is not JSON to it, and neither is a body that does not parse (both then a
 * 422). An empty body is no body. Over MAX_API_BODY, the rest is drained unread.
 */
function readApiBody(req: IncomingMessage): Promise<ApiBody> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const contentType = req.headers['content-type'];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is drained, not kept, so the 413 reaches a client still sending.
      if (size > MAX_API_BODY) chunks = [];
      else chunks.push(chunk);
    });
    req.on('error', (error) => {
      if (!done) reject(error);
    });
    req.on('close', () => {
      if (!done) reject(new Error('request closed before its body ended'));
    });
    req.on('end', () => {
      done = true;
      if (size > MAX_API_BODY) return resolve({ tooLarge: true });
      const text = Buffer.concat(chunks).toString('utf8');
      const read: { body: unknown; invalid?: string; contentType?: string } = { body: undefined };
      if (contentType !== undefined) read.contentType = contentType;
      if (text === '') return resolve(read);
      const type = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json' && !(type.startsWith('application/') && type.endsWith('+json'))) {
        return resolve({
          ...read,
          invalid: `Expected a JSON body (content-type application/json), got ${type || 'an empty content type'}`,
        });
      }
      try {
        resolve({ ...read, body: JSON.parse(text) });
      } catch {
        resolve({ ...read, invalid: 'JSON decode error: the body is not valid JSON' });
      }
    });
  });
}
