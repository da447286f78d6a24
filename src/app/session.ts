/**
 * What both the dashboard and `--once` need before the first request: the
 * resolved configuration, the API clients, and in demo mode the embedded
 * simulator they point at.
 */
import { createDispersedClient } from '../api/dispersed.js';
import { createPrimeClient } from '../api/prime.js';
import { startSimulator, type Simulator } from '../sim/index.js';
import type { Options } from './args.js';
import type { SourceInfo } from './components/Header.js';
import { isDemo, resolveConfig, type ResolvedConfig } from './config.js';
import type { DispersedFileKeys } from './dispersed-config.js';
import { PRODUCTION_CONTEXT } from './prime-config.js';
import type { Clients } from './sources.js';

/** Demo resources move through their lifecycles this many times faster than real ones, so a visitor sees change. */
const DEMO_CLOCK_MULTIPLIER = 5;

/** Demo mode says how to connect on the header's message line, where it has the whole width. */
export const DEMO_HINT = 'demo mode: to connect your account, export PRIME_API_KEY=… or run `prime login` (README: Configuration)';

export interface Session {
  config: ResolvedConfig;
  clients: Clients;
  source: SourceInfo;
  /** Keys to scrub from anything written (crash reports). */
  secrets: readonly (string | undefined)[];
  close(): Promise<void>;
}

/** Throws ConfigError for a bad configuration (one line, naming the file or setting). */
export async function openSession(options: Options, env: NodeJS.ProcessEnv = process.env, dispersedFile?: DispersedFileKeys): Promise<Session> {
  const config = configFor(options, env, dispersedFile);
  const simulator = isDemo(config, options.demo) ? await startSimulator({ clockMultiplier: DEMO_CLOCK_MULTIPLIER }) : null;
  return {
    config,
    clients: createClients(config, simulator),
    source: describeSource(config, simulator),
    secrets: [config.prime.apiKey, config.dispersed.keys?.secretKey, config.dispersed.keys?.publicKey],
    close: async () => {
      await simulator?.close();
    },
  };
}

/** The accounts in force for these flags; `dispersedFile`: the key pair in cloudtop's config file, if any. */
export function configFor(options: Options, env: NodeJS.ProcessEnv, dispersedFile?: DispersedFileKeys): ResolvedConfig {
  return resolveConfig({ baseUrl: options.baseUrl, teamId: options.teamId, dispersedBaseUrl: options.dispersedBaseUrl }, env, { dispersedFile });
}

function createClients(config: ResolvedConfig, simulator: Simulator | null): Clients {
  if (simulator) {
    return {
      prime: createPrimeClient({ baseUrl: simulator.url, apiKey: simulator.primeKey }),
      dispersed: createDispersedClient({ baseUrl: simulator.url, keys: simulator.dispersedKeys }),
    };
  }
  return {
    prime: createPrimeClient({ baseUrl: config.prime.baseUrl, apiKey: config.prime.apiKey, teamId: config.prime.teamId }),
    dispersed: createDispersedClient({ baseUrl: config.dispersed.baseUrl, keys: config.dispersed.keys, missingKeys: config.dispersed.missingKeys }),
  };
}

function describeSource(config: ResolvedConfig, simulator: Simulator | null): SourceInfo {
  if (simulator) return { demo: true, description: 'simulated data', hint: DEMO_HINT };
  const host = new URL(config.prime.baseUrl).host;
  const team = config.prime.teamId ? `team ${config.prime.teamId}` : 'personal account';
  const context = config.prime.context === PRODUCTION_CONTEXT ? '' : `context ${config.prime.context} · `;
  const nodes = config.dispersed.keys ? '' : ' · Dispersed: no key pair';
  return { demo: false, description: `${context}${team} · ${host}${nodes}` };
}
