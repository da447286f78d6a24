/**
 * Connections: polls reuse one kept-alive connection (no new TCP, and on a
 * real account no new TLS handshake, per page), while a DELETE always goes on
 * a fresh one, so a connection the server just closed can never make a
 * delete's fate unknown. A real loopback server counts the connections.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bearerToken, createHttpClient } from '../../src/api/http/client.js';

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

let connections = 0;
const server = createServer((request, response) => {
  response.setHeader('content-type', 'application/json');
  response.end(request.method === 'DELETE' ? '{"status":"ok"}' : '{"data":[]}');
});
server.keepAliveTimeout = 60_000;
server.on('connection', () => connections++);
const port = await listen(server);
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const client = createHttpClient({
  api: 'Prime Intellect',
  baseUrl: `http://127.0.0.1:${port}`,
  credentials: bearerToken('pit_connections_test_key'),
  keyHint: '',
});
const page = z.object({ data: z.array(z.unknown()) });

describe('connections', () => {
  it('one poll after another reuses the same connection, even after an idle gap', async () => {
    connections = 0;
    for (let i = 0; i < 5; i++) await client.getJson('/api/v1/pods', { offset: i * 100, limit: 100 }, page);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await client.getJson('/api/v1/pods', {}, page);
    expect(connections).toBe(1);
  });

  it('a DELETE opens a connection of its own', async () => {
    connections = 0;
    await client.getJson('/api/v1/pods', {}, page);
    await client.delete('/api/v1/pods/abc');
    await client.delete('/api/v1/pods/def');
    expect(connections).toBe(2);
  });
});
