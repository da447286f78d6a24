/**
 * Where the key may travel: only to its own API's origin. Two real loopback
 * servers: one redirects to the other (a different origin: localhost vs
 * 127.0.0.1), which records what it was sent.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { bearerToken, createHttpClient } from '../../src/api/http/client.js';
import { z } from 'zod';

const seen: IncomingHttpHeaders[] = [];
const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

const elsewhere = createServer((request, response) => {
  seen.push(request.headers);
  response.setHeader('content-type', 'application/json');
  response.end('{"ok":true}');
});
const elsewherePort = await listen(elsewhere);

const redirector = createServer((request, response) => {
  if (request.url?.startsWith('/same')) {
    seen.push(request.headers);
    response.setHeader('content-type', 'application/json');
    response.end('{"ok":true}');
    return;
  }
  response.statusCode = 302;
  const locations: Record<string, string> = { '/to-same': '/same', '/to-ftp': 'ftp://127.0.0.1/file' };
  response.setHeader('location', locations[request.url ?? ''] ?? `http://localhost:${elsewherePort}/landed`);
  response.end('{"message":"moved"}');
});
const redirectorPort = await listen(redirector);
afterAll(() => {
  elsewhere.close();
  redirector.close();
});

const KEY = 'pit_redirect_test_key_123456';
const client = createHttpClient({
  api: 'Prime Intellect',
  baseUrl: `http://127.0.0.1:${redirectorPort}`,
  credentials: bearerToken(KEY),
  keyHint: '',
});
const ok = z.object({ ok: z.boolean() });

describe('the API key on redirects', () => {
  it('is dropped when a redirect leaves the origin', async () => {
    seen.length = 0;
    await client.getJson('/to-elsewhere', {}, ok);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.authorization).toBeUndefined();
    expect(seen[0]!['user-agent']).toMatch(/^cloudtop\//);
  });

  it('is not followed to another scheme: the redirect is the answer, a one-line error', async () => {
    seen.length = 0;
    await expect(client.getJson('/to-ftp', {}, ok)).rejects.toMatchObject({
      kind: 'invalid-request',
      message: 'Prime Intellect API rejected the request (302): moved',
    });
    expect(seen).toHaveLength(0);
  });

  it('is kept on a redirect within the origin', async () => {
    seen.length = 0;
    await client.getJson('/to-same', {}, ok);
    expect(seen[0]!.authorization).toBe(`Bearer ${KEY}`);
  });
});
