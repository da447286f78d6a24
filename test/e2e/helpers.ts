/** Shared set-up for the end-to-end tests: a simulator in this process, cloudtop pointed at it in a PTY. */
import type { RequestLogEntry, Simulator } from '../../src/sim/index.js';
import { spawnCloudtop, type PtyOptions, type PtySession } from './pty.js';

export function envFor(sim: Simulator): Record<string, string | undefined> {
  return {
    PRIME_API_KEY: sim.primeKey,
    PRIME_API_BASE_URL: sim.url,
    DISPERSED_PUBLIC_KEY: sim.dispersedKeys.publicKey,
    DISPERSED_SECRET_KEY: sim.dispersedKeys.secretKey,
    DISPERSED_BASE_URL: sim.url,
    // No ~/.prime/config.json of the person running the tests may leak in.
    HOME: '/nonexistent-home-for-tests',
    XDG_CONFIG_HOME: '/nonexistent-config-for-tests',
  };
}

export function openCloudtop(sim: Simulator, args: string[] = [], options: PtyOptions = {}): PtySession {
  return spawnCloudtop(['--interval', '1', ...args], {
    cols: 140,
    rows: 40,
    ...options,
    env: { ...envFor(sim), ...options.env },
  });
}

/** The line the selection cursor is on, or ''. */
export const selectedLine = (screen: string): string => screen.split('\n').find((line) => line.startsWith('›')) ?? '';

export const lineWith = (screen: string, text: string): string =>
  screen.split('\n').find((line) => line.includes(text)) ?? '';

/** Moves the selection down, one confirmed step at a time, until its line contains `text`. */
export async function selectRow(term: PtySession, text: string, maxSteps = 60): Promise<void> {
  await term.waitFor((s) => selectedLine(s) !== '');
  for (let i = 0; i < maxSteps && !selectedLine(term.screen()).includes(text); i++) {
    const before = selectedLine(term.screen());
    term.press('down');
    await term.waitFor((s) => selectedLine(s) !== before);
  }
  if (!selectedLine(term.screen()).includes(text))
    throw new Error(`could not select a row with ${text}:\n${term.screen()}`);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves with the first poll of the list at `path` (a GET, as the simulator
 * logged it) to arrive after this call. What cloudtop does in answer to keys
 * or to a response, it sends before it polls that list again, so a request
 * missing from the log by then was never sent: a test proves that something
 * did not happen by waiting for this, not for a while.
 */
export async function nextPoll(sim: Simulator, path: string, timeoutMs = 10_000): Promise<RequestLogEntry> {
  const after = sim.control.requests().at(-1)?.seq ?? 0;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const poll = sim.control.requests().find((r) => r.seq > after && r.method === 'GET' && r.path === path);
    if (poll) return poll;
    if (Date.now() > deadline) throw new Error(`no GET ${path} reached the simulator within ${timeoutMs} ms`);
    await pause(20);
  }
}
