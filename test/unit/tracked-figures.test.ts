/**
 * Figures a view tracks beside the status (ResourceView.tracked): a change
 * of one is a transition like a status change, with its own event line and
 * the figure's old text on the row's mark. Through the real tracker, with
 * the Availability view's own declaration.
 */
import { describe, expect, it } from 'vitest';
import type { Offer } from '../../src/api/prime/offers.js';
import { TransitionTracker } from '../../src/changes/tracker.js';
import { describeTransition, isFailureTransition, type Snapshot } from '../../src/changes/transition.js';
import { VIEWS } from '../../src/views/index.js';
import { offer } from '../helpers/offers.js';

const T0 = Date.UTC(2026, 3, 1, 9, 0, 0);
const view = VIEWS.availability;
const snap = (rows: readonly Offer[], partial = false): Snapshot<Offer> => ({
  rows,
  partial,
  getId: view.getId,
  getName: view.getName,
  getStatus: view.getStatus,
  tracked: view.tracked,
});
const priced = (onDemand: number | null, raw: Record<string, unknown> = {}) =>
  offer({ prices: { onDemand, communityPrice: null, isVariable: null, currency: 'USD' }, gpuCount: 8, ...raw });

describe('tracked figures', () => {
  it('a price that moves is a transition of its own, said with its Δ, and the row keeps its old text', () => {
    const tracker = new TransitionTracker({ highlightMs: 10_000 });
    const before = priced(27.92);
    expect(tracker.observe('availability', snap([before]), T0)).toEqual([]);
    const after = priced(19.92);
    const [transition, ...more] = tracker.observe('availability', snap([after]), T0 + 60_000);
    expect(more).toEqual([]);
    expect(transition).toMatchObject({
      kind: 'changed',
      id: after.id,
      value: 'price',
      from: '$27.92',
      to: '$19.92/hr (-$8.00)',
    });
    expect(describeTransition(transition!)).toBe('price $27.92 → $19.92/hr (-$8.00)');
    expect(isFailureTransition(transition!)).toBe(false);
    const mark = tracker.marks('availability', T0 + 60_001).get(after.id);
    expect(mark).toMatchObject({ kind: 'changed', from: null, to: 'Low', values: { price: '$27.92' } });
    expect(tracker.events()[0]).toBe(transition);
  });

  it('stock and price moving in one poll: two events, one mark carrying both', () => {
    const tracker = new TransitionTracker({ highlightMs: 10_000 });
    tracker.observe('availability', snap([priced(27.92)]), T0);
    const after = priced(30, { stockStatus: 'High' });
    const found = tracker.observe('availability', snap([after]), T0 + 1);
    expect(found.map(describeTransition)).toEqual(['Low → High', 'price $27.92 → $30.00/hr (+$2.08)']);
    expect(tracker.marks('availability', T0 + 2).get(after.id)).toMatchObject({
      from: 'Low',
      to: 'High',
      values: { price: '$27.92' },
    });
  });

  it('nothing moved, nothing told; a price appearing or going is told too', () => {
    const tracker = new TransitionTracker({ highlightMs: 10_000 });
    tracker.observe('availability', snap([priced(27.92)]), T0);
    expect(tracker.observe('availability', snap([priced(27.92)]), T0 + 1)).toEqual([]);
    expect(tracker.observe('availability', snap([priced(null)]), T0 + 2).map(describeTransition)).toEqual([
      'price $27.92 → n/a',
    ]);
    expect(tracker.observe('availability', snap([priced(3)]), T0 + 3).map(describeTransition)).toEqual([
      'price n/a → $3.00/hr',
    ]);
  });

  it('an offer that appears or goes is added or removed, by its stock, as any row', () => {
    const tracker = new TransitionTracker({ highlightMs: 10_000 });
    const kept = priced(27.92);
    const other = priced(2, { dataCenter: 'CA-MTL-3', stockStatus: 'High' });
    tracker.observe('availability', snap([kept]), T0);
    expect(tracker.observe('availability', snap([kept, other]), T0 + 1).map(describeTransition)).toEqual([
      'new (High)',
    ]);
    expect(tracker.observe('availability', snap([kept]), T0 + 2).map(describeTransition)).toEqual(['gone (was High)']);
    expect(tracker.ghosts('availability', T0 + 3).map((ghost) => ghost.row)).toEqual([other]);
  });

  it('a view that tracks nothing is compared by status alone, as before', () => {
    const tracker = new TransitionTracker({ highlightMs: 10_000 });
    const plain = { ...snap([priced(27.92)]), tracked: undefined };
    tracker.observe('availability', plain, T0);
    expect(tracker.observe('availability', { ...plain, rows: [priced(1)] }, T0 + 1)).toEqual([]);
  });

  it('a note with its own words is told as they are, cleaned', () => {
    const tracker = new TransitionTracker({ highlightMs: 10_000 });
    const note = tracker.note(
      'availability',
      { id: 'x', name: 'n', from: null, to: null, text: 'matches watch 1\u001b[2J' },
      T0,
    );
    expect(describeTransition(note)).toBe('matches watch 1');
    expect(isFailureTransition(note)).toBe(false);
  });
});
