/**
 * Secrets: the API key goes only to its own API's origin, over https or to
 * loopback, never survives a redirect to another origin, and never appears
 * in an error message, whatever the server echoes back or however odd the
 * key; secret fields are masked in the detail pane and in `--output json`;
 * a config file others can read gets a one-line warning; a crash report
 * holds no key.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDispersedClient } from '../../src/api/dispersed/client.js';
import { ApiError, InvalidBaseUrlError } from '../../src/api/errors.js';
import { ConfigError } from '../../src/config/config-error.js';
import { bearerToken, checkBaseUrl, createHttpClient } from '../../src/api/http/client.js';
import { createPrimeClient } from '../../src/api/prime/client.js';
import { resolveConfig } from '../../src/config/api-accounts.js';
import { EMPTY_FILTER } from '../../src/filter/index.js';
import { printOnce } from '../../src/cli/once.js';
import { createFetchers } from '../../src/data/sources.js';
import { guardTerminal, writeCrashReport } from '../../src/terminal/guard.js';
import { detailEntries, MASK, maskSecrets } from '../../src/views/detail.js';
import { simulatorForFile } from '../helpers/sim.js';

const PRIME_KEY = 'pit_hardening_prime_key_0123456789abcdef';
const DISPERSED_KEYS = {
  publicKey: 'pk_hardening_public_0123456789',
  secretKey: 'sk_hardening_dispersed_secret_fedcba9876543210',
};
const DISPERSED_KEY = DISPERSED_KEYS.secretKey;
const sim = await simulatorForFile({
  seed: 9,
  primeKey: PRIME_KEY,
  dispersedKeys: DISPERSED_KEYS,
  counts: { pods: 4, disks: 2, sandboxes: 3, nodes: 2 },
});
const prime = createPrimeClient({ baseUrl: sim.url, apiKey: PRIME_KEY, retryLimit: 0 });
const dispersed = createDispersedClient({ baseUrl: sim.url, keys: DISPERSED_KEYS, retryLimit: 0 });

beforeEach(() => {
  sim.control.clearFaults();
  sim.control.clearRequests();
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** A loopback server that records every request's headers and answers `{"data": []}` (or redirects). */
interface Recorder {
  url: string;
  seen: { url: string; headers: IncomingHttpHeaders }[];
  redirect?: (url: string) => string | undefined;
}
const servers: Server[] = [];
afterAll(() => servers.forEach((server) => server.close()));
async function recorder(host = '127.0.0.1'): Promise<Recorder> {
  const rec: Recorder = { url: '', seen: [] };
  const server = createServer((request, response) => {
    rec.seen.push({ url: request.url ?? '', headers: request.headers });
    const target = rec.redirect?.(request.url ?? '');
    if (target) {
      response.writeHead(307, { location: target });
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"data":[],"total_count":0,"sandboxes":[],"total":0}');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rec.url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return rec;
}

describe('where the key travels', () => {
  it('each key only to its own API, even when the two APIs live on different hosts', async () => {
    const [primeHost, dispersedHost] = [await recorder('127.0.0.1'), await recorder('localhost')];
    const fetchers = createFetchers({
      prime: createPrimeClient({ baseUrl: primeHost.url, apiKey: PRIME_KEY }),
      dispersed: createDispersedClient({ baseUrl: dispersedHost.url, keys: DISPERSED_KEYS }),
    });
    for (const kind of ['pods', 'disks', 'sandboxes', 'nodes'] as const)
      await fetchers[kind](new AbortController().signal, { kind: 'none' } as never);
    expect(primeHost.seen.length).toBeGreaterThanOrEqual(3);
    expect(dispersedHost.seen.length).toBeGreaterThanOrEqual(1);
    for (const request of primeHost.seen) expect(request.headers.authorization).toBe(`Bearer ${PRIME_KEY}`);
    for (const request of primeHost.seen) expect(request.headers['x-signature']).toBeUndefined();
    for (const request of dispersedHost.seen) {
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers['x-api-key']).toBe(DISPERSED_KEYS.publicKey);
      expect(request.headers['x-signature']).toMatch(/^[0-9a-f]{64}$/);
      // The secret key signs; it is never sent, in any header or in the URL.
      expect(JSON.stringify(request)).not.toContain(DISPERSED_KEYS.secretKey);
    }
  });

  it('through the simulator: every request carried the right key for its API', async () => {
    await prime.listPodsWithStatus();
    await prime.listDisks();
    await prime.listSandboxes();
    await dispersed.listNodes();
    const requests = sim.control.requests();
    expect(new Set(requests.map((r) => r.api))).toEqual(new Set(['prime', 'dispersed']));
    for (const request of requests) expect(request.auth, `${request.api} ${request.path}`).toBe('valid');
  });

  it('a path can never carry the key to another origin', async () => {
    const [home, elsewhere] = [await recorder(), await recorder('localhost')];
    const client = createHttpClient({
      api: 'Prime Intellect',
      baseUrl: home.url,
      credentials: bearerToken(PRIME_KEY),
      keyHint: '',
      retryLimit: 0,
    });
    const any = z.unknown();
    for (const path of [`${elsewhere.url}/steal`, `//localhost:${new URL(elsewhere.url).port}/steal`, '/../../steal']) {
      await client.getJson(path, {}, any).catch(() => undefined);
    }
    for (const request of elsewhere.seen) expect(request.headers.authorization).toBeUndefined();
    for (const request of home.seen) expect(request.url.startsWith('/')).toBe(true);
  });

  it('a redirect to another origin (another port, another host, and back again) drops the key', async () => {
    const [home, otherPort, otherHost] = [await recorder(), await recorder(), await recorder('localhost')];
    home.redirect = (url) =>
      url.startsWith('/to-port')
        ? `${otherPort.url}/landed`
        : url.startsWith('/to-host')
          ? `${otherHost.url}/bounce`
          : undefined;
    // The other host sends it straight back to the key's own origin.
    otherHost.redirect = (url) => (url === '/bounce' ? `${home.url}/back` : undefined);
    const client = createHttpClient({
      api: 'Prime Intellect',
      baseUrl: home.url,
      credentials: bearerToken(PRIME_KEY),
      keyHint: '',
      retryLimit: 0,
    });
    await client.getJson('/to-port', {}, z.unknown());
    await client.getJson('/to-host', {}, z.unknown());
    expect(otherPort.seen).toHaveLength(1);
    expect(otherHost.seen).toHaveLength(1);
    for (const request of [...otherPort.seen, ...otherHost.seen]) expect(request.headers.authorization).toBeUndefined();
    // Once dropped it stays dropped, even back at home.
    expect(home.seen.find((r) => r.url === '/back')?.headers.authorization).toBeUndefined();
  });

  it('a redirect to another origin drops the Dispersed signature headers too', async () => {
    const [home, elsewhere] = [await recorder(), await recorder('localhost')];
    home.redirect = (url) => (url.startsWith('/v1/nodes') ? `${elsewhere.url}/v1/nodes` : undefined);
    const client = createDispersedClient({ baseUrl: home.url, keys: DISPERSED_KEYS, retryLimit: 0 });
    await client.listNodes().catch(() => undefined);
    expect(home.seen[0]?.headers['x-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(elsewhere.seen).toHaveLength(1);
    for (const header of ['x-api-key', 'x-time', 'x-nonce', 'x-signature', 'authorization'])
      expect(elsewhere.seen[0]?.headers[header], header).toBeUndefined();
  });

  it('plain http only to loopback; the refusal never quotes the key', () => {
    for (const url of ['http://localhost:8080', 'http://127.0.0.1', 'http://127.9.8.7:1', 'http://[::1]:9000']) {
      expect(() => checkBaseUrl('Prime Intellect', url, true), url).not.toThrow();
    }
    for (const url of [
      'http://api.primeintellect.ai',
      'http://10.0.0.5',
      'http://localhost.evil.example',
      'http://127.0.0.1.nip.io',
      'http://0.0.0.0',
    ]) {
      expect(() => checkBaseUrl('Prime Intellect', url, true), url).toThrow(InvalidBaseUrlError);
    }
    // Without a key, plain http anywhere is allowed (nothing to leak).
    expect(() => checkBaseUrl('Prime Intellect', 'http://10.0.0.5', false)).not.toThrow();
    const home = mkdtempSync(join(tmpdir(), 'cloudtop-home-'));
    const error = (() => {
      try {
        resolveConfig({}, { HOME: home, PRIME_API_KEY: PRIME_KEY, PRIME_API_BASE_URL: 'http://api.example.com' });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).toMatch(/Refusing to send the Prime Intellect API key over plain http to api\.example\.com/);
    expect(error!.message).not.toContain(PRIME_KEY);
  });

  it('a base URL with credentials in it is refused without repeating them', () => {
    expect(() => checkBaseUrl('Dispersed', `https://user:${DISPERSED_KEY}@api.dispersed.com`, true)).toThrow(
      /must not contain credentials$/,
    );
  });

  it('a Dispersed key pair with its halves swapped stops start-up, before the secret could be sent', () => {
    const home = mkdtempSync(join(tmpdir(), 'cloudtop-home-'));
    const swapped = {
      HOME: home,
      DISPERSED_PUBLIC_KEY: DISPERSED_KEYS.secretKey,
      DISPERSED_SECRET_KEY: DISPERSED_KEYS.publicKey,
    };
    expect(() => resolveConfig({}, swapped)).toThrow(
      /^DISPERSED_PUBLIC_KEY holds a secret key \(sk_…\); it is sent with every request/,
    );
    expect(() =>
      resolveConfig(
        {},
        { HOME: home, DISPERSED_PUBLIC_KEY: DISPERSED_KEYS.publicKey, DISPERSED_SECRET_KEY: DISPERSED_KEYS.publicKey },
      ),
    ).toThrow(/^DISPERSED_SECRET_KEY holds a public key/);
    const message = (() => {
      try {
        resolveConfig({}, swapped);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).not.toContain(DISPERSED_KEYS.secretKey);
  });
});

describe('the key never appears in an error message', () => {
  const echo = (body: unknown, status = 500) =>
    sim.control.injectFault({ path: '/api/v1/disks', count: 1, fault: { status, body: JSON.stringify(body) } });

  it.each([
    ['a FastAPI detail', { detail: `invalid token ${PRIME_KEY}` }, 500],
    ['a message', { message: `Bearer ${PRIME_KEY} rejected` }, 403],
    ['the documented errors list', { errors: [{ param: 'authorization', details: `Bearer ${PRIME_KEY}` }] }, 422],
    ['a detail list', { detail: [{ loc: ['header', 'authorization'], msg: PRIME_KEY }] }, 422],
    ['an echo wrapped in colour codes', { detail: `\u001b[31m${PRIME_KEY}\u001b[0m` }, 502],
    ['a 401 that quotes the key', { detail: `Invalid API key: ${PRIME_KEY}` }, 401],
  ])('%s', async (_name, body, status) => {
    echo(body, status);
    const error = await failure(prime.listDisks());
    expect(error.message).not.toContain(PRIME_KEY);
    expect(error.message).not.toContain(PRIME_KEY.slice(0, 16));
  });

  it('a schema complaint or a content type quoting the key', async () => {
    sim.control.injectFault({
      path: '/api/v1/disks',
      count: 1,
      fault: { status: 200, body: JSON.stringify({ data: PRIME_KEY }) },
    });
    expect((await failure(prime.listDisks())).message).not.toContain(PRIME_KEY);
  });

  it('a key holding a line break: the header error quotes it, the message does not', async () => {
    const odd = 'pit_line\nbreak_key_0123456789';
    const client = createPrimeClient({ baseUrl: sim.url, apiKey: odd, retryLimit: 0 });
    const error = await failure(client.listDisks());
    expect(error.message).not.toContain(odd);
    expect(error.message).not.toContain('pit_line break_key');
    expect(error.message).not.toContain('break_key_0123456789');
  });

  it('and such a key is refused at start-up, naming where it came from, not what it is', () => {
    const home = mkdtempSync(join(tmpdir(), 'cloudtop-home-'));
    expect(() => resolveConfig({}, { HOME: home, PRIME_API_KEY: 'pit_line\nbreak_key_0123456789' })).toThrow(
      /^PRIME_API_KEY contains a space, line break or control character; set it again without one$/,
    );
    expect(() =>
      resolveConfig({}, { HOME: home, PRIME_API_KEY: 'fine_key_123456', DISPERSED_SECRET_KEY: 'sk_a\u0000b_cdefgh' }),
    ).toThrow(/^DISPERSED_SECRET_KEY contains/);
  });
});

describe('secret fields are masked', () => {
  it('jupyterPassword and friends in the detail pane and in --output json', async () => {
    const password = 'jupyter-pass-XYZ-987';
    sim.control.add('pods', {
      id: 'secret-pod',
      name: 'secret-pod',
      jupyterPassword: password,
      status: 'ACTIVE',
    } as never);
    sim.control.add('sandboxes', {
      id: 'secret-sb',
      name: 'secret-sb',
      environmentVars: {
        HF_TOKEN: 'hf_SECRETVALUE1',
        WANDB_KEY: 'wandb_SECRETVALUE2',
        DATABASE_URL: 'postgres://app:SECRETVALUE3@db:5432/x',
        MODE: 'eval',
      },
      advancedConfigs: { nested: { deeper: { deepest: { registry: { credentials: { password: 'SECRETVALUE4' } } } } } },
    } as never);
    const pods = await prime.listPodsWithStatus();
    const pod = pods.items.find((p) => p.id === 'secret-pod')!;
    const podLines = detailEntries(pod);
    expect(podLines.find((e) => e.key === 'jupyterPassword')?.value).toBe(MASK);
    expect(JSON.stringify(podLines)).not.toContain(password);

    const sandboxes = await prime.listSandboxes();
    const sandbox = sandboxes.items.find((s) => s.id === 'secret-sb')!;
    const lines = Object.fromEntries(detailEntries(sandbox).map((e) => [e.key, e.value]));
    expect(lines['environmentVars.HF_TOKEN']).toBe(MASK);
    expect(lines['environmentVars.WANDB_KEY']).toBe(MASK);
    expect(lines['environmentVars.DATABASE_URL']).toBe(`postgres://app:${MASK}@db:5432/x`);
    expect(lines['environmentVars.MODE']).toBe('eval');
    expect(JSON.stringify(lines)).not.toMatch(/SECRETVALUE/);
    expect(JSON.stringify(maskSecrets(sandbox))).not.toMatch(/SECRETVALUE/);

    for (const kind of ['pods', 'sandboxes'] as const) {
      let out = '';
      const status = await printOnce(
        createFetchers({ prime, dispersed }),
        { kind, filter: EMPTY_FILTER, showGone: true, output: 'json' },
        { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => undefined } },
      );
      expect(status).toBe(0);
      expect(out).not.toContain(password);
      expect(out).not.toMatch(/SECRETVALUE/);
      expect(out).not.toContain(PRIME_KEY);
      expect(out).not.toContain(DISPERSED_KEY);
    }
  });
});

describe('the config file', () => {
  function homeWith(mode: number): { home: string; file: string } {
    const home = mkdtempSync(join(tmpdir(), 'cloudtop-home-'));
    mkdirSync(join(home, '.prime'));
    const file = join(home, '.prime', 'config.json');
    writeFileSync(file, JSON.stringify({ api_key: PRIME_KEY }));
    chmodSync(file, mode);
    return { home, file };
  }

  it.each([0o644, 0o640, 0o604])('readable by others (mode %o) gets one line of warning, as ssh gives', (mode) => {
    const { home, file } = homeWith(mode);
    const { warnings } = resolveConfig({}, { HOME: home });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBe(
      `${file} holds a key and other users can read it (mode ${mode.toString(8)}); fix: chmod 600 ${file}`,
    );
    expect(warnings[0]).not.toContain(PRIME_KEY);
  });

  it('private (600) gets none', () => {
    expect(resolveConfig({}, { HOME: homeWith(0o600).home }).warnings).toEqual([]);
  });
});

describe('a crash report', () => {
  const odd = 'pit_crash\nkey_0123456789';

  it('holds no key, even when the error quotes it, and is private', () => {
    const error = new Error(`request with Bearer ${PRIME_KEY} and ${odd} failed`);
    const path = writeCrashReport(error, [PRIME_KEY, DISPERSED_KEY, odd]);
    expect(path).not.toBeNull();
    const text = readFileSync(path!, 'utf8');
    expect(text).toContain('failed');
    expect(text).not.toContain(PRIME_KEY);
    expect(text).not.toContain(odd);
    expect(statSync(path!).mode & 0o777).toBe(0o600);
  });

  it('the crash handler restores the terminal, says one line and where the report is, without the key, whatever was thrown', () => {
    for (const thrown of [
      new Error(`boom ${PRIME_KEY}`),
      `a string ${PRIME_KEY}`,
      Object.create(null) as unknown,
      {
        get message(): string {
          throw new Error('getter');
        },
      },
    ]) {
      let stderr = '';
      let stdout = '';
      let code: number | undefined;
      const before = new Set(process.listeners('uncaughtException'));
      const unguard = guardTerminal({
        unmount: () => undefined,
        secrets: [PRIME_KEY],
        stdout: { isTTY: true, write: (s: string) => (stdout += s) } as unknown as NodeJS.WriteStream,
        stderr: { write: (s: string) => (stderr += s) } as unknown as NodeJS.WriteStream,
        stdin: { isTTY: false } as unknown as NodeJS.ReadStream,
        exit: ((c: number) => {
          code = c;
        }) as (code: number) => never,
      });
      // Call the installed handler directly: emitting the event would also reach the test runner's own.
      const handler = process.listeners('uncaughtException').find((listener) => !before.has(listener))!;
      try {
        (handler as (error: unknown) => void)(thrown);
      } finally {
        unguard();
      }
      expect(code).toBe(1);
      expect(stdout).toContain('\u001b[?1049l\u001b[?25h');
      expect(stderr).toMatch(/^cloudtop crashed: .*\nFull report: \S+\n$/);
      expect(stderr).not.toContain(PRIME_KEY);
      const report = /Full report: (\S+)/.exec(stderr)![1]!;
      expect(readFileSync(report, 'utf8')).not.toContain(PRIME_KEY);
    }
  });
});
