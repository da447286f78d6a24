/**
 * The fetch ky sends its requests through: undici's, on connections kept
 * open between polls, with redirects followed here so that no credential
 * ever follows one to another origin.
 *
 * Keep-alive: undici closes an idle connection after 4 s by default, less
 * than the 5 s poll interval, so every poll of a real account would pay for
 * a new TCP and TLS handshake. Here an idle connection waits IDLE_KEEP_ALIVE_MS
 * (longer than any poll gap: hidden tabs poll every 15 s) unless the server
 * says it will close sooner.
 *
 * A DELETE gets a connection of its own: sent on a kept-alive connection that
 * the server closes at that moment, it could not be told apart from one lost
 * after it arrived, and a DELETE is never sent twice (http.ts).
 *
 * Redirects: fetch itself drops only `Authorization` when a redirect leaves
 * the origin; the Dispersed signature lives in `X-` headers it would carry
 * along. So redirects are followed here: once a redirect leaves the first
 * request's origin, every credential header is dropped for good; within the
 * origin they are made again for the new URL (a signature covers the path).
 */
import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { SIGNATURE_HEADERS } from '../dispersed/signing.js';

/** How long an idle connection is kept for the next poll. */
const IDLE_KEEP_ALIVE_MS = 30_000;
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS: readonly string[] = ['authorization', ...SIGNATURE_HEADERS];

export interface FetchOptions {
  /** A body larger than this is refused by undici rather than read. */
  maxBodyBytes: number;
  /** The longest silence allowed while a body arrives. */
  bodyTimeoutMs: number;
  /** The credential headers for a request to `url`, when it is to the client's own origin. */
  credentialsFor(method: string, url: URL): Record<string, string>;
}

/** ky always hands over a Request; the wider type is fetch's. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Connections kept open to one origin: a list's pages are fetched this many at once (lists/paginate.ts), each on its own. */
export const CONNECTIONS_PER_ORIGIN = 4;

export function createFetch(options: FetchOptions): Fetch {
  const settings = { maxResponseSize: options.maxBodyBytes, bodyTimeout: options.bodyTimeoutMs };
  const pooled = new Agent({
    ...settings,
    keepAliveTimeout: IDLE_KEEP_ALIVE_MS,
    keepAliveTimeoutThreshold: 1_000,
    connections: CONNECTIONS_PER_ORIGIN,
  });

  const send = async (
    method: string,
    url: URL,
    headers: Headers,
    body: ArrayBuffer | undefined,
    signal: AbortSignal,
    dispatcher: Dispatcher,
  ): Promise<Response> =>
    (await undiciFetch(url, {
      method,
      headers,
      body: method === 'GET' ? undefined : body,
      signal,
      redirect: 'manual',
      dispatcher,
    })) as unknown as Response;

  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    let method = request.method;
    let url = new URL(request.url);
    const origin = url.origin;
    let leftOrigin = false;
    const headers = new Headers(request.headers);
    // Read once: a redirect that keeps the method sends the same body again.
    const body = request.body ? await request.arrayBuffer() : undefined;
    // A DELETE's connection is its own, and closed once its (small) body is read.
    const fresh = method === 'GET' ? undefined : new Agent({ ...settings, pipelining: 0 });
    try {
      for (let redirects = 0; ; redirects++) {
        const response = await send(method, url, headers, body, request.signal, fresh ?? pooled);
        const location = response.headers.get('location');
        if (!REDIRECT_STATUSES.has(response.status) || !location || redirects >= MAX_REDIRECTS)
          return fresh ? await detached(response) : response;
        const next = new URL(location, url);
        if (next.protocol !== 'https:' && next.protocol !== 'http:') return fresh ? await detached(response) : response;
        await response.body?.cancel();
        if (response.status === 303) method = 'GET';
        for (const name of CREDENTIAL_HEADERS) headers.delete(name);
        url = next;
        leftOrigin ||= url.origin !== origin;
        if (!leftOrigin)
          for (const [name, value] of Object.entries(options.credentialsFor(method, url))) headers.set(name, value);
      }
    } finally {
      await fresh?.close();
    }
  };
}

/** The response with its body read, so that the connection it came on can be closed. */
async function detached(response: Response): Promise<Response> {
  const body = await response.arrayBuffer();
  return new Response(response.status === 204 || response.status === 304 ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
