import { afterAll } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/sim/index.js';

/** Starts a frozen-clock simulator for the current test file and closes it afterwards. */
export async function simulatorForFile(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ clockMultiplier: 0, churn: false, ...options });
  afterAll(() => sim.close());
  return sim;
}
