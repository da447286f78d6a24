/**
 * The delete confirm dialog, its key reducer, and the flash line, rendered
 * with ink-testing-library. Colour is on (FORCE_COLOR=1 in vitest.config), so
 * the monochrome checks can see colour codes really disappear.
 */
import type { Key } from 'ink';
import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { useEffect, type ReactElement } from 'react';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { ConfirmDialog, type ConfirmDialogProps } from '../../src/ui/ConfirmDialog.js';
import { dialogKey, type DialogKeyResult } from '../../src/controllers/dialog.js';
import { dialogPageSize } from '../../src/model/layout.js';
import { INITIAL_DIALOG_STATE, type DialogState } from '../../src/model/ui-state.js';
import { FlashLine } from '../../src/ui/FlashLine.js';
import { useFlash, type FlashMessage, type ShowFlash } from '../../src/dashboard/useFlash.js';
import { flashOf } from '../../src/dashboard/messages.js';
import type { ActionTarget } from '../../src/views/actions.js';
import { podsView } from '../../src/views/pods.js';
import { pod } from '../helpers/fixtures.js';
import { key } from '../helpers/keys.js';

const ANY_COLOUR = /\u001b\[(3[0-7]|9[0-7]|38;|4[0-7]|10[0-7]|48;)/;
const INVERSE = '\u001b[7m';
const NOW = Date.parse('2026-11-23T14:00:00Z');

/** The pods view's own delete action: the dialog shows what it declares. */
const deletePod = podsView.actions.find((action) => action.id === 'delete')!;

/** What the pod view's delete action makes of a pod with these fields. */
function target(
  id: string,
  fields: { name?: string; gpu?: string; status?: string; priceHr?: number | null; createdAt?: string } = {},
): ActionTarget {
  const [gpuName, count] = (fields.gpu ?? 'H100_80GB×8').split('×');
  return deletePod.target(
    pod(id, {
      name: fields.name ?? `pod-${id}`,
      gpuName,
      gpuCount: count === undefined ? 1 : Number(count),
      status: fields.status ?? 'ACTIVE',
      priceHr: fields.priceHr === undefined ? 19.92 : fields.priceHr,
      createdAt: fields.createdAt ?? '2026-11-23T10:48:00Z',
    }),
  );
}

function many(count: number): ActionTarget[] {
  return Array.from({ length: count }, (_, i) =>
    target(`id-${String(i).padStart(2, '0')}`, {
      name: `worker-${String(i).padStart(2, '0')}`,
      status: i % 2 ? 'ACTIVE' : 'PROVISIONING',
      priceHr: 1.5,
    }),
  );
}

function dialog(overrides: Partial<ConfirmDialogProps> = {}) {
  const props: ConfirmDialogProps = {
    view: podsView,
    action: deletePod,
    targets: [target('cl9x2abc', { name: 'llama-7' })],
    missingIds: new Set(),
    focus: INITIAL_DIALOG_STATE.focus,
    offset: INITIAL_DIALOG_STATE.offset,
    now: NOW,
    width: 90,
    height: 20,
    ...overrides,
  };
  const { lastFrame, unmount } = render(<ConfirmDialog {...props} />);
  const raw = lastFrame() ?? '';
  unmount();
  const text = stripVTControlCharacters(raw);
  return { raw, text, lines: text.split('\n') };
}

describe('ConfirmDialog, one pod', () => {
  it('names the pod: name, id, GPU, status, $/hr and how long it has run', () => {
    const { text } = dialog();
    expect(text).toContain('Delete pod llama-7?');
    expect(text).toMatch(/name\s+llama-7/);
    expect(text).toMatch(/id\s+cl9x2abc/);
    expect(text).toMatch(/GPU\s+H100_80GB×8/);
    expect(text).toMatch(/status\s+ACTIVE/);
    expect(text).toMatch(/\$\/hr\s+\$19\.92/);
    expect(text).toMatch(/running for\s+3h12m/);
    expect(text).toContain('cannot be undone');
  });

  it('is framed by a border', () => {
    const { lines } = dialog();
    expect(lines.some((line) => line.includes('╭') && line.includes('╮'))).toBe(true);
    expect(lines.some((line) => line.includes('╰') && line.includes('╯'))).toBe(true);
  });

  it('works from a parsed pod', () => {
    const { text } = dialog({
      targets: [deletePod.target(pod('p1', { name: 'bert', gpuName: 'A100_80GB', gpuCount: 4, priceHr: 7.16 }))],
    });
    expect(text).toMatch(/GPU\s+A100_80GB×4/);
    expect(text).toMatch(/\$\/hr\s+\$7\.16/);
  });

  it('starts with the focus on Cancel, shown by › and inverse', () => {
    expect(INITIAL_DIALOG_STATE).toEqual({ focus: 'cancel', offset: 0, typed: null });
    const { raw, text } = dialog();
    expect(text).toMatch(/› \[ Cancel \] +\[ Delete \]/);
    expect(text).not.toMatch(/› \[ Delete \]/);
    expect(raw).toMatch(new RegExp(`${escapeRegExp(INVERSE)}(\\u001b\\[[0-9;]*m)*\\[ Cancel \\]`));
  });

  it('moves the cue to Delete when focused there', () => {
    const { raw, text } = dialog({ focus: 'delete' });
    expect(text).toMatch(/ {2}\[ Cancel \] +› \[ Delete \]/);
    expect(raw).toMatch(new RegExp(`${escapeRegExp(INVERSE)}(\\u001b\\[[0-9;]*m)*\\[ Delete \\]`));
  });

  it('fits its height down to 10 lines, keeping every field and the buttons', () => {
    for (const height of [10, 11, 13, 15, 20]) {
      const { lines, text } = dialog({ height });
      expect(lines.filter((line) => line.trim() !== '').length, `height ${height}`).toBeLessThanOrEqual(height);
      expect(
        lines.some((line) => line.includes('╰')),
        `height ${height}`,
      ).toBe(true);
      expect(text).toMatch(/running for\s+3h12m/);
      expect(text).toContain('[ Delete ]');
    }
  });

  it('says when the pod is no longer listed', () => {
    const { text } = dialog({ missingIds: new Set(['cl9x2abc']) });
    expect(text).toContain('(no longer listed');
  });

  it('strips escape sequences and controls from every API string', () => {
    const { raw, text } = dialog({
      targets: [
        target('id\u001b]8;;http://evil\u0007x', {
          name: 'ev\u001b[2Jil\nname',
          gpu: 'G\u009b31mPU',
          status: 'ACT\u202eIVE',
        }),
      ],
    });
    expect(raw).not.toContain('\u001b[2J');
    expect(raw).not.toContain('\u001b]8');
    expect(raw).not.toContain('\u202e');
    expect(raw).not.toContain('\u009b');
    expect(text).toContain('evil name');
  });
});

describe('ConfirmDialog, several pods', () => {
  it('says how many, lists them one per line with a total, and scrolls', () => {
    const targets = many(30);
    const height = 20;
    const pageSize = dialogPageSize(height, targets.length);
    expect(pageSize).toBeGreaterThan(3);
    expect(pageSize).toBeLessThan(30);

    const top = dialog({ targets, height });
    expect(top.text).toContain('Delete 30 pods?');
    expect(top.text).toMatch(/NAME\s+ID\s+GPU\s+STATUS\s+\$\/HR/);
    expect(top.text).toMatch(/worker-00\s+id-00\s+H100_80GB×8\s+PROVISIONING\s+\$1\.50/);
    expect(top.text).toContain(`1–${pageSize} of 30`);
    expect(top.text).toContain('Total $45.00/hr');
    expect(top.text).toContain('↑↓ scroll');
    expect(top.text).not.toContain(`worker-${String(pageSize).padStart(2, '0')}`);

    const scrolled = dialog({ targets, height, offset: 5 });
    expect(scrolled.text).not.toContain('worker-04');
    expect(scrolled.text).toContain('worker-05');
    expect(scrolled.text).toContain(`6–${5 + pageSize} of 30`);

    // An offset past the end shows the last page.
    const end = dialog({ targets, height, offset: 99 });
    expect(end.text).toContain('worker-29');
    expect(end.text).toContain(`${31 - pageSize}–30 of 30`);
  });

  it('fits its height: the frame is whole and no taller than given, down to 8 lines', () => {
    for (const height of [8, 9, 10, 12, 16, 20, 30]) {
      const pageSize = dialogPageSize(height, 30);
      const { lines, text } = dialog({ targets: many(30), height });
      const drawn = lines.filter((line) => line.trim() !== '');
      expect(drawn.length, `height ${height}`).toBeLessThanOrEqual(height);
      expect(
        lines.some((line) => line.includes('╰')),
        `height ${height}`,
      ).toBe(true);
      expect(
        lines.some((line) => line.includes('╭')),
        `height ${height}`,
      ).toBe(true);
      expect(text).toContain('[ Delete ]');
      expect(text).toContain(`1–${pageSize} of 30`);
      expect(lines.filter((line) => /worker-\d\d/.test(line))).toHaveLength(pageSize);
    }
  });

  it('lists every pod without scrolling when they fit', () => {
    const { text } = dialog({ targets: many(3), height: 20 });
    expect(text).toContain('Delete 3 pods?');
    for (const name of ['worker-00', 'worker-01', 'worker-02']) expect(text).toContain(name);
    expect(text).not.toContain('scroll');
    expect(text).not.toMatch(/of 3\b/);
  });

  it('flags pods that vanished since the dialog opened', () => {
    const targets = many(4);
    const { lines, text } = dialog({ targets, missingIds: new Set(['id-02']) });
    expect(text).toContain('Delete 4 pods? (1 no longer listed)');
    const row = lines.find((line) => line.includes('worker-02'));
    expect(row).toMatch(/worker-02\s+id-02\s+\(no longer listed\)/);
    expect(lines.find((line) => line.includes('worker-01'))).not.toContain('no longer listed');
  });

  it('keeps the flag visible on a narrow dialog', () => {
    const { lines } = dialog({ targets: many(4), missingIds: new Set(['id-02']), width: 34 });
    expect(lines.find((line) => line.includes('(no longer listed)'))).toBeDefined();
  });

  it('counts pods without a price apart from the total', () => {
    const targets = [target('a', { priceHr: 2 }), target('b', { priceHr: null }), target('c', { priceHr: 3.25 })];
    expect(dialog({ targets }).text).toContain('Total $5.25/hr (+1 without a price)');
  });
});

describe('ConfirmDialog layout', () => {
  const longName = 'a-very-long-pod-name-that-goes-on-and-on-'.repeat(4);
  const cases: { label: string; props: Partial<ConfirmDialogProps> }[] = [
    { label: 'one pod', props: { targets: [target('x', { name: longName })] } },
    { label: 'one pod, missing', props: { targets: [target('x', { name: longName })], missingIds: new Set(['x']) } },
    {
      label: 'many pods',
      props: { targets: [...many(12), target('wide', { name: '東京のとても長いポッド名前'.repeat(5) })] },
    },
    { label: 'many pods, missing', props: { targets: many(12), missingIds: new Set(['id-03']) } },
  ];
  for (const { label, props } of cases) {
    for (const width of [24, 40, 64, 90, 100]) {
      it(`${label}: no line wider than ${width} columns, nothing wraps`, () => {
        const { lines } = dialog({ ...props, width, height: 20 });
        for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
        const buttons = lines.filter((line) => /\[ ?Cancel ?\]/.test(line));
        expect(buttons).toHaveLength(1);
        expect(buttons[0]).toMatch(/\[ ?Delete ?\]/);
      });
    }
  }

  it('centres itself in the area it is given', () => {
    const { lines } = dialog({ width: 100, height: 24 });
    const top = lines.findIndex((line) => line.includes('╭'));
    expect(top).toBeGreaterThan(0);
    expect(lines[top]!.indexOf('╭')).toBeGreaterThan(0);
  });

  it('monochrome has no colour codes, yet keeps the › cue and the inverse focus', () => {
    const coloured = dialog({ targets: many(5), missingIds: new Set(['id-01']), focus: 'delete' });
    expect(coloured.raw).toMatch(ANY_COLOUR);
    const mono = dialog({ targets: many(5), missingIds: new Set(['id-01']), focus: 'delete', monochrome: true });
    expect(mono.raw).not.toMatch(ANY_COLOUR);
    expect(mono.text).toContain('› [ Delete ]');
    expect(mono.raw).toContain(INVERSE);
    const single = dialog({ monochrome: true });
    expect(single.raw).not.toMatch(ANY_COLOUR);
  });
});

describe('dialogKey', () => {
  const start: DialogState = { focus: 'cancel', offset: 0, typed: null };
  const onDelete: DialogState = { focus: 'delete', offset: 0, typed: null };
  const press = (state: DialogState, input: string, overrides: Partial<Key> = {}, count = 30, pageSize = 10) =>
    dialogKey(state, input, key(overrides), count, pageSize);

  it('y confirms and n or Esc cancels, whatever the focus', () => {
    for (const state of [start, onDelete]) {
      expect(press(state, 'y')).toEqual({ action: 'confirm' });
      expect(press(state, 'Y', { shift: true })).toEqual({ action: 'confirm' });
      expect(press(state, 'n')).toEqual({ action: 'cancel' });
      expect(press(state, 'N', { shift: true })).toEqual({ action: 'cancel' });
      expect(press(state, '', { escape: true })).toEqual({ action: 'cancel' });
    }
  });

  it('Enter presses the focused button: Cancel by default', () => {
    expect(press(start, '\r', { return: true })).toEqual({ action: 'cancel' });
    expect(press(onDelete, '\r', { return: true })).toEqual({ action: 'confirm' });
  });

  it('Tab, Shift-Tab, ← → and h l move between the buttons', () => {
    const moves: [string, Partial<Key>][] = [
      ['', { tab: true }],
      ['', { tab: true, shift: true }],
      ['', { leftArrow: true }],
      ['', { rightArrow: true }],
      ['h', {}],
      ['l', {}],
    ];
    for (const [input, overrides] of moves) {
      expect(press(start, input, overrides)).toEqual({ state: onDelete });
      expect(press(onDelete, input, overrides)).toEqual({ state: start });
    }
  });

  it('↑ ↓ k j PgUp PgDn Home End scroll the list within its bounds', () => {
    const at = (offset: number): DialogState => ({ focus: 'cancel', offset, typed: null });
    expect(press(at(0), '', { downArrow: true })).toEqual({ state: at(1) });
    expect(press(at(0), 'j')).toEqual({ state: at(1) });
    expect(press(at(5), '', { upArrow: true })).toEqual({ state: at(4) });
    expect(press(at(5), 'k')).toEqual({ state: at(4) });
    expect(press(at(0), '', { pageDown: true })).toEqual({ state: at(10) });
    expect(press(at(15), '', { pageDown: true })).toEqual({ state: at(20) });
    expect(press(at(15), '', { pageUp: true })).toEqual({ state: at(5) });
    expect(press(at(3), '', { pageUp: true })).toEqual({ state: at(0) });
    expect(press(at(7), '', { home: true })).toEqual({ state: at(0) });
    expect(press(at(0), '', { end: true })).toEqual({ state: at(20) });
    // At the edges, and when everything fits, nothing changes (same object).
    const top = at(0);
    expect(stateOf(press(top, '', { upArrow: true }))).toBe(top);
    const bottom = at(20);
    expect(stateOf(press(bottom, '', { downArrow: true }))).toBe(bottom);
    expect(stateOf(press(top, '', { downArrow: true }, 3, 10))).toBe(top);
    // Scrolling keeps the focus.
    expect(press({ ...onDelete, offset: 0 }, '', { downArrow: true })).toEqual({ state: { ...onDelete, offset: 1 } });
  });

  it('swallows every other key, unchanged (the dialog is modal)', () => {
    const others: [string, Partial<Key>][] = [
      ['q', {}],
      ['d', {}],
      ['D', { shift: true }],
      ['d', { ctrl: true }],
      ['y', { ctrl: true }],
      ['y', { meta: true }],
      ['n', { ctrl: true }],
      [' ', {}],
      ['1', {}],
      ['?', {}],
      ['r', {}],
      ['yes', {}],
      ['', { backspace: true }],
      ['', { delete: true }],
    ];
    for (const [input, overrides] of others) {
      const result = press(start, input, overrides);
      expect(result, JSON.stringify([input, overrides])).toEqual({ state: start });
      expect(stateOf(result)).toBe(start);
    }
  });

  it('ignores key releases (kitty keyboard protocol)', () => {
    expect(press(start, 'y', { eventType: 'release' })).toEqual({ state: start });
    expect(press(onDelete, '\r', { return: true, eventType: 'release' })).toEqual({ state: onDelete });
  });
});

describe('dialogPageSize', () => {
  it('is 1 for one pod, never more than the count, never less than 1', () => {
    expect(dialogPageSize(20, 1)).toBe(1);
    expect(dialogPageSize(40, 5)).toBe(5);
    expect(dialogPageSize(5, 50)).toBe(1);
    expect(dialogPageSize(30, 100)).toBeGreaterThan(dialogPageSize(20, 100));
  });
});

describe('FlashLine', () => {
  const flash = (message: FlashMessage | null, width = 60, monochrome = false) => {
    // Worded and wrapped as the dashboard does it (dashboard/messages.ts), then drawn.
    const { lastFrame, unmount } = render(
      <FlashLine flash={flashOf(message, width, 3)} width={width} monochrome={monochrome} />,
    );
    const raw = lastFrame() ?? '';
    unmount();
    return { raw, text: stripVTControlCharacters(raw) };
  };

  it('shows the message with a symbol per tone', () => {
    expect(flash({ text: 'Deleted pod llama-7', tone: 'success' }).text).toBe(' ✓ Deleted pod llama-7');
    expect(flash({ text: 'Deleted 3 of 4 pods; 1 failed: x', tone: 'error' }).text).toBe(
      ' ✕ Deleted 3 of 4 pods; 1 failed: x',
    );
    expect(flash({ text: 'Deleting is disabled (--read-only)', tone: 'info' }).text).toBe(
      ' • Deleting is disabled (--read-only)',
    );
  });

  it('is one blank line when there is no message', () => {
    const { text } = flash(null);
    expect(text.split('\n')).toHaveLength(1);
    expect(text.trim()).toBe('');
  });

  it('wraps a message too long for one line onto at most three, within the width, and strips escapes', () => {
    const fix =
      'Disk datasets-eu-4 is attached to pod mixtral-8x7b-distill-1 (42292677ed92): delete or detach the pod first';
    const { text } = flash({ text: fix, tone: 'error' }, 60);
    const lines = text.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(60);
    // The fix is there whole, the second line indented under the text.
    expect(lines.map((line) => line.trim()).join(' ')).toContain('delete or detach the pod first');
    expect(lines[1]).toMatch(/^ {3}\S/);
    const long = flash({ text: `evil\u001b[2J ${'x'.repeat(200)}\nsecond line`, tone: 'error' }, 40).text;
    expect(long.split('\n')).toHaveLength(3);
    expect(long.endsWith('…')).toBe(true);
    expect(long).not.toContain('[2J');
  });

  it('colours by tone, and not at all in monochrome', () => {
    expect(flash({ text: 'x', tone: 'error' }).raw).toMatch(ANY_COLOUR);
    expect(flash({ text: 'x', tone: 'error' }, 60, true).raw).not.toMatch(ANY_COLOUR);
    expect(flash({ text: 'x', tone: 'success' }, 60, true).raw).not.toMatch(ANY_COLOUR);
  });
});

describe('useFlash', () => {
  function Harness({
    timeoutMs,
    onReady,
  }: {
    timeoutMs: number;
    onReady: (show: ShowFlash, clear: () => void) => void;
  }): ReactElement {
    const [message, show, clear] = useFlash(timeoutMs);
    useEffect(() => onReady(show, clear), [show, clear, onReady]);
    return <FlashLine flash={flashOf(message, 60, 3)} width={60} />;
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('shows a message, replaces it, and clears it after the timeout counted from the latest', async () => {
    let show: ShowFlash = () => undefined;
    const { lastFrame, unmount } = render(<Harness timeoutMs={300} onReady={(s) => (show = s)} />);
    const text = () => stripVTControlCharacters(lastFrame() ?? '');
    await sleep(10);
    show('first', 'info');
    await sleep(200);
    expect(text()).toContain('first');
    show('second', 'success');
    await sleep(150);
    // 350 ms after "first": its timer would have fired, but "second" restarted it.
    expect(text()).toContain('second');
    await until(() => text().trim() === '');
    unmount();
  });

  it('takes a per-message timeout, clears on demand, and unmounts cleanly with a message pending', async () => {
    let show: ShowFlash = () => undefined;
    let clear: () => void = () => undefined;
    const { lastFrame, unmount } = render(
      <Harness
        timeoutMs={60_000}
        onReady={(s, c) => {
          show = s;
          clear = c;
        }}
      />,
    );
    const text = () => stripVTControlCharacters(lastFrame() ?? '');
    await sleep(10);
    show('quick', 'error', 250);
    await sleep(20);
    expect(text()).toContain('quick');
    await until(() => text().trim() === '');
    show('manual', 'info');
    await sleep(10);
    expect(text()).toContain('manual');
    clear();
    await sleep(10);
    expect(text().trim()).toBe('');
    show('pending at unmount', 'info');
    unmount();
  });
});

/** Polls `predicate` (Ink renders asynchronously), failing after `timeoutMs`. */
async function until(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function stateOf(result: DialogKeyResult): DialogState | undefined {
  return 'state' in result ? result.state : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
