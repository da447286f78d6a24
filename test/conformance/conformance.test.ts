/**
 * Does the simulator answer as the services' contract says? Checked with a
 * validator that shares nothing with the simulator or the client: the
 * schemas are the machine-readable contract in spec/ (written down from the
 * official docs and clients; see spec/README.md).
 *
 * - Prime endpoints with an OpenAPI block (spec/prime/*.openapi.yaml): the
 *   response schemas (OpenAPI 3.1 = JSON Schema 2020-12) validated with Ajv.
 * - The pod object (spec/prime/pod.schema.json) and the Dispersed node list
 *   (spec/dispersed/*): JSON Schema and the documented parameter ranges.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type AnySchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { signatureHeaders } from '../../src/api/dispersed/signing.js';
import { startSimulator } from '../../src/sim/index.js';

const SPEC_DIR = new URL('../../spec/', import.meta.url);
const readSpec = (name: string): string => readFileSync(new URL(name, SPEC_DIR), 'utf8');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

// ajv-formats is CommonJS with `module.exports = plugin`; reach the function whichever way the loader exposes it.
const addFormats = ((ajvFormats as unknown as { default?: unknown }).default ?? ajvFormats) as (
  ajv: Ajv2020,
) => Ajv2020;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

// --- OpenAPI blocks -----------------------------------------------------------------------------

interface OpenApiDoc {
  id: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: AnySchemaObject }> }> }>
  >;
}

/** Every `#/components/schemas/X` becomes `#/$defs/X`, so the components are plain JSON Schema definitions. */
function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string'
        ? value.replace('#/components/schemas/', '#/$defs/')
        : rewriteRefs(value);
  }
  return out;
}

const openApi = new Map<string, OpenApiDoc>();

function loadOpenApi(file: string): OpenApiDoc {
  const cached = openApi.get(file);
  if (cached) return cached;
  const parsed = parseYaml(readSpec(file)) as JsonObject;
  const components = ((parsed['components'] as JsonObject | undefined)?.['schemas'] ?? {}) as JsonObject;
  const id = `https://spec.invalid/${file}.json`;
  ajv.addSchema({ $id: id, $defs: rewriteRefs(components) } as AnySchemaObject);
  const doc: OpenApiDoc = { id, paths: parsed['paths'] as unknown as OpenApiDoc['paths'] };
  openApi.set(file, doc);
  return doc;
}

function responseValidator(file: string, path: string, method: string, status: string): ValidateFunction {
  const doc = loadOpenApi(file);
  const schema = doc.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema;
  if (!schema)
    throw new Error(`conformance: ${file} documents no JSON ${status} response for ${method.toUpperCase()} ${path}`);
  const ref = (schema as { $ref?: string }).$ref;
  if (!ref) throw new Error(`conformance: expected a $ref response schema in ${file}`);
  return ajv.compile({ $ref: `${doc.id}${ref.replace('#/components/schemas/', '#/$defs/')}` });
}

const DISKS = 'prime/disks-list.openapi.yaml';
const PODS_STATUS = 'prime/pods-status.openapi.yaml';
const SANDBOXES = 'prime/sandboxes-list.openapi.yaml';
const SANDBOX_DELETE = 'prime/sandbox-delete.openapi.yaml';

/** A validator for one component schema of an OpenAPI block (a request body's). */
function componentValidator(file: string, name: string): ValidateFunction {
  return ajv.compile({ $ref: `${loadOpenApi(file).id}#/$defs/${name}` });
}

/** A JSON Schema file of spec/ with `$defs`, and a validator for one of them. */
function definitionValidator(file: string, name: string): ValidateFunction {
  const id = `https://spec.invalid/${file}`;
  if (!ajv.getSchema(id)) ajv.addSchema({ ...(JSON.parse(readSpec(file)) as AnySchemaObject), $id: id });
  return ajv.compile({ $ref: `${id}#/$defs/${name}` });
}

function definition(file: string, name: string): JsonObject {
  return ((JSON.parse(readSpec(file)) as JsonObject)['$defs'] as JsonObject)[name] as JsonObject;
}

// --- Against a live simulator --------------------------------------------------------------------

const sim = await startSimulator({
  seed: 11,
  clockMultiplier: 0,
  counts: { pods: 60, disks: 25, sandboxes: 300, nodes: 80 },
});
afterAll(() => sim.close());

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, sim.url);
  const headers = url.pathname.startsWith('/v1/')
    ? signatureHeaders(sim.dispersedKeys, { method: 'GET', url })
    : { authorization: `Bearer ${sim.primeKey}` };
  const res = await fetch(url, { headers });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function del(path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { authorization: `Bearer ${sim.primeKey}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(new URL(path, sim.url), {
    method: 'DELETE',
    headers,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

function expectValid(validate: ValidateFunction, body: unknown, what: string): void {
  const ok = validate(body);
  expect(ok, `${what}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`).toBe(true);
}

describe('Prime responses match the OpenAPI blocks', () => {
  it('GET /api/v1/disks/', async () => {
    const validate = responseValidator(DISKS, '/api/v1/disks/', 'get', '200');
    for (const query of ['', '?limit=10&offset=5', '?limit=100']) {
      const res = await get(`/api/v1/disks/${query}`);
      expect(res.status).toBe(200);
      expectValid(validate, res.body, `disks${query}`);
    }
  });

  it('GET /api/v1/sandbox with several filters', async () => {
    const validate = responseValidator(SANDBOXES, '/api/v1/sandbox', 'get', '200');
    const sample = sim.control.list('sandboxes').find((s) => s.teamId !== null && s.labels.length > 0);
    const queries = [
      '',
      '?per_page=1000',
      '?status=RUNNING',
      '?status=TERMINATED',
      '?status=TIMEOUT',
      '?status=ERROR',
      '?is_active=true',
      `?labels=${encodeURIComponent(sample?.labels[0] ?? '')}`,
      `?team_id=${sample?.teamId}&page=2&per_page=10`,
    ];
    for (const query of queries) {
      const res = await get(`/api/v1/sandbox${query}`);
      expect(res.status).toBe(200);
      expectValid(validate, res.body, `sandbox${query}`);
    }
    const timedOut = (await get('/api/v1/sandbox?status=TIMEOUT')).body as { sandboxes: unknown[] };
    expect(timedOut.sandboxes.length).toBeGreaterThan(0);
  });

  it('GET /api/v1/pods/status', async () => {
    const validate = responseValidator(PODS_STATUS, '/api/v1/pods/status', 'get', '200');
    const ids = sim.control.list('pods').map((p) => p.id);
    for (const chunk of [ids.slice(0, 30), ids.slice(30), [], ['unknown']]) {
      const res = await get(`/api/v1/pods/status?${chunk.map((id) => `pod_ids=${id}`).join('&')}`);
      expect(res.status).toBe(200);
      expectValid(validate, res.body, 'pods status');
      for (const entry of (res.body as { data: Record<string, unknown>[] }).data)
        expect(entry).toHaveProperty('priceHr', expect.any(Number));
    }
  });

  it('422 bodies are the documented ErrorResponse', async () => {
    const cases: [string, string, string][] = [
      [DISKS, '/api/v1/disks/', '/api/v1/disks/?limit=101&offset=-1'],
      [SANDBOXES, '/api/v1/sandbox', '/api/v1/sandbox?per_page=0&status=NOPE&is_active=perhaps'],
      [
        PODS_STATUS,
        '/api/v1/pods/status',
        `/api/v1/pods/status?${Array.from({ length: 101 }, (_, i) => `pod_ids=p${i}`).join('&')}`,
      ],
    ];
    for (const [file, path, url] of cases) {
      const validate = responseValidator(file, path, 'get', '422');
      const res = await get(url);
      expect(res.status).toBe(422);
      expectValid(validate, res.body, url);
    }
  });

  it('DELETE /api/v1/sandbox/{sandbox_id} and DELETE /api/v1/sandbox (bulk): documented bodies accepted, others refused', async () => {
    const one = responseValidator(SANDBOX_DELETE, '/api/v1/sandbox/{sandbox_id}', 'delete', '200');
    const bulk = responseValidator(SANDBOX_DELETE, '/api/v1/sandbox', 'delete', '200');
    const refused = responseValidator(SANDBOX_DELETE, '/api/v1/sandbox', 'delete', '422');
    const request = componentValidator(SANDBOX_DELETE, 'BulkDeleteSandboxRequest');
    const running = sim.control
      .list('sandboxes')
      .filter((s) => s.status === 'RUNNING')
      .map((s) => s.id);
    expect(running.length).toBeGreaterThan(6);

    const single = await del(`/api/v1/sandbox/${running[0]}`);
    expect(single.status).toBe(200);
    expectValid(one, single.body, 'delete one sandbox');

    const accepted = [
      { sandbox_ids: running.slice(1, 4), all_users: false },
      { sandbox_ids: [...running.slice(4, 6), 'no-such-sandbox'] },
      { sandbox_ids: Array.from({ length: 500 }, (_, i) => `x${i}`), team_id: null },
    ];
    for (const body of accepted) {
      expectValid(request, body, 'a documented request');
      const res = await del('/api/v1/sandbox', body);
      expect(res.status).toBe(200);
      expectValid(bulk, res.body, 'bulk delete');
    }
    expect((await del('/api/v1/sandbox', accepted[1])).body).toMatchObject({
      failed: [expect.objectContaining({ sandbox_id: 'no-such-sandbox' })],
    });
    // The validators can fail: no message, a failure that is not strings, no lists.
    expect(one({ success: true })).toBe(false);
    expect(bulk({ succeeded: [], failed: [{ sandbox_id: 7 }], message: '' })).toBe(false);
    expect(bulk({ message: 'ok' })).toBe(false);

    for (const body of [
      { sandbox_ids: [] },
      { sandbox_ids: Array.from({ length: 501 }, (_, i) => `x${i}`) },
      { sandbox_ids: [7] },
    ]) {
      expect(request(body)).toBe(false);
      const res = await del('/api/v1/sandbox', body);
      expect(res.status).toBe(422);
      expectValid(refused, res.body, `bulk delete of ${JSON.stringify(body).slice(0, 40)}`);
    }
  });

  it('can fail: a broken disk list is rejected', async () => {
    const validate = responseValidator(DISKS, '/api/v1/disks/', 'get', '200');
    const good = (await get('/api/v1/disks/')).body as { data: Record<string, unknown>[] };
    expect(validate(good)).toBe(true);
    const broken = structuredClone(good);
    (broken.data[0] as Record<string, unknown>)['providerType'] = 'not-a-provider';
    expect(validate(broken)).toBe(false);
  });
});

describe('pods match spec/prime/pod.schema.json', () => {
  const POD = 'prime/pod.schema.json';
  const validatePod = definitionValidator(POD, 'Pod');
  const validateList = definitionValidator(POD, 'PodList');
  const pod = definition(POD, 'Pod');
  const fields = Object.keys(pod['properties'] as JsonObject);

  it('is the pod the official client knows', () => {
    expect(fields).toEqual(
      expect.arrayContaining([
        'id',
        'gpuName',
        'sshConnection',
        'attachedResources',
        'jupyterPassword',
        'autoRestart',
        'walletId',
      ]),
    );
    expect([...(pod['required'] as string[])].sort()).toEqual([
      'createdAt',
      'gpuCount',
      'gpuName',
      'id',
      'providerType',
      'status',
    ]);
  });

  it('GET /api/v1/pods (every page, with and without the trailing slash) and GET /api/v1/pods/{id}', async () => {
    for (const query of ['', '?limit=25&offset=25', '/?offset=50']) {
      const res = await get(`/api/v1/pods${query}`);
      expect(res.status).toBe(200);
      expectValid(validateList, res.body, `pods${query}`);
    }
    for (const one of sim.control.list('pods').slice(0, 15)) {
      const res = await get(`/api/v1/pods/${one.id}`);
      expectValid(validatePod, res.body, `pod ${one.id}`);
      // Every documented field is actually sent, null or not: the official client requires some keys even when null.
      for (const field of fields) expect(res.body, field).toHaveProperty(field);
    }
  });

  it('can fail: broken pods are rejected', () => {
    const one = sim.control.list('pods')[0] as unknown as Record<string, unknown>;
    expect(validatePod(one)).toBe(true);
    expect(validatePod({ ...one, gpuCount: 'eight' })).toBe(false);
    expect(validatePod({ ...one, status: 'NOT_A_STATUS' })).toBe(false);
    expect(validatePod({ ...one, installationProgress: 101 })).toBe(false);
    const { id: _id, ...withoutId } = one;
    expect(validatePod(withoutId)).toBe(false);
    expect(validateList({ total_count: 1, offset: 0, limit: 1 })).toBe(false);
  });
});

describe("money matches spec/prime/billing.schema.json (the official client's models)", () => {
  const BILLING = 'prime/billing.schema.json';
  const validateWallet = definitionValidator(BILLING, 'Wallet');
  const validateHistory = definitionValidator(BILLING, 'HistoryList');

  it('GET /api/v1/billing/wallet, with and without a team', async () => {
    for (const query of ['', '?limit=5&offset=0', '?teamId=team-1']) {
      const res = await get(`/api/v1/billing/wallet${query}`);
      expect(res.status).toBe(200);
      expectValid(validateWallet, res.body, `wallet${query}`);
    }
    // The CLI's --limit runs from 1 to 100.
    expect((await get('/api/v1/billing/wallet?limit=0')).status).toBe(422);
    expect((await get('/api/v1/billing/wallet?limit=101')).status).toBe(422);
  });

  it('GET /api/v1/pods/history, every page', async () => {
    for (const query of ['', '?limit=5&offset=5']) {
      const res = await get(`/api/v1/pods/history${query}`);
      expect(res.status).toBe(200);
      expectValid(validateHistory, res.body, `history${query}`);
      expect((res.body as { data: unknown[] }).data.length).toBeGreaterThan(0);
    }
  });

  it('can fail: a wallet without an id or a history entry without its cost is rejected', async () => {
    const wallet = (await get('/api/v1/billing/wallet')).body as Record<string, unknown>;
    const { wallet_id: _id, ...withoutId } = wallet;
    expect(validateWallet(withoutId)).toBe(false);
    expect(validateWallet({ ...wallet, balance_usd: '12.50' })).toBe(false);
    const history = (await get('/api/v1/pods/history')).body as { data: Record<string, unknown>[] };
    const { totalBilledPrice: _cost, ...withoutCost } = history.data[0]!;
    expect(validateHistory({ ...history, data: [withoutCost] })).toBe(false);
  });
});

describe('nodes match spec/dispersed', () => {
  const NODES = 'dispersed/nodes-list.schema.json';
  const validateList = definitionValidator(NODES, 'NodeList');
  const validateNode = definitionValidator(NODES, 'Node');
  const parameters = JSON.parse(readSpec('dispersed/nodes-list.parameters.json')) as {
    integers: Record<string, { minimum: number; maximum: number }>;
    enums: Record<string, string[]>;
    sort: { fields: string[]; descendingPrefix: string };
  };

  it('is the documented list', () => {
    expect([...(definition(NODES, 'NodeList')['required'] as string[])].sort()).toEqual([
      'data',
      'limit',
      'page',
      'total',
    ]);
    expect(definition(NODES, 'Node')['required']).toEqual(
      expect.arrayContaining(['uuid', 'name', 'latest_hardware_event', 'operator_account']),
    );
  });

  it('GET /v1/nodes with several filters and sorts', async () => {
    const queries = [
      '',
      '?limit=50',
      '?limit=50&page=2',
      '?sort=-created_at',
      '?sort=created_at',
      '?sort=-created_at&filter[status]=AVAILABLE,WORKING',
      '?filter[continent_code]=EU&filter[compliance_tags]=GDPR',
      '?filter[include_deleted]=true',
      '?filter[name]=gpu&filter[country_iso_code]=US',
    ];
    for (const query of queries) {
      const res = await get(`/v1/nodes${query}`);
      expect(res.status).toBe(200);
      expectValid(validateList, res.body, `nodes${query}`);
    }
  });

  it('accepts every documented value and refuses what is out of range', async () => {
    for (const [name, range] of Object.entries(parameters.integers)) {
      for (const value of [range.minimum, Math.min(range.maximum, range.minimum + 2)])
        expect((await get(`/v1/nodes?${name}=${value}`)).status, `${name}=${value}`).toBe(200);
      expect((await get(`/v1/nodes?${name}=${range.minimum - 1}`)).status, `${name} below range`).toBe(422);
      if (range.maximum < Number.MAX_SAFE_INTEGER)
        expect((await get(`/v1/nodes?${name}=${range.maximum + 1}`)).status, `${name} above range`).toBe(422);
    }
    for (const [name, values] of Object.entries(parameters.enums)) {
      for (const value of values)
        expect((await get(`/v1/nodes?${encodeURIComponent(name)}=${value}`)).status, `${name}=${value}`).toBe(200);
      expect((await get(`/v1/nodes?${encodeURIComponent(name)}=NOT_DOCUMENTED`)).status, `${name}=NOT_DOCUMENTED`).toBe(
        422,
      );
    }
    for (const field of parameters.sort.fields) {
      for (const sort of [field, `${parameters.sort.descendingPrefix}${field}`])
        expect((await get(`/v1/nodes?sort=${sort}`)).status, sort).toBe(200);
    }
  });

  it('can fail: broken nodes are rejected', async () => {
    const body = (await get('/v1/nodes?limit=3')).body as { data: Record<string, unknown>[] };
    const good = body.data[0] as Record<string, unknown>;
    expect(validateNode(good)).toBe(true);
    expect(validateNode({ ...good, reputation: 'high' })).toBe(false);
    expect(validateNode({ ...good, created_at: 'last tuesday' })).toBe(false);
    const { uuid: _uuid, ...withoutUuid } = good;
    expect(validateNode(withoutUuid)).toBe(false);
    const deep = structuredClone(good) as { latest_hardware_event: { metadata: { gpu: { average: unknown } } } };
    deep.latest_hardware_event.metadata.gpu.average = 'busy';
    expect(validateNode(deep)).toBe(false);
    expect(validateList({ data: [], limit: 1, page: 1 })).toBe(false);
  });
});
