/**
 * The account as the official client reads it: the wallet's billing rows
 * (what the last hour cost, what each resource was billed) and the key's
 * permissions (what cloudtop withholds for them), as pure functions.
 */
import { describe, expect, it } from 'vitest';
import { walletSchema, whoamiSchema, type Wallet } from '../../src/api/prime/account.js';
import { billedByResource, billedInLastHour, differsFromRate } from '../../src/billing/billings.js';
import { billedEntries, walletEntries } from '../../src/billing/money-detail.js';
import { keyPermission, keyWithholds } from '../../src/data/permissions.js';
import { VIEWS } from '../../src/views/index.js';

const NOW = Date.parse('2026-08-19T12:00:00Z');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

/** A row billing `id` `amount` from `from` to `to` minutes ago. */
const row = (id: string, amount: number, from: number, to: number, type = 'compute') => ({
  id: `row-${id}-${from}`,
  created_at: at(from),
  updated_at: at(to),
  last_billed_at: at(to),
  amount_usd: amount,
  currency: 'USD',
  resource_type: type,
  resource_id: id,
});

const wallet = (rows: unknown[], total = rows.length): Wallet =>
  walletSchema.parse({
    wallet_id: 'w',
    balance_usd: 100,
    currency: 'USD',
    total_billings: total,
    recent_billings: rows,
  });

describe('the last hour, from the billing rows', () => {
  it('takes each row’s share of the hour, billed evenly over its span', () => {
    // An hourly row from 90 to 30 minutes ago ($6: $0.10 a minute) has 30 minutes in the hour; the open one all 30 of its.
    const rows = [row('a', 3, 30, 0), row('a', 6, 90, 30)];
    expect(billedInLastHour(wallet(rows), NOW)).toBeCloseTo(6);
    expect(differsFromRate(6, 6.5)).toBe(false);
    expect(differsFromRate(6, 7)).toBe(true);
    expect(differsFromRate(0.004, 0)).toBe(false);
  });

  it('cannot say when the rows read stop inside the hour with more unread, or billing began inside it', () => {
    expect(billedInLastHour(wallet([row('a', 3, 30, 0), row('b', 1, 40, 20)], 50), NOW)).toBeNull();
    expect(billedInLastHour(wallet([row('a', 3, 30, 0)]), NOW)).toBeNull();
    expect(billedInLastHour(wallet([]), NOW)).toBeNull();
    // Every row read, and one began before the hour: it can.
    expect(billedInLastHour(wallet([row('a', 3, 30, 0), row('b', 2, 120, 100)]), NOW)).toBeCloseTo(3);
  });

  it('reads a row without last_billed_at by its updated_at, as `prime wallet` dates it, and leaves out a row without an amount', () => {
    const parsed = wallet(
      [
        { ...row('a', 1, 90, 30), last_billed_at: null },
        { id: 'x', resource_type: 'disks' },
      ],
      1,
    );
    expect(parsed.recent_billings).toHaveLength(1);
    expect(billedInLastHour(parsed, NOW)).toBeCloseTo(0.5);
  });

  it('says what the rows billed each resource they name, and since when', () => {
    const billed = billedByResource(
      wallet([row('a', 3, 30, 0), row('a', 6, 90, 30), row('d', 0.004, 90, 0, 'disks')], 9),
    );
    expect(billed.get('a')).toEqual({ amount: 9, since: NOW - 90 * 60_000, whole: false });
    expect(billedEntries(billed.get('a'), NOW)).toEqual([
      { key: 'Billed so far', value: '$9.00 in the billing rows read, since 1h30m ago' },
    ]);
    expect(billedEntries(billed.get('d'), NOW)[0]?.value).toMatch(/^\$0\.0040 /);
    expect(billedEntries(undefined, NOW)).toEqual([]);
  });

  it('lists the rows in the wallet pane by the names the lists know', () => {
    const entries = walletEntries({
      wallet: wallet([row('p1', 3, 30, 0), row('gone', 6, 90, 30)], 2),
      money: { burn: 12, trend: [], balance: 100, runwayMs: 8 * 3_600_000, billedLastHour: null },
      nameOf: (id) => (id === 'p1' ? 'pod llama-serve' : undefined),
      now: NOW,
    });
    const text = entries.map((entry) => `${entry.key} | ${entry.value}`).join('\n');
    expect(text).toContain('Balance | $100.00 USD');
    expect(text).toContain('Burn rate | $12.00/hr, ≈ 8h left');
    expect(text).toContain('Last hour | $6.00 billed, less than the $12.00/hr the lists add up to (50% less)');
    expect(text).toMatch(/0s ago \|\s+\$3\.00 {2}pod llama-serve/);
    expect(text).toMatch(/30m ago \|\s+\$6\.00 {2}compute gone/);
  });
});

describe("the key's permissions, as whoami says them", () => {
  const whoami = (scope: unknown) => whoamiSchema.parse({ data: { name: 'Ada', email: 'a@x', scope }, status: 'ok' });

  it('reads scope as `prime whoami` does: {read, write} or null per name, anything else left out', () => {
    const me = whoami({ Instances: { read: true, write: false }, disks: null, sandboxes: 'rw' });
    expect(me.scope).toEqual({ Instances: { read: true, write: false }, disks: null });
    expect(() => whoamiSchema.parse({ name: 'Ada' })).toThrow();
  });

  it('withholds what destroys where the key may not write, in any letter case, and nothing it cannot tell', () => {
    const me = whoami({ Instances: { read: true, write: false }, disks: null, sandboxes: { read: true, write: true } });
    const destroys = { destructive: true };
    expect(keyPermission(me, VIEWS.pods)).toEqual({ read: true, write: false });
    expect(keyWithholds(me, VIEWS.pods, destroys)).toBe('this key is read-only for pods');
    expect(keyWithholds(me, VIEWS.pods, { destructive: false })).toBeNull();
    expect(keyWithholds(me, VIEWS.disks, destroys)).toBe('this key has no permission for disks');
    expect(keyWithholds(me, VIEWS.sandboxes, destroys)).toBeNull();
    // Unknown: whoami not read, a scope that names nothing cloudtop knows, a view without a permission.
    expect(keyWithholds(null, VIEWS.pods, destroys)).toBeNull();
    expect(keyWithholds(whoami({ billing: { read: true, write: false } }), VIEWS.pods, destroys)).toBeNull();
    expect(keyWithholds(me, VIEWS.nodes, destroys)).toBeNull();
  });
});
