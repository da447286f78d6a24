/**
 * Does the simulator answer as the docs say? Checked with a validator that
 * shares nothing with the simulator or the client: the schemas come straight
 * from /work/shared/api at test time.
 *
 * - Prime pages with an OpenAPI block: the ```yaml block is parsed and the
 *   response schemas (OpenAPI 3.1 = JSON Schema 2020-12) validated with Ajv.
 * - prime-pods-object.md (a markdown table) and dispersed-nodes-list.md (a
 *   JSON example): a JSON Schema is derived from the page itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type AnySchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startSimulator } from '../../src/sim/index.js';

const DOCS_DIR = new URL('../../../shared/api/', import.meta.url);
if (!existsSync(DOCS_DIR)) {
  throw new Error(`conformance: the API docs folder ${fileURLToPath(DOCS_DIR)} is missing; this test validates the simulator against those pages and cannot run without them`);
}
const readDoc = (name: string): string => readFileSync(new URL(name, DOCS_DIR), 'utf8');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

// ajv-formats is CommonJS with `module.exports = plugin`; reach the function whichever way the loader exposes it.
const addFormats = ((ajvFormats as unknown as { default?: unknown }).default ?? ajvFormats) as (ajv: Ajv2020) => Ajv2020;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

// --- OpenAPI blocks -----------------------------------------------------------------------------

interface OpenApiDoc {
  id: string;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: AnySchemaObject }> }> }>>;
}

/** Every `#/components/schemas/X` becomes `#/$defs/X`, so the components are plain JSON Schema definitions. */
function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', '#/$defs/') : rewriteRefs(value);
  }
  return out;
}

const openApi = new Map<string, OpenApiDoc>();
const componentsByName = new Map<string, JsonObject>();

function loadOpenApi(file: string): OpenApiDoc {
  const cached = openApi.get(file);
  if (cached) return cached;
  const text = readDoc(file);
  const block = /^````yaml[^\n]*\n([\s\S]*?)^````/m.exec(text);
  if (!block?.[1]) throw new Error(`conformance: no \`\`\`\`yaml OpenAPI block in ${file}`);
  const parsed = parseYaml(block[1]) as JsonObject;
  const components = ((parsed['components'] as JsonObject | undefined)?.['schemas'] ?? {}) as JsonObject;
  const id = `https://docs.invalid/${file}.json`;
  ajv.addSchema({ $id: id, $defs: rewriteRefs(components) } as AnySchemaObject);
  for (const [name, schema] of Object.entries(components)) componentsByName.set(name, schema as JsonObject);
  const doc: OpenApiDoc = { id, paths: parsed['paths'] as unknown as OpenApiDoc['paths'] };
  openApi.set(file, doc);
  return doc;
}

function responseValidator(file: string, path: string, method: string, status: string): ValidateFunction {
  const doc = loadOpenApi(file);
  const schema = doc.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`conformance: ${file} documents no JSON ${status} response for ${method.toUpperCase()} ${path}`);
  const ref = (schema as { $ref?: string }).$ref;
  if (!ref) throw new Error(`conformance: expected a $ref response schema in ${file}`);
  return ajv.compile({ $ref: `${doc.id}${ref.replace('#/components/schemas/', '#/$defs/')}` });
}

// Load every page with an OpenAPI block up front, so the pod table can refer to their enums.
for (const file of ['prime-disks-list.md', 'prime-pods-status.md', 'prime-sandboxes-list.md']) loadOpenApi(file);

// --- The pod object, from its markdown table -----------------------------------------------------

/** One alternative of a type cell ("string", "integer 0..100", "list of `{a, b}`", ...). */
function alternativeSchema(alt: string, objects: Map<string, string[]>): JsonObject {
  const a = alt.trim();
  const range = /^integer (\d+)\.\.(\d+)$/.exec(a);
  if (range) return { type: 'integer', minimum: Number(range[1]), maximum: Number(range[2]) };
  switch (a) {
    case 'string': return { type: 'string' };
    case 'integer': return { type: 'integer' };
    case 'number': return { type: 'number' };
    case 'boolean': return { type: 'boolean' };
    case 'object': return { type: 'object' };
    case 'null': return { type: 'null' };
    case 'date-time string': return { type: 'string', format: 'date-time' };
    case 'list': return { type: 'array' };
    case 'list of strings': return { type: 'array', items: { type: 'string' } };
    case 'list of strings/nulls': return { type: 'array', items: { type: ['string', 'null'] } };
  }
  const object = /^list of (OBJ\d+)$/.exec(a);
  if (object?.[1]) {
    const keys = objects.get(object[1]) ?? [];
    return { type: 'array', items: { type: 'object', required: keys, properties: Object.fromEntries(keys.map((k) => [k, {}])) } };
  }
  throw new Error(`conformance: unrecognised type '${a}' in prime-pods-object.md; teach the test this phrase`);
}

function typeCellSchema(cell: string): JsonObject {
  // Object shapes contain commas: lift them out before splitting the alternatives.
  const objects = new Map<string, string[]>();
  const lifted = cell.replace(/`\{([^}]*)\}`/g, (_, keys: string) => {
    const name = `OBJ${objects.size}`;
    objects.set(name, keys.split(',').map((k) => k.trim()).filter(Boolean));
    return name;
  });
  const alternatives = lifted.split(/,\s*or\s+|\s+or\s+|,\s*/).filter((s) => s.trim() !== '');
  const schemas = alternatives.map((alt) => alternativeSchema(alt, objects));
  return schemas.length === 1 ? (schemas[0] as JsonObject) : { anyOf: schemas };
}

interface DerivedPodSchema {
  schema: JsonObject;
  fields: string[];
  required: string[];
}

function derivePodSchema(): DerivedPodSchema {
  const text = readDoc('prime-pods-object.md');
  const section = text.split('## The Pod object')[1]?.split('\n## ')[0];
  if (!section) throw new Error("conformance: prime-pods-object.md has no '## The Pod object' section");
  const properties: Record<string, JsonObject> = {};
  const required: string[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 3 || cells[0] === 'field' || /^-+$/.test(cells[0] ?? '')) continue;
    const [fieldCell = '', typeCell = '', notes = ''] = cells;
    const names = [...fieldCell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    let schema = typeCellSchema(typeCell);
    // Enum names in the notes (`PodStatusEnum`, `GPUType`, ...) point at the OpenAPI components.
    for (const ref of [...notes.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string)) {
      const component = componentsByName.get(ref);
      if (component && Array.isArray(component['enum'])) schema = { allOf: [schema, { enum: component['enum'] }] };
    }
    const isRequired = /\brequired\b/.test(notes);
    for (const name of names) {
      // "Treat every field not marked required as optional and nullable."
      properties[name] = isRequired ? schema : { anyOf: [schema, { type: 'null' }] };
      if (isRequired) required.push(name);
    }
  }
  return { schema: { type: 'object', required, properties }, fields: Object.keys(properties), required };
}

/** The list envelope from the page's example: `{ "total_count": 15, ..., "data": [ <Pod>, ... ] }`. */
function derivePodListSchema(pod: JsonObject): JsonObject {
  const text = readDoc('prime-pods-object.md');
  const example = /```json\s*\n(\{[^\n]*"data"[^\n]*\})\s*\n```/.exec(text)?.[1];
  if (!example) throw new Error('conformance: no pod list example in prime-pods-object.md');
  const parsed = JSON.parse(example.replace(/\[\s*<Pod>,\s*\.\.\.\s*\]/, '[]')) as JsonObject;
  const properties: Record<string, JsonObject> = {};
  for (const [key, value] of Object.entries(parsed)) {
    properties[key] = key === 'data' ? { type: 'array', items: pod } : { type: Number.isInteger(value) ? 'integer' : typeof value };
  }
  return { type: 'object', required: Object.keys(parsed), properties };
}

// --- Dispersed nodes, from the example JSON ------------------------------------------------------

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Same JSON type as the example (or null); null in the example says nothing about the type. */
function inferSchema(value: Json): JsonObject {
  if (value === null) return {};
  if (Array.isArray(value)) return { type: ['array', 'null'], items: value.length ? inferSchema(value[0] as Json) : {} };
  switch (typeof value) {
    case 'object':
      return { type: ['object', 'null'], properties: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inferSchema(v)])) };
    case 'string':
      return ISO_DATE.test(value) ? { type: ['string', 'null'], format: 'date-time' } : { type: ['string', 'null'] };
    case 'number':
      return { type: ['number', 'null'] };
    default:
      return { type: ['boolean', 'null'] };
  }
}

/** The first balanced JSON object in `text` from `start`. */
function balancedObject(text: string, start: number): string {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error('conformance: unbalanced JSON example in dispersed-nodes-list.md');
}

function deriveNodeListSchema(): { list: JsonObject; node: JsonObject; exampleFields: string[] } {
  const text = readDoc('dispersed-nodes-list.md');
  const curl = text.indexOf('--url https://api.dispersed.com/v1/nodes');
  const start = text.indexOf('{', curl);
  if (curl < 0 || start < 0) throw new Error('conformance: no example response in dispersed-nodes-list.md');
  const example = JSON.parse(balancedObject(text, start)) as JsonObject;
  const first = (example['data'] as Json[] | undefined)?.[0];
  if (!first || typeof first !== 'object' || Array.isArray(first)) throw new Error('conformance: the nodes example has no data[0] object');
  const node = { ...inferSchema(first), type: 'object' };

  // The "Response" section lists the top-level fields: name, type, "required".
  const response = text.split(/\nResponse\n/)[1] ?? '';
  const lines = response.split('\n').map((l) => l.trim()).filter(Boolean);
  const properties: Record<string, JsonObject> = {};
  const required: string[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const name = lines[i] as string;
    const type = lines[i + 1] as string;
    if (!/^[a-z_]+$/.test(name) || !/^(object\[\]|integer|string|boolean|number)$/.test(type)) continue;
    properties[name] = type === 'object[]' ? { type: 'array', items: node } : { type };
    if (lines[i + 2] === 'required') required.push(name);
  }
  return { list: { type: 'object', required, properties }, node, exampleFields: Object.keys(first) };
}

// --- Against a live simulator --------------------------------------------------------------------

const sim = await startSimulator({ seed: 11, clockMultiplier: 0, counts: { pods: 60, disks: 25, sandboxes: 300, nodes: 80 } });
afterAll(() => sim.close());

async function get(path: string, key: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: (await res.json()) as unknown };
}

function expectValid(validate: ValidateFunction, body: unknown, what: string): void {
  const ok = validate(body);
  expect(ok, `${what}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`).toBe(true);
}

describe('Prime responses match the OpenAPI blocks', () => {
  it('GET /api/v1/disks/', async () => {
    const validate = responseValidator('prime-disks-list.md', '/api/v1/disks/', 'get', '200');
    for (const query of ['', '?limit=10&offset=5', '?limit=100']) {
      const res = await get(`/api/v1/disks/${query}`, sim.primeKey);
      expect(res.status).toBe(200);
      expectValid(validate, res.body, `disks${query}`);
    }
  });

  it('GET /api/v1/sandbox with several filters', async () => {
    const validate = responseValidator('prime-sandboxes-list.md', '/api/v1/sandbox', 'get', '200');
    const sample = sim.control.list('sandboxes').find((s) => s.teamId !== null && s.labels.length > 0);
    const queries = [
      '', '?per_page=1000', '?status=RUNNING', '?status=TERMINATED', '?status=ERROR', '?is_active=true',
      `?labels=${encodeURIComponent(sample?.labels[0] ?? '')}`, `?team_id=${sample?.teamId}&page=2&per_page=10`,
    ];
    for (const query of queries) {
      const res = await get(`/api/v1/sandbox${query}`, sim.primeKey);
      expect(res.status).toBe(200);
      expectValid(validate, res.body, `sandbox${query}`);
    }
  });

  it('GET /api/v1/pods/status', async () => {
    const validate = responseValidator('prime-pods-status.md', '/api/v1/pods/status', 'get', '200');
    const ids = sim.control.list('pods').map((p) => p.id);
    for (const chunk of [ids.slice(0, 30), ids.slice(30), [], ['unknown']]) {
      const res = await get(`/api/v1/pods/status?${chunk.map((id) => `pod_ids=${id}`).join('&')}`, sim.primeKey);
      expect(res.status).toBe(200);
      expectValid(validate, res.body, 'pods status');
    }
  });

  it('422 bodies are the documented ErrorResponse', async () => {
    const cases: [string, string, string][] = [
      ['prime-disks-list.md', '/api/v1/disks/', '/api/v1/disks/?limit=101&offset=-1'],
      ['prime-sandboxes-list.md', '/api/v1/sandbox', '/api/v1/sandbox?per_page=0&status=NOPE&is_active=perhaps'],
      ['prime-pods-status.md', '/api/v1/pods/status', `/api/v1/pods/status?${Array.from({ length: 101 }, (_, i) => `pod_ids=p${i}`).join('&')}`],
    ];
    for (const [file, path, url] of cases) {
      const validate = responseValidator(file, path, 'get', '422');
      const res = await get(url, sim.primeKey);
      expect(res.status).toBe(422);
      expectValid(validate, res.body, url);
    }
  });

  it('can fail: a broken disk list is rejected', async () => {
    const validate = responseValidator('prime-disks-list.md', '/api/v1/disks/', 'get', '200');
    const good = (await get('/api/v1/disks/', sim.primeKey)).body as { data: Record<string, unknown>[] };
    expect(validate(good)).toBe(true);
    const broken = structuredClone(good);
    (broken.data[0] as Record<string, unknown>)['providerType'] = 'not-a-provider';
    expect(validate(broken)).toBe(false);
  });
});

describe('pods match the schema derived from prime-pods-object.md', () => {
  const derived = derivePodSchema();
  const validatePod = ajv.compile(derived.schema);
  const validateList = ajv.compile(derivePodListSchema(derived.schema));

  it('derives a plausible schema from the table', () => {
    expect(derived.fields).toEqual(expect.arrayContaining(['id', 'gpuName', 'sshConnection', 'attachedResources', 'jupyterPassword', 'autoRestart', 'walletId']));
    expect(derived.required.sort()).toEqual(['createdAt', 'gpuCount', 'gpuName', 'id', 'providerType', 'status']);
  });

  it('GET /api/v1/pods/ (every page) and GET /api/v1/pods/{id}', async () => {
    for (const query of ['', '?limit=25&offset=25', '?offset=50']) {
      const res = await get(`/api/v1/pods/${query}`, sim.primeKey);
      expect(res.status).toBe(200);
      expectValid(validateList, res.body, `pods${query}`);
    }
    for (const pod of sim.control.list('pods').slice(0, 15)) {
      const res = await get(`/api/v1/pods/${pod.id}`, sim.primeKey);
      expectValid(validatePod, res.body, `pod ${pod.id}`);
      // Every documented field is actually sent.
      for (const field of derived.fields) expect(res.body, field).toHaveProperty(field);
    }
  });

  it('can fail: broken pods are rejected', () => {
    const pod = sim.control.list('pods')[0] as unknown as Record<string, unknown>;
    expect(validatePod(pod)).toBe(true);
    expect(validatePod({ ...pod, gpuCount: 'eight' })).toBe(false);
    expect(validatePod({ ...pod, status: 'NOT_A_STATUS' })).toBe(false);
    expect(validatePod({ ...pod, installationProgress: 101 })).toBe(false);
    const { id: _id, ...withoutId } = pod;
    expect(validatePod(withoutId)).toBe(false);
    expect(validateList({ total_count: 1, offset: 0, limit: 1 })).toBe(false);
  });
});

describe('nodes match the schema inferred from dispersed-nodes-list.md', () => {
  const { list, node, exampleFields } = deriveNodeListSchema();
  const validateList = ajv.compile(list);
  const validateNode = ajv.compile(node);

  it('derives the documented top level', () => {
    expect((list['required'] as string[]).sort()).toEqual(['data', 'limit', 'page', 'total']);
    expect(exampleFields).toEqual(expect.arrayContaining(['uuid', 'name', 'latest_hardware_event', 'operator_account']));
  });

  it('GET /v1/nodes with several filters and sorts', async () => {
    const queries = [
      '', '?limit=50', '?limit=50&page=2', '?sort=-last_seen_at', '?sort=name', '?sort=-reputation&filter[status]=AVAILABLE,WORKING',
      '?filter[continent_code]=EU&filter[compliance_tags]=GDPR', '?filter[include_deleted]=true&sort=updated_at', '?filter[name]=gpu&filter[country_iso_code]=US',
    ];
    for (const query of queries) {
      const res = await get(`/v1/nodes${query}`, sim.dispersedKey);
      expect(res.status).toBe(200);
      expectValid(validateList, res.body, `nodes${query}`);
    }
    // Every field of the example is sent.
    const [first] = ((await get('/v1/nodes?limit=1', sim.dispersedKey)).body as { data: Record<string, unknown>[] }).data;
    for (const field of exampleFields) expect(first, field).toHaveProperty(field);
  });

  it('can fail: broken nodes are rejected', async () => {
    const body = (await get('/v1/nodes?limit=3', sim.dispersedKey)).body as { data: Record<string, unknown>[] };
    const good = body.data[0] as Record<string, unknown>;
    expect(validateNode(good)).toBe(true);
    expect(validateNode({ ...good, reputation: 'high' })).toBe(false);
    expect(validateNode({ ...good, created_at: 'last tuesday' })).toBe(false);
    const deep = structuredClone(good) as { latest_hardware_event: { metadata: { gpu: { average: unknown } } } };
    deep.latest_hardware_event.metadata.gpu.average = 'busy';
    expect(validateNode(deep)).toBe(false);
    expect(validateList({ data: [], limit: 1, page: 1 })).toBe(false);
  });
});
