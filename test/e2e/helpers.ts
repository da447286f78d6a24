/** Shared set-up for the end-to-end tests: a simulator in this process, cloudtop pointed at it in a PTY. */
import type { Simulator } from '../../src/sim/index.js';
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

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
