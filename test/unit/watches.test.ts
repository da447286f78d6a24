/**
 * Watches: the rules of when one fires (src/filter/watch.ts, pure, time
 * passed in), the list in force (src/model/watches.ts), the `:watch`,
 * `:watches` and `:unwatch` commands, and where watches are kept between
 * runs (the config file's, the remembered live ones).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Key } from 'ink';
import { afterAll, describe, expect, it } from 'vitest';
import type { Offer } from '../../src/api/prime/offers.js';
import { createRememberer, readRemembered } from '../../src/cli/remembered.js';
import { readConfigFile } from '../../src/config/cloudtop-file.js';
import { ConfigError } from '../../src/config/config-error.js';
import { commandLineController } from '../../src/controllers/command-line.js';
import type { Effect, KeyEnvironment } from '../../src/controllers/environment.js';
import { parseFilter, WatchBook, type FilterExpression } from '../../src/filter/index.js';
import { parseCommandLine } from '../../src/input/command-line.js';
import { initialUiState, type UiState } from '../../src/model/ui-state.js';
import { describeWatches, initialWatches, withoutWatch, withWatch } from '../../src/model/watches.js';
import { VIEWS } from '../../src/views/index.js';
import { offer } from '../helpers/offers.js';

const T0 = Date.UTC(2026, 3, 1, 9, 0, 0);
const filter = (text: string): FilterExpression => {
  const parsed = parseFilter(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.filter;
};
/** 8×H200 in `dataCenter` at `perGpu` a GPU-hour, with `stock`. */
const h200 = (dataCenter: string, stock: string, perGpu: number): Offer =>
  offer({
    gpuType: 'H200_141GB',
    gpuCount: 8,
    dataCenter,
    stockStatus: stock,
    prices: { onDemand: perGpu * 8, communityPrice: null, isVariable: null, currency: 'USD' },
  });
const WATCH = filter('gpu:H200 count:8 price<3 stock:high');

describe('when a watch fires', () => {
  const fired = (book: WatchBook<Offer>, rows: Offer[], at: number, extra = {}) =>
    book.observe([WATCH], { rows, at, ...extra }).map((firing) => firing.row.dataCenter);

  it('not at its first poll: what matches then is counted, not told', () => {
    const book = new WatchBook<Offer>(VIEWS.availability);
    expect(fired(book, [h200('A', 'High', 2.5), h200('B', 'Low', 2.5)], T0)).toEqual([]);
    expect(book.matching(WATCH)).toBe(1);
  });

  it('when an offer appears matching, or its stock or price moves into the match; once', () => {
    const book = new WatchBook<Offer>(VIEWS.availability);
    fired(book, [h200('A', 'Low', 2.5), h200('B', 'High', 3.5)], T0);
    expect(fired(book, [h200('A', 'High', 2.5), h200('B', 'High', 3.5)], T0 + 1)).toEqual(['A']);
    expect(fired(book, [h200('A', 'High', 2.5), h200('B', 'High', 2.9)], T0 + 2)).toEqual(['B']);
    expect(fired(book, [h200('A', 'High', 2.5), h200('B', 'High', 2.9), h200('C', 'High', 1)], T0 + 3)).toEqual(['C']);
    // Still matching, even as its price moves within the match: nothing more.
    expect(fired(book, [h200('A', 'High', 2.4), h200('B', 'High', 2.9), h200('C', 'High', 1)], T0 + 4)).toEqual([]);
  });

  it('again only after it stopped matching (or left the list) and then matches again', () => {
    const book = new WatchBook<Offer>(VIEWS.availability);
    fired(book, [h200('A', 'High', 2.5)], T0);
    expect(fired(book, [h200('A', 'Medium', 2.5)], T0 + 1)).toEqual([]);
    expect(fired(book, [h200('A', 'High', 2.5)], T0 + 2)).toEqual(['A']);
    expect(fired(book, [], T0 + 3)).toEqual([]);
    expect(fired(book, [h200('A', 'High', 2.5)], T0 + 4)).toEqual(['A']);
  });

  it('not from another list (fresh), nor for a row a partial list left out', () => {
    const book = new WatchBook<Offer>(VIEWS.availability);
    fired(book, [h200('A', 'Low', 2.5)], T0);
    expect(fired(book, [h200('A', 'High', 2.5)], T0 + 1, { fresh: true })).toEqual([]);
    expect(fired(book, [h200('B', 'Low', 2.5)], T0 + 2, { partial: true })).toEqual([]);
    expect(fired(book, [h200('A', 'High', 2.5), h200('B', 'Low', 2.5)], T0 + 3)).toEqual([]);
  });

  it('per watch, in order; a watch removed is forgotten, and added again starts a new baseline', () => {
    const book = new WatchBook<Offer>(VIEWS.availability);
    const spot = filter('spot');
    book.observe([WATCH, spot], { rows: [h200('A', 'Low', 2.5)], at: T0 });
    const firings = book.observe([WATCH, spot], {
      rows: [h200('A', 'High', 2.5), offer({ isSpot: true, dataCenter: 'S' })],
      at: T0 + 1,
    });
    expect(firings.map((f) => [f.index, f.row.dataCenter])).toEqual([
      [0, 'A'],
      [1, 'S'],
    ]);
    // Removed, it is forgotten: added again, it starts from the last poll, where A was not.
    book.observe([spot], { rows: [], at: T0 + 2 });
    expect(book.matching(WATCH)).toBe(0);
    expect(book.observe([WATCH], { rows: [h200('A', 'High', 2.5)], at: T0 + 3 }).map((f) => f.row.dataCenter)).toEqual([
      'A',
    ]);
  });

  it('added between polls, a watch starts from the last poll: what matched then is no news', () => {
    const book = new WatchBook<Offer>(VIEWS.availability);
    expect(book.matching(WATCH)).toBeNull();
    book.observe([], { rows: [h200('A', 'High', 2.5), h200('B', 'Low', 2.5)], at: T0 });
    expect(book.matching(WATCH)).toBe(1);
    const rows = [h200('A', 'High', 2.5), h200('B', 'High', 2.5)];
    expect(book.observe([WATCH], { rows, at: T0 + 1 }).map((f) => f.row.dataCenter)).toEqual(['B']);
  });
});

describe('the watches in force', () => {
  it('saved first, then live ones not already saved; numbered from 1', () => {
    const watches = initialWatches([filter('spot'), WATCH], [filter('spot'), filter('region:eu')]);
    expect(watches.map((w) => [w.filter.source, w.saved])).toEqual([
      ['spot', true],
      [WATCH.source, true],
      ['region:eu', false],
    ]);
    expect(describeWatches(watches, (w) => (w.source === 'spot' ? 2 : null))).toBe(
      `1 spot (saved, 2 match) · 2 ${WATCH.source} (saved) · 3 region:eu`,
    );
  });

  it('refuses a duplicate and an unknown number with one line', () => {
    const watches = initialWatches([], [WATCH]);
    expect(withWatch(watches, filter(` ${WATCH.source} `))).toBe(`watch 1 is already ${WATCH.source}`);
    expect(withoutWatch(watches, 2)).toBe('no watch 2: there is 1 (:watches lists them)');
    expect(withoutWatch([], 1)).toBe('no watches to remove (:watch EXPR adds one)');
  });
});

describe(':watch, :watches, :unwatch', () => {
  const ENTER = { return: true } as Key;
  const env = { watchMatches: () => 3, accounts: { teams: [], contexts: [] } } as unknown as KeyEnvironment;
  const run = (state: UiState, line: string): { state: UiState; effects: Effect[] } =>
    commandLineController(
      { ...state, overlay: { type: 'command', draft: line, recalled: null, completing: null } },
      { input: '', key: ENTER, command: null },
      env,
    );
  const flashed = (effects: Effect[]) => effects.map((e) => (e.type === 'flash' ? `${e.tone}: ${e.text}` : e.type));

  it('parse: a filter after :watch, nothing after :watches, a number after :unwatch', () => {
    expect(parseCommandLine('watch gpu:H200 spot')).toEqual({
      ok: true,
      command: { type: 'watch', text: 'gpu:H200 spot' },
    });
    expect(parseCommandLine('watches')).toEqual({ ok: true, command: { type: 'watches' } });
    expect(parseCommandLine('unwatch 2')).toEqual({ ok: true, command: { type: 'unwatch', number: 2 } });
    expect(parseCommandLine('watch')).toMatchObject({ ok: false });
    expect(parseCommandLine('unwatch two')).toEqual({
      ok: false,
      error: ':unwatch needs the number of a watch, as :watches lists them',
    });
  });

  it('add a watch from any tab (checked against the offers), list them, stop one', () => {
    let state = initialUiState({ tab: 'pods', watches: [filter('spot')] });
    let result = run(state, 'watch gpu:H200 count:8 price<3 stock:high');
    state = result.state;
    expect(state.watches.map((w) => w.filter.source)).toEqual(['spot', 'gpu:H200 count:8 price<3 stock:high']);
    expect(flashed(result.effects)[0]).toMatch(/^success: watch 2: gpu:H200 count:8 price<3 stock:high/);
    expect(flashed(run(state, 'watches').effects)).toEqual([
      'info: 1 spot (saved, 3 match) · 2 gpu:H200 count:8 price<3 stock:high (3 match)',
    ]);
    result = run(state, 'unwatch 1');
    expect(result.state.watches.map((w) => w.filter.source)).toEqual(['gpu:H200 count:8 price<3 stock:high']);
    expect(flashed(result.effects)).toEqual([
      'success: stopped watch 1: spot (for this run: it is saved in the config file)',
    ]);
  });

  it('refuses a term the offers cannot take, or a bad one, in one line, and changes nothing', () => {
    const state = initialUiState({ tab: 'pods' });
    for (const [line, message] of [
      ['watch label:x', "error: :watch: label: filters don't apply to Availability, which have no labels"],
      ['watch count>=lots', 'error: :watch: count>= needs a whole number at column 1'],
      ['unwatch 4', 'error: :unwatch: no watches to remove (:watch EXPR adds one)'],
    ] as const) {
      const result = run(state, line);
      expect(flashed(result.effects)).toEqual([message]);
      expect(result.state.watches).toEqual([]);
    }
  });
});

describe('watches kept between runs', () => {
  const root = mkdtempSync(join(tmpdir(), 'cloudtop-watches-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('the live ones are remembered like the command history; the saved ones stay in the config file', () => {
    const path = join(root, 'state', 'state.json');
    const state = initialUiState({ tab: 'availability', watches: [filter('spot')], remembered: { watches: [WATCH] } });
    // Written once something changes: the run's first state is what it started from.
    const remember = createRememberer(path, () => {});
    remember(initialUiState({ tab: 'availability' }));
    remember(state);
    const restored = readRemembered(path, () => {});
    expect(restored.watches?.map((w) => w.source)).toEqual([WATCH.source]);
  });

  it('a --fresh run keeps the watches it started without, and adds its own', () => {
    const path = join(root, 'fresh', 'state.json');
    const remember = createRememberer(path, () => {});
    remember(initialUiState({ tab: 'availability' }));
    remember(initialUiState({ tab: 'availability', remembered: { watches: [WATCH] } }));
    const kept = readRemembered(path, () => {});
    const freshRun = createRememberer(path, () => {}, kept);
    const start = initialUiState({ tab: 'pods' });
    freshRun(start);
    freshRun(initialUiState({ tab: 'pods', remembered: { watches: [filter('spot')] } }));
    expect(readRemembered(path, () => {}).watches?.map((w) => w.source)).toEqual([WATCH.source, 'spot']);
  });

  it('a remembered watch that no longer applies is dropped', () => {
    const path = join(root, 'old', 'state.json');
    mkdirSync(join(root, 'old'));
    writeFileSync(path, JSON.stringify({ version: 1, watches: ['label:x', 'stock:high'] }));
    expect(readRemembered(path, () => {}).watches?.map((w) => w.source)).toEqual(['stock:high']);
  });

  const configWith = (watches: unknown) => {
    const xdg = mkdtempSync(join(root, 'xdg-'));
    mkdirSync(join(xdg, 'cloudtop'));
    writeFileSync(join(xdg, 'cloudtop', 'config.json'), JSON.stringify({ watches }));
    return { HOME: '/nonexistent-home-for-tests', XDG_CONFIG_HOME: xdg };
  };

  it('the config file holds a list of expressions, each checked as :watch checks it', () => {
    expect(readConfigFile(configWith(['gpu:H200 price<3', 'spot'])).watches.map((w) => w.source)).toEqual([
      'gpu:H200 price<3',
      'spot',
    ]);
    const refused = (watches: unknown): string => {
      try {
        readConfigFile(configWith(watches));
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message.replace(/^.*config\.json: /, '');
      }
      throw new Error('accepted');
    };
    expect(refused(['spot', 'label:x'])).toBe(
      "watches.1 is not usable: label: filters don't apply to Availability, which have no labels",
    );
    expect(refused(['  '])).toBe('watches.0 is empty: a watch needs a term');
    expect(refused('spot')).toMatch(/^watches must be a list of filter expressions/);
  });
});
