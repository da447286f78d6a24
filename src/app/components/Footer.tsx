import { Text } from 'ink';
import { memo, type ReactElement } from 'react';
import { truncate } from '../../views/text.js';
import { footerLabels, type Mode } from '../keys.js';

export const Footer = memo(function Footer({ mode, width }: { mode: Mode; width: number }): ReactElement {
  return (
    <Text dimColor wrap="truncate">
      {truncate(` ${footerLabels(mode).join('  ')}`, width)}
    </Text>
  );
});
