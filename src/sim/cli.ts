/**
 * `cloudtop sim`: run the simulator on its own, so cloudtop (or curl, or
 * another tool) can be pointed at it with ordinary environment variables.
 */
import { parseArgs } from 'node:util';
import { type Simulator, type SimulatorOptions, startSimulator } from './index.js';

export const SIM_USAGE =
  'usage: cloudtop sim [--port N] [--seed S] [--multiplier M] [--pods N] [--disks N] [--sandboxes N] [--nodes N]';

/** Seams for tests; the CLI uses the process defaults. */
export interface SimCommandIo {
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** Stops the simulator when aborted, in addition to SIGINT/SIGTERM. */
  signal?: AbortSignal;
  /** Called once the simulator is listening. */
  onStart?: (sim: Simulator) => void;
}

/**
 * `argv` is what follows `sim` on the command line. Returns the exit code:
 * 0 after a clean shutdown, 2 for bad flags, 1 if the server cannot start.
 */
export async function runSimulatorCommand(argv: string[], io: SimCommandIo = {}): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.err ?? ((line: string) => process.stderr.write(`${line}\n`));

  const parsed = parseOptions(argv);
  if (parsed.kind === 'error') {
    err(`cloudtop sim: ${parsed.message}`);
    return 2;
  }
  if (parsed.kind === 'help') {
    out(SIM_USAGE);
    return 0;
  }
  const options = parsed.options;

  let sim: Simulator;
  try {
    sim = await startSimulator(options);
  } catch (error) {
    err(`cloudtop sim: cannot start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }

  out(`cloudtop simulator listening on ${sim.url} (seed ${options.seed ?? 1}, clock x${options.clockMultiplier ?? 1})`);
  out(`  Prime API key:          ${sim.primeKey}`);
  out(`  Dispersed public key:   ${sim.dispersedKeys.publicKey}`);
  out(
    `  Dispersed secret key:   ${sim.dispersedKeys.secretKey}  (demo only: Dispersed requests are signed with it, never sent)`,
  );
  out('Point cloudtop (or any client) at it:');
  out(
    `  PRIME_API_KEY=${sim.primeKey} PRIME_API_BASE_URL=${sim.url} ` +
      `DISPERSED_PUBLIC_KEY=${sim.dispersedKeys.publicKey} DISPERSED_SECRET_KEY=${sim.dispersedKeys.secretKey} DISPERSED_BASE_URL=${sim.url} cloudtop`,
  );
  out('Press Ctrl-C to stop.');
  io.onStart?.(sim);

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop);
  });
  await sim.close();
  out('simulator stopped');
  return 0;
}

type Parsed = { kind: 'run'; options: SimulatorOptions } | { kind: 'help' } | { kind: 'error'; message: string };

function parseOptions(argv: string[]): Parsed {
  const fail = (message: string): Parsed => ({ kind: 'error', message });
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        multiplier: { type: 'string' },
        pods: { type: 'string' },
        disks: { type: 'string' },
        sandboxes: { type: 'string' },
        nodes: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // parseArgs messages can span lines; the contract is one line.
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? 'bad arguments') : 'bad arguments';
    return fail(`${message} (${SIM_USAGE.replace('usage: ', '')})`);
  }
  if (values['help'] === true) return { kind: 'help' };

  const options: SimulatorOptions = {};
  const int = (name: string, min: number, max: number): number | string | undefined => {
    const raw = values[name];
    if (typeof raw !== 'string') return undefined;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max)
      return `--${name} must be an integer from ${min} to ${max}, got '${raw}'`;
    return n;
  };

  const port = int('port', 0, 65535);
  if (typeof port === 'string') return fail(port);
  if (port !== undefined) options.port = port;
  const seed = int('seed', 0, 0xffffffff);
  if (typeof seed === 'string') return fail(seed);
  if (seed !== undefined) options.seed = seed;

  const multiplierRaw = values['multiplier'];
  if (typeof multiplierRaw === 'string') {
    const m = Number(multiplierRaw);
    if (multiplierRaw.trim() === '' || !Number.isFinite(m) || m < 0)
      return fail(`--multiplier must be a number >= 0, got '${multiplierRaw}'`);
    options.clockMultiplier = m;
  }

  const counts: NonNullable<SimulatorOptions['counts']> = {};
  for (const kind of ['pods', 'disks', 'sandboxes', 'nodes'] as const) {
    const n = int(kind, 0, 1_000_000);
    if (typeof n === 'string') return fail(n);
    if (n !== undefined) counts[kind] = n;
  }
  if (Object.keys(counts).length) options.counts = counts;
  return { kind: 'run', options };
}
