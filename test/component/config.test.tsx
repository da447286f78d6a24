/**
 * What the config file changes on screen: the footer and the help name the
 * keys in force (a remapped delete, a removed ssh), the theme's colours reach
 * status cells and the flash line, and NO_COLOR still removes every colour.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { FlashLine } from '../../src/ui/FlashLine.js';
import { Footer } from '../../src/ui/Footer.js';
import { HelpOverlay } from '../../src/ui/HelpOverlay.js';
import { helpLayout, offeredActions } from '../../src/dashboard/screen.js';
import { createQueryClient } from '../../src/data/queries.js';
import { resolveKeyMap } from '../../src/config/custom-keys.js';
import { viewFor } from '../../src/views/index.js';
import { statusCell } from '../../src/views/table/decoration.js';
import { Table } from '../../src/views/table/Table.js';
import type { Column } from '../../src/views/table/columns.js';
import { makePalette, ThemeContext, type Palette } from '../../src/views/theme.js';
import { memoryFetchers, pod } from '../helpers/fixtures.js';
import { renderInTerminal, waitForScreen, type VirtualTerminal } from '../helpers/virtual-terminal.js';

const REMAPPED = resolveKeyMap({ delete: ['X'], ssh: null });
const pods = viewFor('pods');
const RED = '\u001b[31m';
const MAGENTA = '\u001b[35m';
const GREEN = '\u001b[32m';

let vt: VirtualTerminal | undefined;
afterEach(() => vt?.unmount());

describe('the keys in force', () => {
  it('the footer shows the remapped delete and no removed ssh', () => {
    const remapped = stripVTControlCharacters(
      render(<Footer mode="table" width={200} view={pods} keymap={REMAPPED} />).lastFrame() ?? '',
    );
    expect(remapped).toContain('X delete');
    expect(remapped).not.toContain('D delete');
    expect(remapped).not.toContain('ssh');
    const defaults = stripVTControlCharacters(
      render(<Footer mode="table" width={200} view={pods} />).lastFrame() ?? '',
    );
    expect(defaults).toContain('D delete');
    expect(defaults).toContain('s ssh');
  });

  it('keeps help and quit at the right end under their new keys', () => {
    const keymap = resolveKeyMap({ help: 'h', quit: 'Q' });
    const text = stripVTControlCharacters(
      render(<Footer mode="table" width={40} view={pods} keymap={keymap} />).lastFrame() ?? '',
    );
    expect(text.trimEnd().endsWith('h help  Q quit')).toBe(true);
  });

  it('the help lists X for delete, and neither D nor ssh', () => {
    const layout = helpLayout(
      offeredActions(pods, () => null),
      REMAPPED,
      120,
    );
    const text = stripVTControlCharacters(
      render(
        <HelpOverlay title="Keys: Pods" layout={layout} width={120} height={60} offset={0} keymap={REMAPPED} />,
      ).lastFrame() ?? '',
    );
    expect(text).toMatch(/ X +Delete the selected \(or marked\) pods, after a confirm/);
    expect(text).not.toContain('D / Ctrl-D');
    expect(text).not.toContain('SSH into');
  });

  it('in the dashboard: X opens the confirm dialog, D does nothing, and ? shows X', async () => {
    vt = renderInTerminal(
      <QueryClientProvider client={createQueryClient()}>
        <App
          fetchers={memoryFetchers({ pods: [pod('a')] })}
          source={{ demo: true, description: 'simulated data' }}
          policy={{ intervalMs: 60_000, hiddenFactor: 3, maxBackoffMs: 60_000 }}
          initialTab="pods"
          keymap={REMAPPED}
          operations={{ pods: { delete: async () => undefined } }}
        />
      </QueryClientProvider>,
      { columns: 140, rows: 30 },
    );
    const term = vt;
    const table = await waitForScreen(term, 'pod-a');
    expect(table).toContain('X delete');
    // D then ?: had D opened a dialog, the dialog would have taken the ? and no help would show.
    term.type('D');
    term.type('?');
    const help = await waitForScreen(term, / X +Delete the selected/);
    expect(help).not.toContain('Delete pod');
    term.type('?');
    await waitForScreen(term, 'pod-a');
    term.type('X');
    await waitForScreen(term, 'Delete pod pod-a?');
  });
});

describe('themes', () => {
  type Row = { id: string; status: string };
  const columns: Column<Row>[] = [
    { id: 'name', title: 'NAME', width: 6, priority: 0, render: (row) => row.id },
    { id: 'status', title: 'STATUS', width: 10, priority: 0, render: (row) => statusCell(row.status) },
  ];
  const rows: Row[] = [
    { id: 'a', status: 'ERROR' },
    { id: 'b', status: 'ACTIVE' },
  ];
  const table = (palette: Palette | null, monochrome = false): string => {
    const tree: ReactElement = (
      <Table
        rows={rows}
        columns={columns}
        getId={(row) => row.id}
        selectedId={null}
        width={40}
        height={5}
        monochrome={monochrome}
      />
    );
    return render(palette ? <ThemeContext value={palette}>{tree}</ThemeContext> : tree).lastFrame() ?? '';
  };

  it('draws statuses in the default colours without a theme', () => {
    const frame = table(null);
    expect(frame).toContain(`${RED}ERROR`);
    expect(frame).toContain(`${GREEN}ACTIVE`);
  });

  it("draws a status category in the theme's colour", () => {
    const frame = table(makePalette('default', { failed: 'magenta' }));
    expect(frame).toContain(`${MAGENTA}ERROR`);
    expect(frame).not.toContain(`${RED}ERROR`);
    expect(frame).toContain(`${GREEN}ACTIVE`);
  });

  it('NO_COLOR (monochrome) wins over any theme', () => {
    const frame = table(makePalette('default', { failed: 'magenta', healthy: 'blue' }), true);
    expect(stripVTControlCharacters(frame)).toContain('ERROR');
    expect(frame).not.toMatch(/\u001b\[(3[0-7]|9[0-7]|38;)/);
  });

  it('colours the flash line by the theme too', () => {
    const palette = makePalette('basic16', { error: 'yellowBright' });
    const frame = render(
      <ThemeContext value={palette}>
        <FlashLine flash={{ lines: [' ✕ Could not delete'], tone: 'error' }} width={40} />
      </ThemeContext>,
    ).lastFrame();
    expect(frame).toContain('\u001b[93m');
  });
});
