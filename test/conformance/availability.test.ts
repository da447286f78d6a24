/**
 * Does the simulator's availability market answer as the contract says
 * (spec/prime/availability.schema.json: the official client's models, the
 * published OpenAPI's envelope, parameters and enums)? Checked with Ajv,
 * which shares nothing with the simulator or the client.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type AnySchemaObject } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim/index.js';

const spec = JSON.parse(
  readFileSync(new URL('../../spec/prime/availability.schema.json', import.meta.url), 'utf8'),
) as {
  parameters: { path: string[]; integers: Record<string, { minimum: number; maximum?: number }> };
  $defs: Record<string, { enum?: string[]; required?: string[] }>;
};
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema({ ...(spec as unknown as AnySchemaObject), $id: 'https://spec.invalid/availability.json' });
const validatePage = ajv.compile({ $ref: 'https://spec.invalid/availability.json#/$defs/AvailabilityPage' });
const validateOffer = ajv.compile({ $ref: 'https://spec.invalid/availability.json#/$defs/GpuAvailability' });
const enumOf = (name: string): string[] => spec.$defs[name]?.enum ?? [];

const sim = await startSimulator({ seed: 4, clockMultiplier: 0 });
afterAll(() => sim.close());

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(new URL(path, sim.url), { headers: { authorization: `Bearer ${sim.primeKey}` } });
  return { status: res.status, body: (await res.json()) as unknown };
}

function expectValidPage(body: unknown, what: string): void {
  expect(validatePage(body), `${what}: ${ajv.errorsText(validatePage.errors, { separator: '\n' })}`).toBe(true);
}

describe('GET /api/v1/availability/gpus and /multi-node match spec/prime/availability.schema.json', () => {
  it('is the offer the official client reads', () => {
    expect(spec.$defs['GpuAvailability']?.required).toEqual(
      expect.arrayContaining(['cloudId', 'gpuType', 'stockStatus', 'prices', 'gpuCount', 'security']),
    );
    expect(spec.parameters.integers['page_size']).toMatchObject({ minimum: 1, maximum: 100 });
  });

  it('every page of both endpoints, and filtered ones', async () => {
    const one = sim.control.offers('gpus')[0]!.offer;
    const queries = [
      '',
      '?page=2',
      '?page=2&page_size=100',
      '?page=9',
      '?page_size=10&page=3',
      `?gpu_type=${one.gpuType}`,
      `?gpu_count=${one.gpuCount}&regions=${one.region}&regions=canada`,
      `?socket=${one.socket}&security=${one.security}`,
      `?data_center_id=${encodeURIComponent(one.dataCenter ?? '')}&cloud_id=${encodeURIComponent(one.cloudId)}`,
    ];
    for (const path of spec.parameters.path)
      for (const query of queries) {
        const res = await get(`${path}${query}`);
        expect(res.status, `${path}${query}`).toBe(200);
        expectValidPage(res.body, `${path}${query}`);
      }
    // Two pages of each by default: a client must read past the first.
    for (const path of spec.parameters.path) {
      const first = (await get(path)).body as { items: unknown[]; totalCount: number };
      expect(first.totalCount).toBeGreaterThan(100);
      expect(first.items).toHaveLength(100);
    }
  });

  it('takes every documented enum value and refuses others and out-of-range pages with the documented 422', async () => {
    for (const [parameter, name] of [
      ['gpu_type', 'GPUType'],
      ['regions', 'Regions'],
      ['socket', 'GPUSocket'],
      ['security', 'SecurityType'],
    ] as const) {
      for (const value of enumOf(name))
        expect((await get(`/api/v1/availability/gpus?${parameter}=${value}`)).status, `${parameter}=${value}`).toBe(
          200,
        );
      expect((await get(`/api/v1/availability/gpus?${parameter}=NOT_DOCUMENTED`)).status, parameter).toBe(422);
    }
    for (const query of ['page=0', 'page_size=0', 'page_size=101', 'gpu_count=eight']) {
      const res = await get(`/api/v1/availability/multi-node?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.body, query).toMatchObject({ errors: [expect.objectContaining({ param: expect.any(String) })] });
    }
  });

  it('can fail: broken offers are rejected', () => {
    const good = sim.control.offers('multi-node')[0]!.offer as unknown as Record<string, unknown>;
    expect(validateOffer(good)).toBe(true);
    expect(validateOffer({ ...good, gpuCount: 'eight' })).toBe(false);
    expect(validateOffer({ ...good, gpuType: 'H100' })).toBe(false);
    expect(validateOffer({ ...good, prices: { onDemand: 3 } })).toBe(false);
    const { cloudId: _cloudId, ...withoutCloudId } = good;
    expect(validateOffer(withoutCloudId)).toBe(false);
    expect(validatePage({ items: [] })).toBe(false);
  });
});
