import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { count, id, looseItems, number, rawItems, text } from '../../src/api/lenient.js';
import { readListPage, type ListPageSpec, type PageCodec, type ReadPage } from '../../src/api/lists/list-page.js';

const itemSchema = z.looseObject({ id, name: text, load: number, hardware: z.unknown().optional() });
type Item = z.output<typeof itemSchema>;
const envelope = z.looseObject({ data: rawItems, total: count.optional() });
const spec: ListPageSpec<typeof envelope, typeof itemSchema> = {
  envelope,
  itemsKey: 'data',
  item: itemSchema,
  getId: (item) => item.id,
};

/** Fails as http.ts does, so a test can tell which text was parsed whole. */
const codec: PageCodec = {
  parse: (body) => {
    try {
      return JSON.parse(body);
    } catch {
      throw new Error(`not JSON: ${body.length} bytes`);
    }
  },
  validate: (value, schema) => schema.parse(value),
};

const node = (n: number, load = 10) => ({
  id: `n${n}`,
  name: `node-${n}`,
  load,
  hardware: { gpus: [{ name: 'H100', vram: 80 }], os: 'Ubuntu' },
});
const body = (items: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ total: items.length, ...extra, data: items });
type Read = ReadPage<z.output<typeof envelope>, Item>;
const read = (text: string, previous?: Read): Read => readListPage(Buffer.from(text), spec, previous, codec);

describe('readListPage', () => {
  it('reads the envelope (with its item array emptied) and every item', () => {
    const { page } = read(body([node(1), node(2)]));
    expect(page.envelope).toEqual({ total: 2, data: [] });
    expect(page.items.map((item) => item.name)).toEqual(['node-1', 'node-2']);
    expect(page.skipped).toBe(0);
  });

  it('keeps the row of every item whose text is unchanged, even when the page shifted', () => {
    const first = read(body([node(1), node(2), node(3)]));
    // A new item at the top pushes the others down; node 3 changed its load.
    const second = read(body([node(0), node(1), node(2), node(3, 99)]), first);
    const [n0, n1, n2, n3] = second.page.items;
    expect(n0).toEqual(expect.objectContaining({ id: 'n0' }));
    expect(n1).toBe(first.page.items[0]);
    expect(n2).toBe(first.page.items[1]);
    // A changed item is a new row with the new value, sharing its unchanged parts.
    expect(n3).not.toBe(first.page.items[2]);
    expect(n3!.load).toBe(99);
    expect(n3!.hardware).toBe(first.page.items[2]!.hardware);
  });

  it('gives rows equal to reading the text afresh', () => {
    const first = read(body([node(1), node(2)]));
    const text = body([node(2, 50), node(3), node(1)]);
    expect(read(text, first).page).toEqual(read(text).page);
  });

  it('counts unreadable items, again when their text comes back, without failing the page', () => {
    const first = read(body([node(1), { name: 'no id' }, 42]));
    expect(first.page.items).toHaveLength(1);
    expect(first.page.skipped).toBe(2);
    const second = read(body([node(1), { name: 'no id' }, 42], { total: 9 }), first);
    expect(second.page.skipped).toBe(2);
    expect(second.page.envelope.total).toBe(9);
  });

  it('parses a page it cannot split as a whole: items under null, odd spacing, repeated keys', () => {
    const statusEnvelope = z.looseObject({ data: looseItems });
    const statusSpec = { ...spec, envelope: statusEnvelope };
    expect(readListPage(Buffer.from('{"data": null}'), statusSpec, undefined, codec).page).toEqual({
      envelope: { data: [] },
      items: [],
      skipped: 0,
    });
    const repeated = read('{"data": [{"id": "a"}], "data": [{"id": "b"}]}');
    expect(repeated.page.items.map((item) => item.id)).toEqual(['b']);
  });

  it('reads past a byte-order mark, as a whole body would be', () => {
    const { page } = read(`\uFEFF${body([node(1)])}`);
    expect(page.items.map((item) => item.id)).toEqual(['n1']);
  });

  it('reports a broken body as the whole body, not as a broken item', () => {
    const text = body([node(1), node(2)]).replace('"node-2"', '"node-2');
    expect(() => read(text)).toThrow(`not JSON: ${text.length} bytes`);
    expect(() => read(body([node(1)]).replace('"total":1', '"total":'))).toThrow(/not JSON/);
  });
});
