/**
 * The header and the detail pane on their own, rendered with
 * ink-testing-library. Colour is on (FORCE_COLOR=1 in vitest.config) so the
 * NO_COLOR check below can see that colour codes really disappear.
 */
import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { DetailPane } from '../../src/ui/DetailPane.js';
import { Header, type HeaderProps } from '../../src/ui/Header.js';
import { headerMessage } from '../../src/dashboard/messages.js';
import { detailOf } from '../../src/dashboard/detail.js';
import { detailEntries } from '../../src/views/detail.js';
import { VIEWS, type AnyRow, type ResourceView } from '../../src/views/index.js';
import { tabLine, type TabInfo, type TabSummary } from '../../src/dashboard/tab-line.js';
import type { ResourceKind } from '../../src/views/resource.js';
import type { ResourceState } from '../../src/data/queries.js';
import { pod } from '../helpers/fixtures.js';

const ANY_COLOUR = /\u001b\[(3[0-7]|9[0-7]|38;)/;

function state(overrides: Partial<ResourceState> = {}): ResourceState {
  return {
    kind: 'pods',
    data: { items: [], total: 0, truncated: false, skipped: 0 },
    error: null,
    updatedAt: Date.parse('2026-11-23T14:03:07'),
    fetching: false,
    polling: 'live',
    consecutiveFailures: 0,
    ...overrides,
  };
}

/** What the dashboard lays out for the header: the tabs and their summary, the message's noun. */
interface HeaderInput extends Omit<HeaderProps, 'tabLine' | 'message'> {
  tabs: readonly TabInfo[];
  activeKind: ResourceKind;
  summary: TabSummary;
  noun: string;
}

function header(overrides: Partial<HeaderInput> = {}) {
  const input: HeaderInput = {
    source: { demo: false, description: 'team acme · api.primeintellect.ai' },
    tabs: [
      { kind: 'disks', title: 'Disks', count: 12, unseen: 0 },
      { kind: 'sandboxes', title: 'Sandboxes', count: 10_345, unseen: 0 },
      { kind: 'pods', title: 'Pods', count: 24, unseen: 0 },
      { kind: 'nodes', title: 'Nodes', count: null, unseen: 0 },
    ],
    activeKind: 'pods',
    summary: { parts: [] },
    state: state(),
    width: 100,
    noun: 'pods',
    ...overrides,
  };
  const { tabs, activeKind, summary, noun, ...rest } = input;
  // The tab line and the message lines as the dashboard lays them out (dashboard/tab-line.ts, messages.ts).
  const props: HeaderProps = {
    ...rest,
    tabLine: tabLine(tabs, activeKind, summary, input.width),
    message: headerMessage(input.state, noun, input.source.hint, input.width, 3),
  };
  const { lastFrame } = render(<Header {...props} />);
  const raw = lastFrame() ?? '';
  return { raw, text: stripVTControlCharacters(raw), lines: stripVTControlCharacters(raw).split('\n') };
}

describe('Header', () => {
  it('names the source, the update time, the polling state and every tab with its count', () => {
    const { lines } = header();
    expect(lines[0]).toMatch(/^ cloudtop {2}team acme · api\.primeintellect\.ai\s+updated 14:03:07 · ● live ?$/);
    expect(lines[1]?.trimEnd()).toBe(' 1 Disks 12   2 Sandboxes 10,345   3 Pods 24   4 Nodes …');
  });

  it('puts the tab summary right of the tabs where it fits whole, else on a line of its own, never cut', () => {
    const summary = {
      parts: ['✓ 2 marked', '/label:team-a', '7 of 1,062', '$38.10/hr'],
      hint: 'terminated hidden (a)',
    };
    // At 100 a short summary fits beside the tabs; the hint, which does not, gives way.
    const wide = header({ summary: { parts: ['/label:a', '7 of 24', '$38.10/hr'], hint: 'terminated hidden (a)' } });
    expect(wide.lines[1]).toMatch(/4 Nodes … +\/label:a · 7 of 24 · \$38\.10\/hr ?$/);
    expect(wide.lines[2]?.trim()).toBe('');
    // At 80 the tabs leave 16 columns: the summary takes the next line whole, the hint too when it fits.
    const narrow = header({ width: 80, summary });
    expect(narrow.lines[1]?.trimEnd()).toBe(' 1 Disks 12   2 Sandboxes 10,345   3 Pods 24   4 Nodes …');
    expect(narrow.lines[2]).toMatch(
      /^ +✓ 2 marked · \/label:team-a · 7 of 1,062 · \$38\.10\/hr · terminated hidden \(a\) ?$/,
    );
    // The hint alone gives way beside the tabs: `$2.43/hr` stays there.
    const hintOnly = header({ width: 80, summary: { parts: ['$2.43/hr'], hint: 'terminated hidden (a)' } });
    expect(hintOnly.lines[1]).toMatch(/4 Nodes … +\$2\.43\/hr ?$/);
  });

  it('names the tabs not on screen by their short names when the titles do not fit, before cutting anything', () => {
    const six: TabInfo[] = [
      { kind: 'disks', title: 'Disks', count: 11, unseen: 0 },
      { kind: 'sandboxes', title: 'Sandboxes', count: 32, unseen: 2 },
      { kind: 'pods', title: 'Pods', count: 25, unseen: 0 },
      { kind: 'nodes', title: 'Nodes', count: 30, unseen: 4 },
      { kind: 'history', title: 'History', count: 8, unseen: 0 },
      { kind: 'availability', title: 'Availability', count: 120, unseen: 0 },
    ];
    expect(header({ tabs: six }).lines[1]?.trimEnd()).toBe(
      ' 1 Disks 11   2 Sandboxes 32 Δ2   3 Pods 25   4 Nodes 30 Δ4   5 History 8   6 Availability 120',
    );
    expect(header({ tabs: six, width: 80 }).lines[1]?.trimEnd()).toBe(
      ' 1 dk 11   2 sb 32 Δ2   3 Pods 25   4 no 30 Δ4   5 hi 8   6 av 120',
    );
  });

  it('marks demo mode and says how to connect on the message line, until there is something else to say', () => {
    const demo = {
      demo: true,
      description: 'simulated data',
      hint: 'demo mode: to connect your account, export PRIME_API_KEY=…',
    };
    const { lines } = header({ source: demo });
    expect(lines[0]).toContain(' DEMO  simulated data');
    expect(lines[2]).toBe(' demo mode: to connect your account, export PRIME_API_KEY=…');
    const capped = header({
      source: demo,
      state: state({ data: { items: [], total: 20_000, truncated: true, skipped: 0 } }),
    });
    expect(capped.lines[2]).toContain('showing the first 0 of 20,000 pods');
  });

  it('shows paused and retrying states', () => {
    expect(header({ state: state({ polling: 'paused' }) }).text).toContain('❚❚ paused');
    const failing = header({
      state: state({
        polling: 'retrying',
        consecutiveFailures: 3,
        error: new ApiError({
          kind: 'network',
          api: 'Prime Intellect',
          message: 'Cannot reach the Prime Intellect API: connection refused',
        }),
      }),
    });
    expect(failing.text).toContain('↻ retrying (3)');
    expect(failing.lines[2]).toMatch(
      /✕ Cannot reach the Prime Intellect API: connection refused · showing data from 14:03:07 \(stale\)/,
    );
    // Longer than its three lines at 50 columns: the error is cut, the marker and the age stay whole.
    const long = header({
      width: 50,
      state: state({
        polling: 'retrying',
        error: new ApiError({
          kind: 'server',
          api: 'Prime Intellect',
          message: `Prime Intellect API said: ${'no '.repeat(60)}end`,
        }),
      }),
    });
    expect(long.lines[2]).toMatch(/^ ✕ Prime Intellect API said: no no/);
    expect(long.lines[4]).toMatch(/^ {3}(no )+ ?… · showing data from 14:03:07 \(stale\)$/);
    expect(long.text).not.toContain('end');
    const refused = header({
      state: state({
        polling: 'refused',
        data: undefined,
        error: new ApiError({ kind: 'auth', api: 'Dispersed', message: 'Dispersed API needs a key pair' }),
      }),
    });
    expect(refused.text).toContain('✕ refused');
    expect(refused.lines[2]).toContain('✕ Dispersed API needs a key pair');
  });

  it('notes a capped list and unreadable items', () => {
    const { lines } = header({
      state: state({ data: { items: new Array(10_000).fill(null), total: 12_345, truncated: true, skipped: 2 } }),
    });
    expect(lines[2]).toContain('showing the first 10,000 of 12,345 pods');
    expect(lines[2]).toContain('2 pods could not be read');
  });

  it('keeps every line within the width, even at 40 columns', () => {
    for (const width of [40, 80, 300]) {
      const { lines } = header({ width });
      expect(lines).toHaveLength(3);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    }
  });

  it('uses colour, and none under NO_COLOR (monochrome), keeping the words', () => {
    expect(header().raw).toMatch(ANY_COLOUR);
    const plain = header({ monochrome: true });
    expect(plain.raw).not.toMatch(ANY_COLOUR);
    expect(plain.text).toContain('● live');
  });
});

describe('DetailPane', () => {
  const row = pod('p1', { environmentVars: { HF_TOKEN: 'hf_secret_value', MODE: 'eval' } });

  it('lists fields as key/value with secrets masked', () => {
    const { lastFrame } = render(
      <DetailPane title="pod pod-p1 (p1)" entries={detailEntries(row)} present offset={0} width={100} height={40} />,
    );
    const text = stripVTControlCharacters(lastFrame() ?? '');
    expect(text).toContain('pod pod-p1 (p1)');
    expect(text).toMatch(/ Field\s+Value/);
    expect(text).toMatch(/ gpuName\s+H100_80GB/);
    expect(text).toMatch(/ jupyterPassword\s+•+/);
    expect(text).toMatch(/ environmentVars\.HF_TOKEN\s+•+/);
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('hf_secret_value');
  });

  it('pages through long resources and says where it is, without a stray separator', () => {
    const { lastFrame } = render(
      <DetailPane title="t" entries={detailEntries(row)} present offset={5} width={100} height={12} />,
    );
    const lines = stripVTControlCharacters(lastFrame() ?? '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    // Title, column header and hint around 9 lines of fields.
    expect(lines.at(-1)).toMatch(/^ lines 6–14 of \d+ · ↑↓ scroll · Esc close$/);
  });

  it('keeps the key column where it is while scrolling, as wide as the longest key of all', () => {
    const lines = (offset: number): string[] =>
      stripVTControlCharacters(
        render(
          <DetailPane title="t" entries={detailEntries(row)} present offset={offset} width={100} height={12} />,
        ).lastFrame() ?? '',
      ).split('\n');
    const valueColumn = (line: string): number => line.search(/\S/) + line.slice(line.search(/\S/)).search(/\s\s\S/);
    expect(valueColumn(lines(0)[2]!)).toBe(valueColumn(lines(8)[2]!));
  });

  it('says so when the resource has left the list', () => {
    const { lastFrame } = render(
      <DetailPane title="t" entries={detailEntries(row)} present={false} offset={0} width={120} height={20} />,
    );
    expect(stripVTControlCharacters(lastFrame() ?? '')).toContain('No longer in the list: showing what was last seen');
  });

  it('shows a long value whole, going on over further lines within the width', () => {
    const long = pod('p2', { name: 'x'.repeat(300) });
    const { lastFrame } = render(
      <DetailPane title="t" entries={detailEntries(long)} present offset={0} width={60} height={60} />,
    );
    const lines = stripVTControlCharacters(lastFrame() ?? '').split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines.join('').split('x').length - 1).toBe(300);
  });
});

describe('the detail of a pod, as `prime pods status` shows it', () => {
  const now = Date.parse('2026-08-19T12:00:00Z');
  const installing = pod('p3', {
    status: 'ACTIVE',
    installationStatus: 'ACTIVE',
    installationProgress: 60,
    installationFailure: 'pip install failed: \u001b[31mno space left\u001b[0m',
    environmentType: 'cuda_12_4_pytorch_2_5',
    teamId: 'team-research',
    ip: ['10.0.0.7', '10.0.0.8'],
    createdAt: '2026-08-19T09:00:00Z',
    primePortMapping: [
      { internal: '22', external: '2222', protocol: 'TCP', usedBy: 'SSH', description: '' },
      { internal: '8888', external: '40001', protocol: 'TCP', usedBy: 'JUPYTER_NOTEBOOK', description: 'Jupyter' },
    ],
    attachedResources: [
      { id: 'disk-9', resourceType: 'DISK', status: 'ATTACHED', size: 500, mountPath: '/mnt/data', type: 'disk' },
    ],
  });
  const text = (): string => {
    const entries = detailOf(VIEWS.pods as unknown as ResourceView<AnyRow>, installing, { now });
    const frame = render(<DetailPane title="pod" entries={entries} present offset={0} width={110} height={60} />);
    return stripVTControlCharacters(frame.lastFrame() ?? '');
  };

  it('leads with its status, team, image, addresses, installation, ports and attached disks', () => {
    const shown = text();
    expect(shown).toMatch(/ Status\s+INSTALLING/);
    expect(shown).toMatch(/ Team\s+team-research/);
    expect(shown).toMatch(/ GPU\s+H100_80GB x8/);
    expect(shown).toMatch(/ Image\s+cuda_12_4_pytorch_2_5/);
    expect(shown).toMatch(/ Created\s+2026-08-19 09:00:00 UTC \(3h ago\)/);
    expect(shown).toMatch(/ IP\s+10\.0\.0\.7, 10\.0\.0\.8/);
    expect(shown).toMatch(/ Install progress\s+60%/);
    expect(shown).toMatch(/ Installation error\s+pip install failed: no space left/);
    expect(shown).toMatch(/ Ports\s+TCP:2222->22 \(SSH\)\n\s+TCP:40001->8888 \(Jupyter - JUPYTER_NOTEBOOK\)/);
    expect(shown).toMatch(/ Attached\s+disk-9 · DISK · ATTACHED · 500 GB · \/mnt\/data/);
    // Then every field, the Jupyter password masked as it always was; the summary never names it.
    expect(shown).toMatch(/ Every field\s+as the API sent it, secrets masked/);
    expect(shown).toMatch(/ jupyterPassword\s+•+/);
    expect(shown).not.toContain('hunter2-secret');
    expect(shown.indexOf('jupyterPassword')).toBeGreaterThan(shown.indexOf('Every field'));
  });
});
