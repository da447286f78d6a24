/** What one run leaves for the next: read back as far as it still applies, and never a crash. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFilter } from '../../src/filter/index.js';
import { createRememberer, readRemembered, statePath } from '../../src/cli/remembered.js';
import { applyFilter, initialUiState, switchTab, withTab } from '../../src/model/ui-state.js';

const root = mkdtempSync(join(tmpdir(), 'cloudtop-remembered-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let count = 0;
const fresh = () => join(root, String(++count), 'cloudtop', 'state.json');

function filter(text: string) {
  const parsed = parseFilter(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.filter;
}

describe('remembered state', () => {
  it('lives under XDG_STATE_HOME, or ~/.local/state', () => {
    expect(statePath({ XDG_STATE_HOME: '/x/state' }, '/home/a')).toBe('/x/state/cloudtop/state.json');
    expect(statePath({}, '/home/a')).toBe('/home/a/.local/state/cloudtop/state.json');
    // A relative XDG path is ignored, as the spec says.
    expect(statePath({ XDG_STATE_HOME: 'relative' }, '/home/a')).toBe('/home/a/.local/state/cloudtop/state.json');
  });

  it('gives back the last tab, each tab’s sort and filter, the events panel and the command history', () => {
    const path = fresh();
    const start = initialUiState({ tab: 'pods' });
    let state = switchTab(start, 'sandboxes');
    state = applyFilter(state, 'sandboxes', filter('label:eval status:running'));
    state = withTab(state, 'pods', { sort: { columnId: 'price', descending: true } });
    state = { ...state, events: { open: true, offset: 0 } };
    state = { ...state, commandHistory: ['sb', 'team infra'] };
    const warnings: string[] = [];
    const remember = createRememberer(path, (line) => warnings.push(line));
    // The state a run starts from is not written: only what the person changes.
    remember(start);
    expect(existsSync(path)).toBe(false);
    remember(state);
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const restored = readRemembered(path, (line) => warnings.push(line));
    expect(warnings).toEqual([]);
    expect(restored.tab).toBe('sandboxes');
    expect(restored.tabs?.sandboxes?.filter?.source).toBe('label:eval status:running');
    expect(restored.tabs?.pods?.sort).toEqual({ columnId: 'price', descending: true });
    expect(restored.eventsOpen).toBe(true);
    expect(restored.commandHistory).toEqual(['sb', 'team infra']);
    const next = initialUiState({ tab: restored.tab!, remembered: restored });
    expect(next.tabs.sandboxes.filter.source).toBe('label:eval status:running');
    expect(next.events.open).toBe(true);
  });

  it('a --filter wins over the remembered filter of the start tab', () => {
    const remembered = { tabs: { pods: { filter: filter('old') } } };
    expect(initialUiState({ tab: 'pods', filter: filter('new'), remembered }).tabs.pods.filter.source).toBe('new');
    expect(initialUiState({ tab: 'pods', remembered }).tabs.pods.filter.source).toBe('old');
  });

  it('drops what no longer applies: an unknown tab, a column that is gone, a filter the view cannot take', () => {
    const path = fresh();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(
      path,
      JSON.stringify({
        version: 1,
        tab: 'clusters',
        tabs: {
          pods: { sort: { columnId: 'colour', descending: false }, filter: 'label:x' },
          disks: { filter: 'status:active' },
        },
        commandHistory: ['pods', 'x\u001b]0;pwned\u0007y'],
      }),
    );
    const restored = readRemembered(path, () => undefined);
    expect(restored.tab).toBeUndefined();
    expect(restored.tabs?.pods).toEqual({ sort: undefined, filter: undefined });
    expect(restored.tabs?.disks?.filter?.source).toBe('status:active');
    expect(restored.commandHistory?.[1]).not.toMatch(/\u001b|\u0007/);
  });

  it('ignores a damaged file with one warning, and a missing one silently', () => {
    const warnings: string[] = [];
    expect(readRemembered(join(root, 'absent', 'state.json'), (line) => warnings.push(line))).toEqual({});
    expect(warnings).toEqual([]);
    for (const damaged of [
      '{"version": 1, "tab": ',
      '[]',
      '{"version": 99}',
      '{"version": 1, "tabs": {"pods": {"sort": "price"}}}',
    ]) {
      const path = fresh();
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, damaged);
      const seen: string[] = [];
      expect(readRemembered(path, (line) => seen.push(line))).toEqual({});
      expect(seen).toEqual([`ignoring the remembered state in ${path}: it is damaged (it will be written afresh)`]);
    }
  });

  it('says once, and only once, when it cannot write', () => {
    const blocked = join(root, 'blocked');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'cloudtop'), 'a file where the directory should be');
    const warnings: string[] = [];
    const write = createRememberer(join(blocked, 'cloudtop', 'state.json'), (line) => warnings.push(line));
    write(initialUiState({ tab: 'pods' }));
    write(initialUiState({ tab: 'disks' }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^cannot remember this run's tabs and filters in .*: (EEXIST|ENOTDIR)$/);
    chmodSync(blocked, 0o755);
    expect(readFileSync(join(blocked, 'cloudtop'), 'utf8')).toContain('a file');
  });

  it('a --fresh run starts without the remembered state but does not erase it: its commands join the history', () => {
    const path = fresh();
    const warn = (): void => undefined;
    const first = initialUiState({ tab: 'pods' });
    const remember = createRememberer(path, warn);
    remember(first);
    remember({ ...switchTab(first, 'disks'), commandHistory: ['sb', 'team infra'] });
    const kept = readRemembered(path, warn);
    // A --fresh run that types nothing leaves the file as it was.
    const freshStart = initialUiState({ tab: 'pods' });
    const freshRun = createRememberer(path, warn, kept);
    freshRun(freshStart);
    expect(readRemembered(path, warn).commandHistory).toEqual(['sb', 'team infra']);
    expect(readRemembered(path, warn).tab).toBe('disks');
    // One that runs a command adds it to what was kept.
    freshRun({ ...freshStart, commandHistory: ['no'] });
    expect(readRemembered(path, warn).commandHistory).toEqual(['sb', 'team infra', 'no']);
  });
});
