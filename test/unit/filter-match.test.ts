import { describe, expect, it } from 'vitest';
import { checkApplicable, compileFilter, statusCanPass } from '../../src/filter/match.js';
import { parseFilter, type FilterExpression } from '../../src/filter/parse.js';
import { VIEWS } from '../../src/views/index.js';
import { disks, nodes, sandboxes } from '../helpers/fixtures.js';
import { manyFilterRows, rowAccessors, TYPED_FILTER, type FilterRow } from '../helpers/filter-rows.js';

type Row = FilterRow;
const accessors = rowAccessors;

function filterOf(input: string): FilterExpression {
  const result = parseFilter(input);
  if (!result.ok) throw new Error(result.error);
  return result.filter;
}

const rows: Row[] = [
  { id: 'sb-1', name: 'eval-runner', status: 'RUNNING', labels: ['eval', 'team:research'] },
  { id: 'sb-2', name: 'Llama 3 finetune', status: 'PAUSED', labels: ['train', 'team:research'] },
  { id: 'sb-3', name: 'old-eval', status: 'TERMINATED', labels: ['eval'] },
  { id: 'sb-4', name: 'broken', status: 'ERROR', labels: [] },
  { id: 'XYZ-5', name: 'deleting-one', status: 'DELETING', labels: ['Eval'] },
  { id: 'n-6', name: 'node-fra', status: 'HIBERNATING', labels: null },
];

function shown(input: string, showGone = false, from: Row[] = rows): string[] {
  const predicate = compileFilter(filterOf(input), accessors, { showGone });
  return from.filter(predicate).map((row) => row.id);
}

describe('compileFilter', () => {
  it('hides ended resources (TERMINATED, DELETED) unless showGone, but keeps DELETING and STOPPED in view', () => {
    expect(shown('')).toEqual(['sb-1', 'sb-2', 'sb-4', 'XYZ-5', 'n-6']);
    expect(shown('', true)).toEqual(rows.map((row) => row.id));
    const ended = ['TERMINATED', 'DELETED', 'terminated'].map((status, i) => ({
      id: `g${i}`,
      name: 'x',
      status,
      labels: null,
    }));
    expect(shown('', false, ended)).toEqual([]);
    expect(shown('', true, ended)).toHaveLength(ended.length);
    const ending = ['DELETING', 'STOPPED'].map((status, i) => ({ id: `s${i}`, name: 'x', status, labels: null }));
    expect(shown('', false, ending)).toEqual(['s0', 's1']);
  });

  it('shows a gone status the user names in a status: term even with gone hidden', () => {
    expect(shown('status:terminated')).toEqual(['sb-3']);
    expect(shown('status:running,terminated')).toEqual(['sb-1', 'sb-3']);
    expect(shown('-status:running status:terminated,deleting,paused')).toEqual(['sb-2', 'sb-3', 'XYZ-5']);
    expect(shown('eval status:deleting')).toEqual(['XYZ-5']);
    // Naming TERMINATED does not unhide other ended statuses.
    expect(shown('status:terminated', false, [{ id: 'd', name: 'x', status: 'DELETED', labels: null }])).toEqual([]);
    // A negated term names nothing to show.
    expect(shown('-status:terminated')).toEqual(['sb-1', 'sb-2', 'sb-4', 'XYZ-5', 'n-6']);
    expect(shown('-status:terminated', true)).toEqual(['sb-1', 'sb-2', 'sb-4', 'XYZ-5', 'n-6']);
  });

  it('matches statuses case-insensitively as any-of, ANDed across terms', () => {
    expect(shown('status:running,paused')).toEqual(['sb-1', 'sb-2']);
    expect(shown('s:RUNNING,paused s:paused,error')).toEqual(['sb-2']);
    expect(shown('s:running s:paused')).toEqual([]);
    const lower = [{ id: 'l', name: 'x', status: 'running', labels: null }];
    expect(shown('status:RUNNING', false, lower)).toEqual(['l']);
    expect(shown('status:hibernating')).toEqual(['n-6']);
  });

  it('requires ALL label terms, each an exact, case-sensitive match', () => {
    expect(shown('label:eval', true)).toEqual(['sb-1', 'sb-3']);
    expect(shown('label:Eval', true)).toEqual(['XYZ-5']);
    expect(shown('label:eval label:team:research')).toEqual(['sb-1']);
    expect(shown('label:team:research label:train')).toEqual(['sb-2']);
    expect(shown('label:eval label:train')).toEqual([]);
    expect(shown('label:team')).toEqual([]);
    expect(shown('-label:eval', true)).toEqual(['sb-2', 'sb-4', 'XYZ-5', 'n-6']);
  });

  it('treats a row without labels as carrying none', () => {
    expect(shown('label:eval', true).includes('n-6')).toBe(false);
    expect(shown('-label:eval', true).includes('n-6')).toBe(true);
  });

  it('matches text case-insensitively as a substring of name, id or a label', () => {
    expect(shown('llama')).toEqual(['sb-2']);
    expect(shown('LLAMA')).toEqual(['sb-2']);
    expect(shown('"llama 3"')).toEqual(['sb-2']);
    expect(shown('xyz', true)).toEqual(['XYZ-5']);
    expect(shown('research')).toEqual(['sb-1', 'sb-2']);
    expect(shown('team:res')).toEqual(['sb-1', 'sb-2']);
    expect(shown('eval', true)).toEqual(['sb-1', 'sb-3', 'XYZ-5']);
    expect(shown('eval runner')).toEqual(['sb-1']);
  });

  it('never matches text across two fields', () => {
    const row = [{ id: 'abc', name: 'def', status: 'RUNNING', labels: ['ghi'] }];
    expect(shown('defabc', false, row)).toEqual([]);
    expect(shown('cdef', false, row)).toEqual([]);
    expect(shown('"def abc"', false, row)).toEqual([]);
  });

  it('negates text terms', () => {
    expect(shown('-eval')).toEqual(['sb-2', 'sb-4', 'n-6']);
    expect(shown('-eval -llama')).toEqual(['sb-4', 'n-6']);
    expect(shown('eval -runner', true)).toEqual(['sb-3', 'XYZ-5']);
  });

  it('handles unicode case-insensitively', () => {
    const unicode = [{ id: 'u', name: 'Modèle-ÉTÉ 模型', status: 'RUNNING', labels: ['Ωmega'] }];
    expect(shown('été', false, unicode)).toEqual(['u']);
    expect(shown('模型', false, unicode)).toEqual(['u']);
    expect(shown('ωMEGA', false, unicode)).toEqual(['u']);
  });

  it('works with the real views and parsed API rows', () => {
    const filter = filterOf('eval label:env:prod status:running');
    expect(sandboxes.filter(compileFilter(filter, VIEWS.sandboxes, { showGone: false }))).toHaveLength(1);
    expect(
      nodes.filter(compileFilter(filterOf('fra status:available'), VIEWS.nodes, { showGone: false })),
    ).toHaveLength(1);
    expect(
      disks.filter(compileFilter(filterOf('-status:active'), VIEWS.disks, { showGone: false })).map((d) => d.id),
    ).toEqual(['disk-2']);
  });

  it('reads each row afresh, so a changed row is matched by its new values', () => {
    const filter = filterOf('renamed');
    const before = { id: 'r', name: 'old', status: 'RUNNING', labels: null };
    expect(compileFilter(filter, accessors, { showGone: false })(before)).toBe(false);
    // A refetch that changes a row yields a new object (structural sharing).
    expect(compileFilter(filter, accessors, { showGone: false })({ ...before, name: 'renamed' })).toBe(true);
  });

  // How long a keystroke may take is a benchmark budget (`npm run bench -- filter-match`), judged against the machine's speed.
  it('filters 10,000 rows for every keystroke of a filter being typed', () => {
    const many = manyFilterRows(10_000);
    const inputs = TYPED_FILTER;
    const run = () => {
      let total = 0;
      for (const input of inputs)
        total += many.filter(compileFilter(filterOf(input), accessors, { showGone: false })).length;
      return total;
    };
    const total = run();
    expect(total).toBeGreaterThan(0);
    // Again, with the lower-case text of every row cached by the first run: the same rows.
    expect(run()).toBe(total);
  });
});

describe('statusCanPass', () => {
  it('agrees with the row predicate on status alone', () => {
    const filter = filterOf('status:running,terminated -status:running');
    expect(statusCanPass(filter, { showGone: false }, 'terminated')).toBe(true);
    expect(statusCanPass(filter, { showGone: false }, 'RUNNING')).toBe(false);
    expect(statusCanPass(filterOf(''), { showGone: false }, 'DELETED')).toBe(false);
    expect(statusCanPass(filterOf(''), { showGone: true }, 'DELETED')).toBe(true);
    expect(statusCanPass(filterOf('llama'), { showGone: false }, 'NEW_STATUS')).toBe(true);
  });
});

describe('checkApplicable', () => {
  const sandboxesTab = { title: 'Sandboxes', hasLabels: true };
  const disksTab = { title: 'Disks', hasLabels: false };

  it('rejects label: terms on kinds without labels, with a one-line hint', () => {
    expect(checkApplicable(filterOf('label:eval'), disksTab)).toBe(
      "label: filters don't apply to Disks, which have no labels",
    );
    expect(checkApplicable(filterOf('x -l:eval'), { title: 'Nodes', hasLabels: false })).toMatch(
      /^label: .*Nodes[^\n]*$/,
    );
  });

  it('accepts everything else', () => {
    expect(checkApplicable(filterOf('label:eval'), sandboxesTab)).toBeNull();
    expect(checkApplicable(filterOf('status:running llama -x'), disksTab)).toBeNull();
    expect(checkApplicable(filterOf(''), disksTab)).toBeNull();
  });
});
