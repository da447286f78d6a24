/** `since:` — "what did this week cost": rows whose time falls within a span before now. */
import { describe, expect, it } from 'vitest';
import { checkApplicable, compileFilter } from '../../src/filter/match.js';
import { formatTerms, parseFilter, spanMs } from '../../src/filter/parse.js';
import { VIEWS } from '../../src/views/index.js';
import { history } from '../helpers/fixtures.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const HOUR = 3_600_000;
const ended = (hoursAgo: number | null) => ({
  id: `e-${hoursAgo}`,
  terminatedAt: hoursAgo === null ? null : new Date(NOW - hoursAgo * HOUR).toISOString(),
});
const rows = [ended(1), ended(23.9), ended(24.1), ended(6 * 24), ended(8 * 24), ended(null)];
const accessors = { ...VIEWS.history, getTime: (row: { terminatedAt: string | null }) => row.terminatedAt } as never;

function shown(input: string): string[] {
  const parsed = parseFilter(input);
  if (!parsed.ok) throw new Error(parsed.error);
  const passes = compileFilter(parsed.filter, accessors, { showGone: false, now: NOW }) as (row: unknown) => boolean;
  return rows.filter(passes).map((row) => row.id);
}

describe('since:', () => {
  it('reads minutes, hours, days and weeks', () => {
    expect(spanMs('30m')).toBe(30 * 60_000);
    expect(spanMs('24h')).toBe(24 * HOUR);
    expect(spanMs('7D')).toBe(7 * 24 * HOUR);
    expect(spanMs('2w')).toBe(14 * 24 * HOUR);
    expect(spanMs('1.5d')).toBeNull();
    expect(spanMs('week')).toBeNull();
  });

  it('keeps rows whose time is within the span, and leaves out rows without one', () => {
    expect(shown('since:24h')).toEqual(['e-1', 'e-23.9']);
    expect(shown('since:7d')).toEqual(['e-1', 'e-23.9', 'e-24.1', 'e-144']);
    expect(shown('since:1w')).toEqual(shown('since:7d'));
  });

  it('negated, keeps what is older (and what has no time)', () => {
    expect(shown('-since:7d')).toEqual(['e-192', 'e-null']);
    expect(shown('since:7d -since:24h')).toEqual(['e-24.1', 'e-144']);
  });

  it('says what a span looks like when it is not one, naming the column', () => {
    expect(parseFilter('gpu since:soon')).toEqual({
      ok: false,
      error: 'since: needs a span such as 30m, 24h, 7d or 2w at column 5',
    });
    expect(parseFilter('since:')).toMatchObject({ ok: false });
  });

  it('writes itself back canonically, and a quoted one is text', () => {
    const parsed = parseFilter('SINCE:7D');
    expect(parsed.ok && formatTerms(parsed.filter.terms)).toBe('since:7d');
    const quoted = parseFilter('"since:soon"');
    expect(quoted.ok && quoted.filter.terms).toEqual([{ field: 'text', values: ['since:soon'], negate: false }]);
  });

  it('applies to every view that has a time, which is all but the offers', () => {
    const filter = parseFilter('since:7d');
    if (!filter.ok) throw new Error(filter.error);
    for (const view of Object.values(VIEWS))
      if (view.kind !== 'availability') expect(checkApplicable(filter.filter, view)).toBeNull();
    expect(checkApplicable(filter.filter, VIEWS.availability)).toBe(
      "since: filters don't apply to Availability, which have no time to measure",
    );
    expect(checkApplicable(filter.filter, { title: 'Things', hasLabels: false })).toBe(
      "since: filters don't apply to Things, which have no time to measure",
    );
  });

  it("measures history by when a pod ended: the fixture's pod that ended a day ago is this week's, the one ten days ago is not", () => {
    const parsed = parseFilter('since:7d');
    if (!parsed.ok) throw new Error(parsed.error);
    const passes = compileFilter(parsed.filter, VIEWS.history, { showGone: false });
    expect(history.filter(passes).map((entry) => entry.id)).toEqual(['h-1']);
  });
});
