/**
 * Does the simulator answer for the account as the contract says? Who the
 * key is (spec/prime/user.schema.json: `prime whoami`'s reading and the
 * published WhoamiResponse), and the wallet's billing rows
 * (spec/prime/billing.schema.json: the official client's Wallet and
 * BillingEntry), which must add up to what the wallet was charged. Checked
 * with Ajv, which shares nothing with the simulator or the client.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type AnySchemaObject } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim/index.js';

const addFormats = ((ajvFormats as unknown as { default?: unknown }).default ?? ajvFormats) as (
  ajv: Ajv2020,
) => Ajv2020;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const load = (file: string): void => {
  const schema = JSON.parse(readFileSync(new URL(`../../spec/prime/${file}`, import.meta.url), 'utf8')) as object;
  ajv.addSchema({ ...(schema as AnySchemaObject), $id: `https://spec.invalid/${file}` });
};
load('user.schema.json');
load('billing.schema.json');
const validateWhoami = ajv.compile({ $ref: 'https://spec.invalid/user.schema.json#/$defs/WhoamiEnvelope' });
const validateWallet = ajv.compile({ $ref: 'https://spec.invalid/billing.schema.json#/$defs/Wallet' });

const HOUR = 3_600_000;
const sim = await startSimulator({ seed: 8, clockMultiplier: 0, churn: false });
afterAll(() => sim.close());

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(new URL(path, sim.url), { headers: { authorization: `Bearer ${sim.primeKey}` } });
  return { status: res.status, body: (await res.json()) as unknown };
}

function expectValid(validate: typeof validateWhoami, body: unknown, what: string): void {
  expect(validate(body), `${what}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`).toBe(true);
}

interface Row {
  created_at: string;
  last_billed_at: string;
  amount_usd: number;
  resource_type: string;
  resource_id: string;
}
interface WalletBody {
  balance_usd: number;
  total_billings: number;
  recent_billings: Row[];
}

describe('GET /api/v1/user/whoami matches spec/prime/user.schema.json', () => {
  it('is wrapped in data, with a scope of {read, write} or null per permission', async () => {
    const res = await get('/api/v1/user/whoami');
    expect(res.status).toBe(200);
    expectValid(validateWhoami, res.body, 'whoami');
    const { data } = res.body as { data: { scope: Record<string, unknown>; email: string } };
    expect(data.scope['instances']).toEqual({ read: true, write: true });
  });

  it('follows the scope the control API sets, and the API refuses what it denies', async () => {
    const pod = sim.control.list('pods').find((candidate) => candidate.status === 'ACTIVE')!;
    sim.control.setScope({ ...sim.control.whoami().data.scope, instances: { read: true, write: false }, disks: null });
    try {
      const res = await get('/api/v1/user/whoami');
      expectValid(validateWhoami, res.body, 'read-only whoami');
      expect((res.body as { data: { scope: unknown } }).data.scope).toMatchObject({
        instances: { read: true, write: false },
        disks: null,
      });
      expect((await get('/api/v1/pods')).status).toBe(200);
      expect((await get('/api/v1/disks')).status).toBe(403);
      const refused = await fetch(new URL(`/api/v1/pods/${pod.id}`, sim.url), {
        method: 'DELETE',
        headers: { authorization: `Bearer ${sim.primeKey}` },
      });
      expect(refused.status).toBe(403);
      expect(sim.control.get('pods', pod.id)?.status).toBe('ACTIVE');
    } finally {
      sim.control.setScope({});
    }
    // An empty scope (a key from before scopes) may do everything.
    expect((await get('/api/v1/disks')).status).toBe(200);
  });

  it('can fail: a whoami without its envelope, or with a scope of words, is rejected', async () => {
    const { data } = (await get('/api/v1/user/whoami')).body as { data: Record<string, unknown> };
    expect(validateWhoami(data)).toBe(false);
    expect(validateWhoami({ data: { ...data, scope: { instances: 'read_write' } } })).toBe(false);
    const { email: _email, ...withoutEmail } = data;
    expect(validateWhoami({ data: withoutEmail })).toBe(false);
  });
});

describe("the wallet's recent_billings (spec/prime/billing.schema.json)", () => {
  it('are BillingEntry rows, newest first, naming the pods and disks they bill', async () => {
    const res = await get('/api/v1/billing/wallet?limit=100');
    expectValid(validateWallet, res.body, 'wallet');
    const wallet = res.body as WalletBody;
    expect(wallet.recent_billings.length).toBe(100);
    expect(wallet.total_billings).toBeGreaterThanOrEqual(100);
    const billed = wallet.recent_billings.map((row) => Date.parse(row.last_billed_at));
    expect(billed).toEqual([...billed].sort((a, b) => b - a));
    const pods = new Set(sim.control.list('pods').map((pod) => pod.id));
    const disks = new Set(sim.control.list('disks').map((disk) => disk.id));
    for (const row of wallet.recent_billings) {
      expect(['compute', 'disks']).toContain(row.resource_type);
      expect((row.resource_type === 'compute' ? pods : disks).has(row.resource_id)).toBe(true);
    }
    const offset = (await get('/api/v1/billing/wallet?limit=5&offset=5')).body as WalletBody;
    expect(offset.recent_billings).toEqual(wallet.recent_billings.slice(5, 10));
  });

  it('add up to what the wallet was charged, and the last hour of them to the burn rate', async () => {
    const everyRow = async (): Promise<Row[]> => {
      const rows: Row[] = [];
      for (let offset = 0; ; offset += 100) {
        const page = (await get(`/api/v1/billing/wallet?limit=100&offset=${offset}`)).body as WalletBody;
        rows.push(...page.recent_billings);
        if (page.recent_billings.length < 100) return rows;
      }
    };
    const total = (rows: Row[]): number => rows.reduce((sum, row) => sum + row.amount_usd, 0);
    const before = { wallet: sim.control.wallet(), billed: total(await everyRow()) };
    sim.control.advance(2 * HOUR);
    const after = { wallet: sim.control.wallet(), rows: await everyRow() };
    const charged = after.wallet.charged - before.wallet.charged;
    expect(charged).toBeGreaterThan(0);
    // What the rows gained is what the wallet was charged, to the rows' hundredths of a cent.
    expect(Math.abs(total(after.rows) - before.billed - charged)).toBeLessThan(after.rows.length * 0.0001);
    expect(before.wallet.balance - after.wallet.balance).toBeCloseTo(charged, 6);
    // Nothing changed state (no churn): the last hour of the rows, each read as billed evenly, is the burn rate.
    const now = sim.control.now();
    const lastHour = after.rows.reduce((sum, row) => {
      const from = Date.parse(row.created_at);
      const to = Date.parse(row.last_billed_at);
      const overlap = Math.max(0, Math.min(to, now) - Math.max(from, now - HOUR));
      return sum + (to > from ? (row.amount_usd * overlap) / (to - from) : 0);
    }, 0);
    expect(lastHour).toBeCloseTo(after.wallet.burnRate, 1);
  });
});
