/**
 * The benchmark's yardstick for the machine's speed: Ink drawing a bare
 * 200×50 frame (50 plain lines, one changed). The `baseline` scenario
 * measures it for the frame figures; scenarios of work that draws nothing
 * (lib/work.ts) measure it themselves, in turns with their work, so that a
 * machine busier at one moment than another slows both alike.
 */
import { Box, Text } from 'ink';
import { performance } from 'node:perf_hooks';
import type { ReactElement } from 'react';
import { renderInTerminal } from '../../test/helpers/virtual-terminal.js';
import { SIZE, sleep } from './harness.js';

/** ms per bare frame, `ticks` frames drawn 40 ms apart, the first `discard` left out (warming up). */
export async function bareFrameTimes(ticks: number, discard: number): Promise<number[]> {
  const filler = 'lorem ipsum dolor sit amet consectetur '.repeat(6);
  const Frame = ({ tick }: { tick: number }): ReactElement => (
    <Box flexDirection="column" width={SIZE.columns} height={SIZE.rows}>
      {Array.from({ length: SIZE.rows }, (_, i) => (
        <Text key={i} wrap="truncate">
          <Text color="green">{`row ${String(i).padStart(3)} ${i === tick % SIZE.rows ? '*' : ' '}`}</Text>
          {filler.slice(0, SIZE.columns - 10)}
        </Text>
      ))}
    </Box>
  );
  const vt = renderInTerminal(<Frame tick={0} />, SIZE, { maxFps: 30 });
  const times: number[] = [];
  let lastWrite = 0;
  const stdout = vt.stdout as unknown as { write: (...args: unknown[]) => boolean };
  const write = stdout.write.bind(stdout);
  stdout.write = (...args) => {
    lastWrite = performance.now();
    return write(...args);
  };
  for (let tick = 1; tick <= ticks; tick++) {
    await sleep(40);
    await vt.settle();
    const start = performance.now();
    vt.instance.rerender(<Frame tick={tick} />);
    await sleep(5);
    if (tick > discard) times.push(lastWrite - start);
  }
  vt.unmount();
  return times;
}
