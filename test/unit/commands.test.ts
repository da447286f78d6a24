/** Command mode: what a `:` line means, what Tab offers, and what is remembered. */
import { describe, expect, it } from 'vitest';
import { completions, HISTORY_MAX, parseCommandLine, remember } from '../../src/input/command-line.js';

const sources = {
  teams: ['research', 'infra', 'evals'],
  contexts: ['production', 'staging'],
  columns: ['name', 'status', 'gpu', 'price', 'age'],
};

describe('parseCommandLine', () => {
  it.each([
    ['pods', 'pods'],
    ['po', 'pods'],
    ['pod', 'pods'],
    ['sandboxes', 'sandboxes'],
    ['sb', 'sandboxes'],
    ['disks', 'disks'],
    ['dk', 'disks'],
    ['nodes', 'nodes'],
    ['no', 'nodes'],
    ['history', 'history'],
    ['hi', 'history'],
    ['  PODS  ', 'pods'],
  ])(':%s goes to %s', (line, kind) => {
    expect(parseCommandLine(line)).toEqual({ ok: true, command: { type: 'tab', kind } });
  });

  it('reads the commands that take an argument', () => {
    expect(parseCommandLine('team research')).toEqual({ ok: true, command: { type: 'team', name: 'research' } });
    expect(parseCommandLine('team -')).toEqual({ ok: true, command: { type: 'team', name: null } });
    expect(parseCommandLine('ctx staging')).toEqual({ ok: true, command: { type: 'ctx', name: 'staging' } });
    expect(parseCommandLine('filter status:active label:"a b"')).toEqual({
      ok: true,
      command: { type: 'filter', text: 'status:active label:"a b"' },
    });
    expect(parseCommandLine('filter')).toEqual({ ok: true, command: { type: 'filter', text: '' } });
    expect(parseCommandLine('sort price desc')).toEqual({
      ok: true,
      command: { type: 'sort', column: 'price', descending: true },
    });
    expect(parseCommandLine('sort age')).toEqual({
      ok: true,
      command: { type: 'sort', column: 'age', descending: null },
    });
    expect(parseCommandLine('q')).toEqual({ ok: true, command: { type: 'quit' } });
    expect(parseCommandLine('quit')).toEqual({ ok: true, command: { type: 'quit' } });
    expect(parseCommandLine('help')).toEqual({ ok: true, command: { type: 'help' } });
  });

  it('says in one line what is wrong, and never throws', () => {
    expect(parseCommandLine('pdos')).toEqual({ ok: false, error: 'unknown command :pdos (try :help)' });
    expect(parseCommandLine('pods now')).toEqual({ ok: false, error: ':pods takes nothing after it' });
    expect(parseCommandLine('team')).toMatchObject({
      ok: false,
      error: expect.stringContaining(':team needs a team name'),
    });
    expect(parseCommandLine('ctx')).toMatchObject({ ok: false });
    expect(parseCommandLine('sort')).toMatchObject({ ok: false });
    expect(parseCommandLine('sort price sideways')).toEqual({
      ok: false,
      error: ':sort takes a column and then asc or desc',
    });
    expect(parseCommandLine('')).toMatchObject({ ok: false });
    for (const line of ['\u001b[2J', '::', 'q extra', '\u0000', 'x'.repeat(10_000)]) {
      const result = parseCommandLine(line);
      if (!result.ok) expect(result.error).not.toMatch(/\n/);
    }
  });
});

describe('completions', () => {
  it('completes the command word', () => {
    expect(completions('', sources)).toEqual([
      'disks',
      'sandboxes',
      'pods',
      'nodes',
      'history',
      'availability',
      'team',
      'ctx',
      'filter',
      'sort',
      'watch',
      'watches',
      'unwatch',
      'wallet',
      'whoami',
      'help',
      'quit',
    ]);
    expect(completions('s', sources)).toEqual(['sandboxes', 'sort']);
    expect(completions('po', sources)).toEqual(['pods']);
    expect(completions('zz', sources)).toEqual([]);
  });

  it("completes a command's argument: teams, contexts, columns", () => {
    expect(completions('team ', sources)).toEqual(['team research', 'team infra', 'team evals', 'team -']);
    expect(completions('team e', sources)).toEqual(['team evals']);
    expect(completions('teams R', sources)).toEqual(['team research']);
    expect(completions('ctx s', sources)).toEqual(['ctx staging']);
    expect(completions('sort p', sources)).toEqual(['sort price']);
    expect(completions('filter sta', sources)).toEqual([]);
  });
});

describe('the command history', () => {
  it('keeps lines in order, without a repeat in a row or a blank, and at most HISTORY_MAX', () => {
    let history: string[] = [];
    for (const line of ['pods', 'pods', '  ', 'team infra', 'pods']) history = remember(history, line);
    expect(history).toEqual(['pods', 'team infra', 'pods']);
    for (let i = 0; i < HISTORY_MAX + 10; i++) history = remember(history, `sort ${i}`);
    expect(history).toHaveLength(HISTORY_MAX);
    expect(history.at(-1)).toBe(`sort ${HISTORY_MAX + 9}`);
  });
});
