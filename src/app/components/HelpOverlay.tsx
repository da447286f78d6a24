import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import { BINDINGS } from '../keys.js';
import { CompactTable } from './CompactTable.js';

export function HelpOverlay({ width, height }: { width: number; height: number }): ReactElement {
  const data = BINDINGS.map((binding) => ({ Key: binding.keys, Action: binding.description }));
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold> Keys</Text>
      <CompactTable data={data} columns={['Key', 'Action']} />
      <Text dimColor> Esc or ? closes this help</Text>
    </Box>
  );
}
