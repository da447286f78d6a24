/**
 * GPU load over time: each poll's reading is kept per node and drawn as a
 * sparkline beside the figure, longer in the detail pane; plain figures where
 * glyphs are not drawn (NO_COLOR, a locale that is not UTF-8).
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeSchema } from '../../src/api/dispersed/schemas.js';
import { App } from '../../src/ui/App.js';
import { createQueryClient } from '../../src/data/queries.js';
import { list, memoryFetchers, nodes } from '../helpers/fixtures.js';
import { KEYS, renderInTerminal, waitForScreen, type VirtualTerminal } from '../helpers/virtual-terminal.js';

let vt: VirtualTerminal | undefined;
afterEach(() => vt?.unmount());

const T0 = Date.parse('2026-11-30T12:00:00Z');
/** The fixture node with a heartbeat of `load` percent, the `beat`-th one. */
const withLoad = (load: number, beat: number) =>
  nodeSchema.parse({
    ...nodes[0],
    uuid: 'node-1',
    latest_hardware_event: { timestamp_ms: T0 + beat * 30_000, metadata: { gpu: { average: load, gpus: [] } } },
  });

/** The first poll reads `firstLoad` at heartbeat 0. */
function start(sparklines: boolean, firstLoad = 0) {
  const reading = { load: firstLoad, beat: 0 };
  const fetchers = { ...memoryFetchers({ pods: [] }), nodes: async () => list([withLoad(reading.load, reading.beat)]) };
  vt = renderInTerminal(
    <QueryClientProvider client={createQueryClient()}>
      <App
        fetchers={fetchers}
        source={{ demo: true, description: 'simulated data' }}
        policy={{ intervalMs: 60_000, hiddenFactor: 3, maxBackoffMs: 60_000 }}
        initialTab="nodes"
        sparklines={sparklines}
      />
    </QueryClientProvider>,
    { columns: 120, rows: 20 },
  );
  return { term: vt, reading };
}

async function feed(term: VirtualTerminal, reading: { load: number; beat: number }, loads: number[]): Promise<string> {
  let screen = '';
  for (const load of loads) {
    reading.load = load;
    reading.beat += 1;
    term.type('r');
    screen = await waitForScreen(term, (s) =>
      (s.split('\n').find((line) => line.includes('fra-gpu-014')) ?? '').includes(`${load}%`),
    );
  }
  return screen;
}

const nodeLine = (screen: string) => screen.split('\n').find((line) => line.includes('fra-gpu-014')) ?? '';

describe('GPU load trend', () => {
  it('draws the last readings beside the current figure, one per heartbeat', async () => {
    const { term, reading } = start(true);
    await waitForScreen(term, 'fra-gpu-014');
    // After the first poll's 0 %: 0 % → ▁, 50 % → ▅ (round(3.5) = 4), 100 % → █, on the fixed 0–100 scale.
    let screen = await feed(term, reading, [0, 50, 100]);
    expect(nodeLine(screen)).toMatch(/▁▅█\s+100%/);
    // The same heartbeat polled again adds nothing.
    term.type('r');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(nodeLine(term.screen())).toMatch(/▁▅█\s+100%/);
    // The column shows the last eight; the detail pane more.
    screen = await feed(term, reading, [0, 0, 0, 0, 0, 0, 0, 100]);
    expect(nodeLine(screen)).toMatch(/▁▁▁▁▁▁▁█\s+100%/);
    term.type(KEYS.enter);
    screen = await waitForScreen(term, /GPU load/);
    expect(screen.split('\n')[3]).toMatch(/node fra-gpu-014 \(node-1\)\s+GPU load ▁▁▅█▁▁▁▁▁▁▁█ 100%$/);
  });

  it('tells the figures in plain text where glyphs are not drawn', async () => {
    const { term, reading } = start(false, 20);
    await waitForScreen(term, 'fra-gpu-014');
    const screen = await feed(term, reading, [60]);
    expect(nodeLine(screen)).toMatch(/ 60%/);
    expect(screen).not.toMatch(/[▁▂▃▄▅▆▇█]/);
    term.type(KEYS.enter);
    expect(await waitForScreen(term, /GPU load/)).toContain('GPU load 60% (20%–60% over 2 readings)');
  });
});
