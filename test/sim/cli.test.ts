import { describe, expect, it } from 'vitest';
import { runSimulatorCommand } from '../../src/sim/cli.js';
import type { Simulator } from '../../src/sim/index.js';

function capture(): { out: string[]; err: string[]; io: { out: (l: string) => void; err: (l: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}

describe('cloudtop sim', () => {
  it.each([
    [['--bogus']],
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--seed', '-3']],
    [['--multiplier', 'fast']],
    [['--pods', '1.5']],
    [['extra-positional']],
    [['--port']],
  ])('%j is a one-line error and exit code 2', async (argv) => {
    const { out, err, io } = capture();
    expect(await runSimulatorCommand(argv, io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^cloudtop sim: /);
    expect(err[0]).not.toMatch(/\n/);
  });

  it('--help prints usage and exits 0', async () => {
    const { out, io } = capture();
    expect(await runSimulatorCommand(['--help'], io)).toBe(0);
    expect(out[0]).toMatch(/^usage: cloudtop sim/);
  });

  it('starts, prints the URL, the keys and the env lines, serves, then stops cleanly', async () => {
    const { out, err, io } = capture();
    const stop = new AbortController();
    let started: Simulator | undefined;
    const done = runSimulatorCommand(
      ['--seed', '9', '--multiplier', '0', '--pods', '7', '--disks', '2', '--sandboxes', '3', '--nodes', '4'],
      {
        ...io,
        signal: stop.signal,
        onStart: (sim) => (started = sim),
      },
    );
    await expect.poll(() => started).toBeDefined();
    const sim = started as Simulator;
    const text = out.join('\n');
    expect(text).toContain(sim.url);
    expect(text).toContain('sim-prime-key');
    expect(text).toContain('pk_sim_demo_public_key');
    expect(text).toContain(
      `PRIME_API_KEY=sim-prime-key PRIME_API_BASE_URL=${sim.url} DISPERSED_PUBLIC_KEY=pk_sim_demo_public_key DISPERSED_SECRET_KEY=sk_sim_demo_secret_key DISPERSED_BASE_URL=${sim.url}`,
    );

    const res = await fetch(`${sim.url}/api/v1/pods/`, { headers: { authorization: 'Bearer sim-prime-key' } });
    expect(((await res.json()) as { total_count: number }).total_count).toBe(7);
    expect(sim.control.list('nodes')).toHaveLength(4);

    stop.abort();
    expect(await done).toBe(0);
    expect(err).toEqual([]);
    await expect(fetch(`${sim.url}/api/v1/pods/`)).rejects.toThrow();
  });

  it('exits 1 when the port is taken', async () => {
    const first = capture();
    const stop = new AbortController();
    let sim: Simulator | undefined;
    const running = runSimulatorCommand(['--multiplier', '0'], {
      ...first.io,
      signal: stop.signal,
      onStart: (s) => (sim = s),
    });
    await expect.poll(() => sim).toBeDefined();
    const port = new URL((sim as Simulator).url).port;
    const second = capture();
    expect(await runSimulatorCommand(['--port', port], second.io)).toBe(1);
    expect(second.err[0]).toMatch(/cannot start/);
    stop.abort();
    expect(await running).toBe(0);
  });
});
