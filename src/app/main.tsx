/**
 * What the `cloudtop` command does: parse flags, find the accounts (or start
 * the demo simulator), and run the dashboard full screen until the person
 * quits. The executable entry is cli.ts.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from 'ink';
import { createDispersedClient } from '../api/dispersed.js';
import { ConfigError } from '../api/errors.js';
import { createPrimeClient } from '../api/prime.js';
import { runSimulatorCommand } from '../sim/cli.js';
import { startSimulator, type Simulator } from '../sim/index.js';
import { VERSION } from '../version.js';
import { App } from './App.js';
import { parseOptions, USAGE, UsageError, type Options } from './args.js';
import type { SourceInfo } from './components/Header.js';
import { isDemo, resolveConfig, type ResolvedConfig } from './config.js';
import { createQueryClient } from './data.js';
import { DEFAULT_POLICY } from './polling.js';
import { createFetchers, type Clients } from './sources.js';
import { guardTerminal } from './terminal.js';

/** Demo resources move through their lifecycles this many times faster than real ones, so a visitor sees change. */
const DEMO_CLOCK_MULTIPLIER = 5;

export const DEMO_HINT = 'simulated data · to connect: export PRIME_API_KEY=… or run `prime login`';

export async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`cloudtop: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  switch (options.command) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'version':
      process.stdout.write(`cloudtop ${VERSION}\n`);
      return 0;
    case 'sim':
      return runSimulatorCommand(options.rest);
    case 'dashboard':
      return runDashboard(options);
  }
}

async function runDashboard(options: Options): Promise<number> {
  let config: ResolvedConfig;
  try {
    config = resolveConfig({ baseUrl: options.baseUrl, teamId: options.teamId, dispersedBaseUrl: options.dispersedBaseUrl }, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`cloudtop: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  for (const warning of config.warnings) process.stderr.write(`cloudtop: ${warning}\n`);

  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write('cloudtop: the dashboard needs an interactive terminal (stdin and stdout must be a TTY)\n');
    return 2;
  }

  const demo = isDemo(config, options.demo);
  const simulator = demo ? await startSimulator({ clockMultiplier: DEMO_CLOCK_MULTIPLIER }) : null;
  const clients = createClients(config, simulator);
  const source = describeSource(config, simulator);
  const queryClient = createQueryClient();

  const instance = render(
    <QueryClientProvider client={queryClient}>
      <App
        fetchers={createFetchers(clients)}
        source={source}
        policy={{ ...DEFAULT_POLICY, intervalMs: options.intervalSeconds * 1000 }}
        initialTab={options.tab}
        monochrome={Boolean(process.env.NO_COLOR)}
      />
    </QueryClientProvider>,
    {
      alternateScreen: true,
      incrementalRendering: process.env.CLOUDTOP_DEBUG_FULL_REDRAW !== '1',
      maxFps: 30,
      exitOnCtrlC: false,
      // Ink treats CI=true as non-interactive; a person at a TTY gets the dashboard regardless.
      interactive: true,
      patchConsole: true,
    },
  );
  const unguard = guardTerminal({
    unmount: () => instance.unmount(),
    secrets: [config.prime.apiKey, config.dispersed.apiKey],
  });
  scheduleTestCrash(process.env.CLOUDTOP_TEST_CRASH);
  try {
    await instance.waitUntilExit();
  } finally {
    unguard();
    queryClient.clear();
    await simulator?.close();
  }
  return 0;
}

/**
 * Lets the end-to-end tests prove that a crash restores the terminal:
 * `CLOUDTOP_TEST_CRASH=exception|rejection` fails that way half a second in.
 */
function scheduleTestCrash(kind: string | undefined): void {
  if (kind !== 'exception' && kind !== 'rejection') return;
  setTimeout(() => {
    const error = new Error(`simulated ${kind} for testing`);
    if (kind === 'exception') throw error;
    void Promise.reject(error);
  }, 500);
}

function createClients(config: ResolvedConfig, simulator: Simulator | null): Clients {
  if (simulator) {
    return {
      prime: createPrimeClient({ baseUrl: simulator.url, apiKey: simulator.primeKey }),
      dispersed: createDispersedClient({ baseUrl: simulator.url, apiKey: simulator.dispersedKey }),
    };
  }
  return {
    prime: createPrimeClient({ baseUrl: config.prime.baseUrl, apiKey: config.prime.apiKey, teamId: config.prime.teamId }),
    dispersed: createDispersedClient({ baseUrl: config.dispersed.baseUrl, apiKey: config.dispersed.apiKey }),
  };
}

function describeSource(config: ResolvedConfig, simulator: Simulator | null): SourceInfo {
  if (simulator) return { demo: true, description: DEMO_HINT };
  const host = new URL(config.prime.baseUrl).host;
  const team = config.prime.teamId ? `team ${config.prime.teamId}` : 'personal account';
  const nodes = config.dispersed.apiKey ? '' : ' · Dispersed: no key';
  return { demo: false, description: `${team} · ${host}${nodes}` };
}
