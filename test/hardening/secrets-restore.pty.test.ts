/**
 * The built CLI in a real pseudo-terminal: the key and the secret fields
 * never reach the terminal, whatever the server echoes; where the warning
 * about a config file others can read appears; and Ctrl-C (the key) and
 * SIGINT (the signal) both leave the terminal usable.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { openCloudtop, selectedLine } from '../e2e/helpers.js';
import { spawnCloudtop, type PtySession } from '../e2e/pty.js';

const PRIME_KEY = 'pit_pty_secret_prime_key_5f4dcc3b5aa765d6';
const DISPERSED_KEYS = {
  publicKey: 'pk_pty_public_key_0b1c2d3e',
  secretKey: 'sk_pty_secret_dispersed_key_9e107d9d372bb682',
};
const DISPERSED_KEY = DISPERSED_KEYS.secretKey;
const PASSWORD = 'jupyter-pw-Zq7wX9-never';
const sim = await simulatorForFile({
  seed: 13,
  primeKey: PRIME_KEY,
  dispersedKeys: DISPERSED_KEYS,
  counts: { pods: 3, disks: 2, sandboxes: 2, nodes: 2 },
});
sim.control.add('pods', {
  id: 'pw-pod',
  name: 'AAA-password-pod',
  status: 'ACTIVE',
  jupyterPassword: PASSWORD,
} as never);

let term: PtySession | undefined;
afterEach(() => term?.kill());

const expectRestored = (session: PtySession): void => {
  expect(session.isAlternateScreen()).toBe(false);
  expect(session.cursorHidden()).toBe(false);
  expect(session.terminalModesAfterExit()).toEqual({ echo: true, canonical: true });
};

/** cloudtop started with its key only in a ~/.prime/config.json that other users can read. */
function openWithReadableConfig(cols: number) {
  const home = mkdtempSync(join(tmpdir(), 'cloudtop-home-'));
  mkdirSync(join(home, '.prime'));
  const file = join(home, '.prime', 'config.json');
  writeFileSync(file, JSON.stringify({ api_key: PRIME_KEY, base_url: sim.url }));
  chmodSync(file, 0o644);
  const session = spawnCloudtop(['--interval', '1', '--dispersed-base-url', sim.url], {
    cols,
    rows: 30,
    env: {
      HOME: home,
      PRIME_API_KEY: undefined,
      DISPERSED_PUBLIC_KEY: DISPERSED_KEYS.publicKey,
      DISPERSED_SECRET_KEY: DISPERSED_KEYS.secretKey,
      PRIME_API_BASE_URL: undefined,
      DISPERSED_BASE_URL: undefined,
    },
  });
  term = session;
  return { file, session };
}

describe('secrets in a real terminal', () => {
  it('the key and jupyterPassword never reach the terminal, even when the server echoes the key', async () => {
    const session = openCloudtop(sim, ['--tab', 'pods']);
    term = session;
    await session.waitFor('AAA-password-pod', { timeoutMs: 10_000 });
    // The server quotes the key in its error body; the message line shows it masked.
    sim.control.injectFault({
      path: '/api/v1/pods',
      count: 3,
      fault: { status: 500, body: JSON.stringify({ detail: `bad token ${PRIME_KEY}` }) },
    });
    const failed = await session.waitFor(/server error \(500\): bad token \*\*\*/, { timeoutMs: 8000 });
    expect(failed).toContain('(stale)');
    sim.control.injectFault({
      path: '/v1/nodes',
      count: 9,
      fault: { status: 401, body: JSON.stringify({ message: `Invalid key ${DISPERSED_KEY}` }) },
    });
    session.press('4');
    await session.waitFor(/Dispersed API rejected the key pair \(401\)/, { timeoutMs: 8000 });
    session.press('3');
    // It sorts first, where the pods tab's selection has stayed.
    await session.waitFor((s) => /3 Pods/.test(s) && selectedLine(s).includes('AAA-password-pod'));
    session.press('enter');
    await session.waitFor('(pw-pod)');
    // Below the summary, among every field: a page at a time until it shows.
    for (let i = 0; i < 8 && !session.screen().includes('jupyterPassword'); i++) {
      const before = session.screen();
      session.press('pageDown');
      await session.waitFor((s) => s !== before || s.includes('jupyterPassword'));
    }
    expect(await session.waitFor('jupyterPassword')).toMatch(/jupyterPassword\s+••••••••/);
    session.press('escape', 'q');
    expect(await session.waitForExit()).toBe(0);
    const raw = session.output().toString('utf8');
    for (const secret of [PRIME_KEY, DISPERSED_KEY, PASSWORD, PRIME_KEY.slice(0, 16), DISPERSED_KEY.slice(0, 16)])
      expect(raw).not.toContain(secret);
  });

  it('a config file readable by others: one warning line, never the key, shown before the dashboard opens', async () => {
    const { file, session } = openWithReadableConfig(140);
    await session.waitFor(/3 Pods \d/, { timeoutMs: 10_000 });
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
    const raw = session.output().toString('utf8');
    const warning = `${file} holds a key and other users can read it (mode 644); fix: chmod 600 ${file}`;
    expect(raw.split(warning)).toHaveLength(2);
    // Today it is written to stderr before the alternate screen opens: hidden while the dashboard runs, seen after quitting.
    expect(raw.indexOf(warning)).toBeLessThan(raw.indexOf('\u001b[?1049h'));
    // (The line is wider than the terminal, so it wraps there.)
    expect(session.text().replaceAll('\n', '')).toContain(warning);
    expect(raw).not.toContain(PRIME_KEY);
  });

  it('shows that warning on the dashboard while it runs', async () => {
    const { session } = openWithReadableConfig(200);
    await session.waitFor(/3 Pods \d/, { timeoutMs: 10_000 });
    expect(await session.waitFor(/other users can read it/, { timeoutMs: 1000 })).toContain('chmod 600');
  });
});

describe('always restore the terminal', () => {
  it('Ctrl-C quits with status 0 and restores it, even from inside a dialog', async () => {
    const session = openCloudtop(sim);
    term = session;
    await session.waitFor('AAA-password-pod', { timeoutMs: 10_000 });
    session.press('D');
    await session.waitFor(/Delete pod/);
    session.press('ctrlC');
    expect(await session.waitForExit()).toBe(0);
    expectRestored(session);
    expect(sim.control.requests().filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('SIGINT from outside exits with 130 and restores it', async () => {
    const session = openCloudtop(sim);
    term = session;
    await session.waitFor(/3 Pods \d/, { timeoutMs: 10_000 });
    session.signal('SIGINT');
    expect(await session.waitForExit()).toBe(130);
    expectRestored(session);
  });
});
