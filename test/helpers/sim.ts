import { afterAll } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/sim/index.js';

/** Starts a frozen-clock, churn-free simulator for the current test file (options override either) and closes it after the file. */
export async function simulatorForFile(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ clockMultiplier: 0, churn: false, ...options });
  afterAll(() => sim.close());
  return sim;
}
