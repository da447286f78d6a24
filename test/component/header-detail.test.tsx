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

function header(overrides: Partial<HeaderProps> = {}) {
  const props: HeaderProps = {
    source: { demo: false, description: 'team acme · api.primeintellect.ai' },
    tabs: [
      { kind: 'disks', title: 'Disks', count: 12, unseen: 0 },
      { kind: 'sandboxes', title: 'Sandboxes', count: 10_345, unseen: 0 },
      { kind: 'pods', title: 'Pods', count: 24, unseen: 0 },
      { kind: 'nodes', title: 'Nodes', count: null, unseen: 0 },
    ],
    activeKind: 'pods',
    state: state(),
    width: 100,
    noun: 'pods',
    ...overrides,
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
      <DetailPane title="pod pod-p1 (p1)" row={row} present offset={0} width={100} height={40} />,
    );
    const text = stripVTControlCharacters(lastFrame() ?? '');
    expect(text).toContain('pod pod-p1 (p1)');
    expect(text).toMatch(/│ Field\s+│ Value/);
    expect(text).toMatch(/│ gpuName\s+│ H100_80GB/);
    expect(text).toMatch(/│ jupyterPassword\s+│ •+/);
    expect(text).toMatch(/│ environmentVars\.HF_TOKEN\s+│ •+/);
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('hf_secret_value');
  });

  it('pages through long resources and says where it is', () => {
    const { lastFrame } = render(<DetailPane title="t" row={row} present offset={5} width={100} height={12} />);
    const lines = stripVTControlCharacters(lastFrame() ?? '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines.filter((line) => line.startsWith('│ ') && !line.includes('Field'))).toHaveLength(6);
    expect(lines.at(-1)).toMatch(/6–11 of \d+ fields/);
  });

  it('says so when the resource has left the list', () => {
    const { lastFrame } = render(<DetailPane title="t" row={row} present={false} offset={0} width={120} height={20} />);
    expect(stripVTControlCharacters(lastFrame() ?? '')).toContain('no longer in the list');
  });

  it('truncates long values instead of wrapping', () => {
    const long = pod('p2', { name: 'x'.repeat(500) });
    const { lastFrame } = render(<DetailPane title="t" row={long} present offset={0} width={60} height={30} />);
    for (const line of stripVTControlCharacters(lastFrame() ?? '').split('\n'))
      expect(line.length).toBeLessThanOrEqual(60);
  });
});
