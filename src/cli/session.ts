/**
 * What both the dashboard and `--once` need before the first request: the
 * resolved configuration, the API clients, and in demo mode the embedded
 * simulator they point at.
 */
import { createDispersedClient } from '../api/dispersed/client.js';
import { createPrimeClient } from '../api/prime/client.js';
import { ConfigError } from '../config/config-error.js';
import type { Team } from '../api/prime/schemas.js';
import { startSimulator, type Simulator } from '../sim/index.js';
import { accountOver, teamName, type Account, type AccountSwitcher, type SourceInfo } from '../data/accounts.js';
import type { Options } from '../config/flags.js';

import { isDemo, resolveConfig, type ResolvedConfig } from '../config/api-accounts.js';
import type { DispersedFileKeys } from '../config/dispersed-keys.js';
import { primeDirectory, PRODUCTION_CONTEXT, savedContexts } from '../config/prime-cli-files.js';
import type { Clients } from '../data/sources.js';

/** Demo resources move through their lifecycles this many times faster than real ones, so a visitor sees change. */
const DEMO_CLOCK_MULTIPLIER = 5;

/** Demo mode says how to connect on the header's message line, where it has the whole width. */
export const DEMO_HINT = 'demo mode: to connect your account, export PRIME_API_KEY=… or run `prime login`';

export interface Session {
  config: ResolvedConfig;
  clients: Clients;
  source: SourceInfo;
  /** What the header says of this account once its team (if any) is known by name. */
  describe: (team: Team | null) => SourceInfo;
  /** Keys to scrub from anything written (crash reports); a context switched to adds its own. */
  secrets: readonly (string | undefined)[];
  /** `:team` and `:ctx`: the same session, another team or saved context. */
  switcher(readOnly: boolean): AccountSwitcher;
  close(): Promise<void>;
}

/** Throws ConfigError for a bad configuration (one line, naming the file or setting). */
export async function openSession(
  options: Options,
  env: NodeJS.ProcessEnv = process.env,
  dispersedFile?: DispersedFileKeys,
): Promise<Session> {
  const config = configFor(options, env, dispersedFile);
  const simulator = isDemo(config, options.demo)
    ? await startSimulator({ clockMultiplier: DEMO_CLOCK_MULTIPLIER })
    : null;
  const secrets = secretsOf(config);
  return {
    config,
    clients: createClients(config, simulator),
    source: describeSource(config, simulator),
    describe: (team) => describeSource(config, simulator, team),
    secrets,
    switcher: (readOnly) =>
      createSwitcher({
        config,
        simulator,
        configIn: (inEnv) => configFor(options, inEnv, dispersedFile),
        env,
        secrets,
        readOnly,
      }),
    close: async () => {
      await simulator?.close();
    },
  };
}

function secretsOf(config: ResolvedConfig): (string | undefined)[] {
  return [config.prime.apiKey, config.dispersed.keys?.secretKey, config.dispersed.keys?.publicKey];
}

interface SwitcherParts {
  config: ResolvedConfig;
  simulator: Simulator | null;
  /** The configuration for an environment: flags and cloudtop's config file as at start, PRIME_CONTEXT as given. */
  configIn: (env: NodeJS.ProcessEnv) => ResolvedConfig;
  env: NodeJS.ProcessEnv;
  secrets: (string | undefined)[];
  readOnly: boolean;
}

/**
 * Another team is the same configuration with another `teamId` (sent where
 * the official client sends it: the sandbox list and the wallet); another
 * context is the configuration `PRIME_CONTEXT=NAME` would give, as the
 * official client reads it (a key in the environment still wins).
 */
function createSwitcher({ config, simulator, configIn, env, secrets, readOnly }: SwitcherParts): AccountSwitcher {
  let current = config;
  const accountFor = (next: ResolvedConfig, team: Team | null): Account => {
    current = next;
    const key = `${next.prime.context}\u0000${next.prime.teamId ?? ''}\u0000${next.prime.baseUrl}`;
    const useSimulator = simulator !== null && !next.prime.apiKey;
    const describe = (known: Team | null): SourceInfo =>
      describeSource(next, useSimulator ? simulator : null, known ?? team);
    return accountOver(
      createClients(next, useSimulator ? simulator : null),
      describe,
      key,
      readOnly,
      next.prime.teamId,
    );
  };
  return {
    teams: async (signal) =>
      (
        await createClients(current, simulator !== null && !current.prime.apiKey ? simulator : null).prime.listTeams({
          signal,
        })
      ).items,
    contexts: () => [PRODUCTION_CONTEXT, ...savedContexts(primeDirectory(env))],
    toTeam: (team) => accountFor({ ...current, prime: { ...current.prime, teamId: team?.teamId } }, team),
    toContext: (name) => {
      const next = configIn({ ...env, PRIME_CONTEXT: name });
      if (!next.prime.apiKey && simulator === null)
        throw new ConfigError(
          `Context ${name} has no API key (set one with \`prime config set-api-key\` in that context)`,
        );
      secrets.push(...secretsOf(next));
      return accountFor(next, null);
    },
  };
}

/** The accounts in force for these flags; `dispersedFile`: the key pair in cloudtop's config file, if any. */
export function configFor(options: Options, env: NodeJS.ProcessEnv, dispersedFile?: DispersedFileKeys): ResolvedConfig {
  return resolveConfig(
    { baseUrl: options.baseUrl, teamId: options.teamId, dispersedBaseUrl: options.dispersedBaseUrl },
    env,
    { dispersedFile },
  );
}

function createClients(config: ResolvedConfig, simulator: Simulator | null): Clients {
  if (simulator) {
    return {
      prime: createPrimeClient({ baseUrl: simulator.url, apiKey: simulator.primeKey, teamId: config.prime.teamId }),
      dispersed: createDispersedClient({ baseUrl: simulator.url, keys: simulator.dispersedKeys }),
    };
  }
  return {
    prime: createPrimeClient({
      baseUrl: config.prime.baseUrl,
      apiKey: config.prime.apiKey,
      teamId: config.prime.teamId,
    }),
    dispersed: createDispersedClient({
      baseUrl: config.dispersed.baseUrl,
      keys: config.dispersed.keys,
      missingKeys: config.dispersed.missingKeys,
    }),
  };
}

/** What the header says the data is: demo, or the context, the team (by name once known) and the host. */
function describeSource(config: ResolvedConfig, simulator: Simulator | null, team: Team | null = null): SourceInfo {
  const teamText = config.prime.teamId ? `team ${team ? teamName(team) : config.prime.teamId}` : 'personal account';
  if (simulator)
    return {
      demo: true,
      description: config.prime.teamId ? `simulated data · ${teamText}` : 'simulated data',
      hint: DEMO_HINT,
    };
  const host = new URL(config.prime.baseUrl).host;
  const context = config.prime.context === PRODUCTION_CONTEXT ? '' : `context ${config.prime.context} · `;
  const nodes = config.dispersed.keys ? '' : ' · Dispersed: no key pair';
  return { demo: false, description: `${context}${teamText} · ${host}${nodes}` };
}
