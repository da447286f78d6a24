/**
 * What the new actions draw: the disk dialog that asks for the name, the
 * node choice, and the log pane (cut and wrapped lines, search highlights,
 * the newest lines at the bottom), and the log pane inside the dashboard,
 * opened with `l` and left with Esc where the table was.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { ChooseDialog } from '../../src/ui/ChooseDialog.js';
import { ConfirmDialog, type ConfirmDialogProps } from '../../src/ui/ConfirmDialog.js';
import { INITIAL_DIALOG_STATE } from '../../src/model/ui-state.js';
import { LogsPane, type LogsPaneProps } from '../../src/ui/LogsPane.js';
import { createQueryClient } from '../../src/data/queries.js';
import { LogBuffer } from '../../src/data/log-buffer.js';
import type { Operations } from '../../src/data/sources.js';
import { isDeleteAction } from '../../src/views/actions.js';
import { disksView } from '../../src/views/disks.js';
import { disks, memoryFetchers, pod } from '../helpers/fixtures.js';
import { KEYS, renderInTerminal, waitForScreen, type VirtualTerminal } from '../helpers/virtual-terminal.js';

const INVERSE = '\u001b[7m';
const deleteDisk = disksView.actions.find(isDeleteAction)!;

describe('the disk dialog', () => {
  const props = (typed: string): ConfirmDialogProps => ({
    view: disksView,
    action: deleteDisk,
    targets: [deleteDisk.target(disks[1]!)],
    missingIds: new Set(),
    focus: INITIAL_DIALOG_STATE.focus,
    offset: 0,
    typed,
    now: Date.now(),
    width: 80,
    height: 24,
  });
  const frame = (typed: string) => {
    const raw = render(<ConfirmDialog {...props(typed)} />).lastFrame() ?? '';
    return { raw, text: stripVTControlCharacters(raw) };
  };

  it('asks for the name, and keeps Delete disabled (dim, never focused) until it is typed exactly', () => {
    const empty = frame('');
    expect(empty.text).toContain("Type the disk's name to enable Delete: checkpoints");
    expect(empty.text).toContain('Enter delete (once the name matches) · Esc cancel');
    expect(empty.text).not.toContain('›  [ Delete ]');
    expect(empty.text).not.toContain('› [ Delete ]');
    expect(empty.raw).not.toContain(INVERSE + '[ Delete ]');
    const partly = frame('checkp');
    expect(partly.text).toContain('› checkp');
    const typed = frame('checkpoints');
    expect(typed.text).toContain('› [ Delete ]');
  });
});

describe('the node choice', () => {
  it('numbers the nodes, marks the selected one, and shows API text only as text', () => {
    const { lastFrame } = render(
      <ChooseDialog
        title="SSH into pod big: which node?"
        options={['root@10.0.0.1 -p 22', 'root@10.0.0.2 -p 22\u001b]0;pwned\u0007']}
        selected={1}
        width={80}
        height={12}
      />,
    );
    const raw = lastFrame() ?? '';
    const text = stripVTControlCharacters(raw);
    expect(text).toContain('1  root@10.0.0.1 -p 22');
    expect(text).toMatch(/› 2 {2}root@10\.0\.0\.2 -p 22/);
    expect(raw).not.toContain('pwned');
    expect(raw).not.toContain('\u0007');
  });
});

describe('the log pane', () => {
  const buffer = (lines: readonly string[]): LogBuffer => {
    const log = new LogBuffer();
    log.take(lines);
    return log;
  };
  const pane = (log: LogBuffer, overrides: Partial<LogsPaneProps> = {}) => {
    const props: LogsPaneProps = {
      title: 'pod trainer',
      lines: log.lines,
      first: log.first,
      version: log.version,
      top: null,
      follow: true,
      wrap: false,
      search: '',
      match: null,
      error: null,
      loading: false,
      width: 40,
      height: 6,
      ...overrides,
    };
    const raw = render(<LogsPane {...props} />).lastFrame() ?? '';
    return { raw, lines: stripVTControlCharacters(raw).split('\n') };
  };
  const numbered = buffer(Array.from({ length: 50 }, (_, i) => `line ${i}`));

  it('shows the newest lines at the bottom, under a title with the count and what it is doing', () => {
    const { lines } = pane(numbered, { width: 80 });
    expect(lines[0]).toMatch(/Logs · pod trainer · 50 lines · following/);
    expect(lines.slice(1).map((line) => line.trim())).toEqual(['line 45', 'line 46', 'line 47', 'line 48', 'line 49']);
  });

  it('scrolled up, shows from the top line and how many newer lines are below', () => {
    const { lines } = pane(numbered, { top: 10, follow: false, width: 80 });
    expect(lines[0]).toContain('not following (f follows) · 35 newer below (G)');
    expect(lines[1]?.trim()).toBe('line 10');
  });

  it('cuts long lines to the width, or wraps them onto following lines', () => {
    const long = buffer([`start ${'x'.repeat(100)} end`]);
    const cut = pane(long, { width: 30 });
    expect(cut.lines[1]).toMatch(/^ {2}start x+…$/);
    expect(cut.lines.join('\n')).not.toContain('end');
    const wrapped = pane(long, { width: 30, wrap: true });
    expect(wrapped.lines.slice(1).join('')).toContain('end');
    expect(wrapped.lines.slice(1).every((line) => line.length <= 30)).toBe(true);
  });

  it('lights every match and marks the line n found', () => {
    const log = buffer(['ok', 'an ERROR here', 'ok', 'another error']);
    const { raw, lines } = pane(log, { search: 'error', match: 3 });
    expect(lines[2]).toBe('  an ERROR here');
    expect(lines[4]).toBe('› another error');
    expect(raw.match(/\u001b\[43m/g)).toHaveLength(2);
  });

  it('a failed fetch shows its reason in the title and keeps the lines', () => {
    const { lines } = pane(numbered, { error: 'Prime Intellect API: 503 Service Unavailable', width: 80 });
    expect(lines[0]).toContain('✕ Prime Intellect API: 503 Service Unavailable');
    expect(lines.at(-1)?.trim()).toBe('line 49');
  });
});

describe('logs in the dashboard', () => {
  let vt: VirtualTerminal | undefined;
  afterEach(() => vt?.unmount());

  it("l opens the selected pod's log, follows it at the poll interval, and Esc is back on the table where it was", async () => {
    let served = ['boot', 'step 1', 'step 2'];
    const asked: string[] = [];
    const operations: Operations = {
      pods: {
        logs: async (id) => {
          asked.push(id);
          return served;
        },
      },
    };
    const client = createQueryClient();
    vt = renderInTerminal(
      <QueryClientProvider client={client}>
        <App
          fetchers={memoryFetchers({ pods: [pod('a'), pod('b')] })}
          operations={operations}
          source={{ demo: true, description: 'simulated data' }}
          policy={{ intervalMs: 100, hiddenFactor: 3, maxBackoffMs: 60_000 }}
          initialTab="pods"
        />
      </QueryClientProvider>,
      { columns: 100, rows: 20 },
    );
    await waitForScreen(vt, 'pod-b');
    vt.type(KEYS.down);
    await waitForScreen(vt, (screen) =>
      screen.split('\n').some((line) => line.startsWith('›') && line.includes('pod-b')),
    );
    vt.type('l');
    let screen = await waitForScreen(vt, 'step 2');
    expect(screen).toMatch(/Logs · pod pod-b · 3 lines · following/);
    expect(screen).toMatch(/f follow/);
    expect(asked[0]).toBe('b');
    // The next poll brings two lines; only they are added.
    served = [...served, 'step 3', 'step 4'];
    screen = await waitForScreen(vt, 'step 4');
    expect(screen).toMatch(/5 lines/);
    expect(screen.match(/step 2/g)).toHaveLength(1);
    // Not following: no more fetches.
    vt.type('f');
    await waitForScreen(vt, 'not following');
    const fetches = asked.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(asked.length).toBe(fetches);
    vt.type(KEYS.escape);
    screen = await waitForScreen(vt, (s) =>
      s.split('\n').some((line) => line.startsWith('›') && line.includes('pod-b')),
    );
    expect(screen).not.toContain('Logs ·');
  });
});
