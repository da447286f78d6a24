/**
 * The floor of idle CPU: the requests a cloudtop made in its idle minute,
 * sent again at the same moments by a plain loop, and nothing else. One
 * kept-alive connection (node:http), the credentials each request needs (the
 * Bearer key; for Dispersed a signature, made as cloudtop makes it), each
 * body digested (SHA-1, as cloudtop's page reader does) and dropped. No
 * parsing, no validation, no React, no terminal.
 *
 * What cloudtop does above this is the cost of everything it does with the
 * answers; what is below it no code of ours can take away (issue 28). The
 * idle verdict (bench/run.mjs) divides cloudtop's CPU by this floor's,
 * measured in the same scenario against the same simulator, so the yardstick
 * moves with the machine but not with the code under test.
 *
 * Protocol: a JSON plan on stdin (FloorPlan); `@@floor-ready` on stdout once
 * warm (a few requests sent and their code compiled); `go` on stdin starts
 * the schedule at its offset 0; `@@floor-done {json}` when the last answer is
 * in. The parent measures this process's CPU between `go` and done (/proc),
 * as it measured cloudtop's.
 */
import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { signatureHeaders, type DispersedKeyPair } from '../../src/api/dispersed/signing.js';

export interface FloorRequest {
  /** ms after the first request of the window. */
  offsetMs: number;
  api: 'prime' | 'dispersed';
  method: string;
  path: string;
  query: Record<string, string[]>;
}

export interface FloorPlan {
  url: string;
  primeKey: string;
  dispersedKeys: DispersedKeyPair;
  requests: FloorRequest[];
}

export interface FloorResult {
  requests: number;
  bytes: number;
  failed: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1, keepAliveMsecs: 30_000 });

function urlOf(plan: FloorPlan, one: FloorRequest): URL {
  const url = new URL(one.path, plan.url);
  for (const [name, values] of Object.entries(one.query))
    for (const value of values) url.searchParams.append(name, value);
  return url;
}

/** One request; resolves with the body's size once it is digested. */
function send(plan: FloorPlan, one: FloorRequest): Promise<number> {
  const url = urlOf(plan, one);
  const headers: Record<string, string> =
    one.api === 'prime'
      ? { authorization: `Bearer ${plan.primeKey}` }
      : signatureHeaders(plan.dispersedKeys, { method: one.method, url });
  headers.accept = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(url, { method: one.method, headers, agent }, (res) => {
      const digest = createHash('sha1');
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        digest.update(chunk);
      });
      res.on('end', () => {
        digest.digest();
        if ((res.statusCode ?? 0) >= 400) reject(new Error(`${one.path}: ${res.statusCode}`));
        else resolve(bytes);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function main(): Promise<void> {
  const lines = createInterface({ input: process.stdin });
  const iterator = lines[Symbol.asyncIterator]();
  const plan = JSON.parse((await iterator.next()).value as string) as FloorPlan;
  // Warm: the code paths compiled and the connection open, as cloudtop's were after its first minute.
  for (const one of plan.requests.slice(0, 20)) await send(plan, one).catch(() => 0);
  process.stdout.write('@@floor-ready\n');
  await iterator.next();
  const start = performance.now();
  const result: FloorResult = { requests: 0, bytes: 0, failed: 0 };
  // In order, each no sooner than its moment: on one connection a request waits for the one before it.
  for (const one of plan.requests) {
    const wait = start + one.offsetMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      result.bytes += await send(plan, one);
      result.requests++;
    } catch {
      result.failed++;
    }
  }
  process.stdout.write(`@@floor-done ${JSON.stringify(result)}\n`);
  agent.destroy();
  lines.close();
}

await main();
