/**
 * Money: formatting, what each resource bills, the account's total, the
 * runway at its edges, the burn rate's story and sparklines. Expected figures
 * are worked out by hand in the comments, not by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { BurnRateHistory, sumRates, TREND_STEP_MS, TREND_STEPS } from '../../src/billing/burn-rate.js';
import { describeRunway, runwayLevel, runwayMs } from '../../src/billing/runway.js';
import { TrendStore } from '../../src/changes/trends.js';
import { billedRate, hourlyRate } from '../../src/views/billing.js';
import { dollars, perHour, signedPerHour, span } from '../../src/views/format.js';
import { podsView } from '../../src/views/pods.js';
import { disksView } from '../../src/views/disks.js';
import { canDrawSparklines, sparkline } from '../../src/views/sparkline.js';
import { disks, pod } from '../helpers/fixtures.js';

const HOUR = 3_600_000;

describe('money formatting', () => {
  it.each([
    [0, '$0.00'],
    [0.004, '$0.00'],
    [0.005, '$0.01'],
    [3.1, '$3.10'],
    [143.2, '$143.20'],
    [1204.5, '$1,204.50'],
    [1234567.891, '$1,234,567.89'],
    [999.995, '$1,000.00'],
    [-3.1, '-$3.10'],
    [-0.001, '$0.00'],
  ])('dollars(%s) is %s', (value, text) => {
    expect(dollars(value)).toBe(text);
  });

  it('writes rates and their changes with a sign', () => {
    expect(perHour(143.2)).toBe('$143.20/hr');
    expect(signedPerHour(3.2)).toBe('+$3.20/hr');
    expect(signedPerHour(-0.45)).toBe('-$0.45/hr');
    expect(signedPerHour(0)).toBe('+$0.00/hr');
  });

  it('writes spans of time in the largest two units', () => {
    expect(span(59_999)).toBe('59s');
    expect(span(45 * 60_000)).toBe('45m');
    expect(span(3 * HOUR + 12 * 60_000)).toBe('3h12m');
    expect(span(8 * 24 * HOUR + 10 * HOUR + 26 * 60_000)).toBe('8d10h');
    expect(span(null)).toBe('-');
  });
});

describe('what a resource bills', () => {
  const prices = { priceHr: 19.92, stoppedPriceHr: 0.08, provisioningPriceHr: 1.5 };

  it.each([
    ['ACTIVE', 19.92],
    ['UNKNOWN', 19.92],
    ['STOPPED', 0.08],
    ['PROVISIONING', 1.5],
    ['PENDING', 1.5],
    ['ERROR', 0],
    ['DELETING', 0],
    ['TERMINATED', 0],
    ['active', 19.92],
    ['HIBERNATING', 19.92],
  ])('%s bills %s an hour', (status, rate) => {
    expect(hourlyRate(status, prices)).toBe(rate);
  });

  it('counts a missing, negative or non-finite price as nothing, and shows a missing one as unknown', () => {
    expect(hourlyRate('STOPPED', { priceHr: 2 })).toBe(0);
    expect(billedRate('STOPPED', { priceHr: 2 })).toBeNull();
    expect(hourlyRate('ACTIVE', { priceHr: null })).toBe(0);
    expect(billedRate('ACTIVE', { priceHr: null })).toBeNull();
    expect(hourlyRate('ACTIVE', { priceHr: -4 })).toBe(0);
    expect(hourlyRate('ACTIVE', { priceHr: Number.NaN })).toBe(0);
    expect(billedRate('ERROR', { priceHr: null })).toBe(0);
  });

  it("sums an account's pods by their status and price", () => {
    const pods = [
      pod('a', { status: 'ACTIVE', priceHr: 19.92 }),
      pod('b', { status: 'ACTIVE', priceHr: 2.5 }),
      pod('c', { status: 'STOPPED', priceHr: 9.91, stoppedPriceHr: 0.06 }),
      pod('d', { status: 'PROVISIONING', priceHr: 34.88, provisioningPriceHr: 0 }),
      pod('e', { status: 'TERMINATED', priceHr: 5 }),
      pod('f', { status: 'ERROR', priceHr: 0.64 }),
    ];
    // 19.92 + 2.50 + 0.06 + 0 + 0 + 0 = 22.48
    expect(sumRates(pods, podsView.burnRate!)).toBeCloseTo(22.48, 10);
    // The fixture disks: ACTIVE at $0.05, PROVISIONING without a provisioning price.
    expect(sumRates(disks, disksView.burnRate!)).toBeCloseTo(0.05, 10);
    expect(podsView.total?.describe(22.48)).toBe('$22.48/hr');
  });
});

describe('runway', () => {
  it('is the balance over the rate', () => {
    expect(runwayMs(1000, 10)).toBe(100 * HOUR);
    // $1,204.50 at $5.95/hr: 202.44 h, 8 days and 10 hours.
    expect(describeRunway(runwayMs(1204.5, 5.95))).toBe('≈ 8d10h left');
  });

  it('handles nothing billing, nothing left and a debt', () => {
    expect(runwayMs(500, 0)).toBe(Infinity);
    expect(describeRunway(Infinity)).toBe('nothing billing');
    expect(runwayMs(0, 0)).toBe(Infinity);
    expect(runwayMs(0, 12)).toBe(0);
    expect(runwayMs(-30, 12)).toBe(0);
    expect(describeRunway(0)).toBe('balance spent');
    expect(describeRunway(30_000)).toBe('under a minute left');
  });

  it('warns below a day and alerts below two hours', () => {
    expect(runwayLevel(Infinity)).toBe('ok');
    expect(runwayLevel(24 * HOUR)).toBe('ok');
    expect(runwayLevel(24 * HOUR - 1)).toBe('warning');
    expect(runwayLevel(2 * HOUR)).toBe('warning');
    expect(runwayLevel(2 * HOUR - 1)).toBe('alert');
    expect(runwayLevel(0)).toBe('alert');
  });
});

describe('BurnRateHistory', () => {
  const T0 = Date.parse('2026-11-30T12:00:00Z');

  it('learns each kind on its first poll and reports later changes of the total', () => {
    const history = new BurnRateHistory();
    expect(history.total()).toBeNull();
    expect(history.observe('pods', 100, T0)).toBeNull();
    expect(history.observe('disks', 2.5, T0 + 1000)).toBeNull();
    expect(history.total()).toBeCloseTo(102.5, 10);
    expect(history.observe('pods', 100.004, T0 + 5000)).toBeNull();
    expect(history.observe('pods', 119.92, T0 + 10_000)).toEqual({ kind: 'pods', from: 102.504, to: 122.42 });
    expect(history.observe('disks', 0, T0 + 15_000)).toEqual({ kind: 'disks', from: 122.42, to: 119.92 });
  });

  it('keeps one value per five minutes over the last hour, the same array while nothing changes', () => {
    const history = new BurnRateHistory();
    for (let i = 0; i < 30; i++) history.observe('pods', i, T0 + i * TREND_STEP_MS);
    const trend = history.trend();
    expect(trend).toHaveLength(TREND_STEPS);
    expect(trend).toEqual(Array.from({ length: 12 }, (_, i) => 18 + i));
    history.observe('pods', 29, T0 + 29 * TREND_STEP_MS + 1000);
    expect(history.trend()).toBe(trend);
    history.observe('pods', 31, T0 + 29 * TREND_STEP_MS + 2000);
    expect(history.trend().at(-1)).toBe(31);
  });
});

describe('sparkline', () => {
  it('draws readings on a fixed scale', () => {
    // 0 → lowest, 50 → round(3.5) = 4 → ▅, 100 → highest.
    expect(sparkline([0, 50, 100], 10, { min: 0, max: 100 })).toBe('▁▅█');
  });

  it("uses the readings' own range without a scale, and a middle line when they are all equal", () => {
    expect(sparkline([10, 20, 30], 10)).toBe('▁▅█');
    expect(sparkline([7, 7, 7], 10)).toBe('▄▄▄');
  });

  it('keeps the newest readings that fit, and draws nothing without readings', () => {
    expect(sparkline([100, 0, 0, 100], 2, { min: 0, max: 100 })).toBe('▁█');
    expect(sparkline([], 8)).toBe('');
    expect(sparkline([1, 2], 0)).toBe('');
  });

  it('is drawn only in a UTF-8 locale and with colours allowed', () => {
    expect(canDrawSparklines({ LANG: 'en_US.UTF-8' })).toBe(true);
    expect(canDrawSparklines({ LC_ALL: 'C.utf8', LANG: 'C' })).toBe(true);
    expect(canDrawSparklines({ LC_ALL: 'C', LANG: 'en_US.UTF-8' })).toBe(false);
    expect(canDrawSparklines({ LANG: 'POSIX' })).toBe(false);
    expect(canDrawSparklines({})).toBe(false);
    expect(canDrawSparklines({ LANG: 'en_US.UTF-8', NO_COLOR: '1' })).toBe(false);
  });
});

describe('TrendStore', () => {
  type Row = { id: string; load: number | null; at: number };
  const spec = {
    label: 'load',
    read: (row: Row) => (row.load === null ? null : { value: row.load, at: row.at }),
    scale: {},
    format: String,
  };

  it('keeps one reading per measurement, at most its capacity, and forgets rows unseen for an hour', () => {
    const store = new TrendStore<Row>(spec, (row) => row.id, 3);
    const T0 = 1_000_000;
    store.observe([{ id: 'a', load: 10, at: 1 }], T0);
    store.observe([{ id: 'a', load: 10, at: 1 }], T0 + 5000);
    expect(store.readings('a')).toEqual([10]);
    for (let i = 2; i <= 5; i++)
      store.observe(
        [
          { id: 'a', load: i * 10, at: i },
          { id: 'b', load: null, at: i },
        ],
        T0 + i * 5000,
      );
    expect(store.readings('a')).toEqual([30, 40, 50]);
    expect(store.readings('b')).toEqual([]);
    store.observe([], T0 + 30 * 60_000);
    expect(store.size).toBe(1);
    store.observe([], T0 + 25_000 + 60 * 60_000 + 1);
    expect(store.size).toBe(0);
  });
});
