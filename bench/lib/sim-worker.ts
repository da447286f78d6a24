/**
 * The simulator in a worker thread: its own event loop and heap, on the other
 * core, so what the benchmark measures in the app's thread (frame times, heap)
 * is the app's, not the simulator's. Steered over its HTTP control routes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startSimulator, type SimulatorOptions } from '../../src/sim/index.js';

const sim = await startSimulator(workerData as SimulatorOptions);
parentPort!.postMessage({ url: sim.url, primeKey: sim.primeKey, dispersedKeys: sim.dispersedKeys });
parentPort!.on('message', (message: { type: string }) => {
  if (message.type === 'close') void sim.close().then(() => process.exit(0));
});
