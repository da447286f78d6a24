import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findArrayItems, type ArraySpans } from '../../src/api/lists/json-items.js';

const find = (text: string): ArraySpans | undefined => findArrayItems(Buffer.from(text), 'data');

/** The items as the spans cut them from the bytes, each parsed on its own. */
const itemsOf = (text: string, spans: ArraySpans): unknown[] => {
  const bytes = Buffer.from(text);
  const items: unknown[] = [];
  for (let i = 0; i < spans.bounds.length; i += 2)
    items.push(JSON.parse(bytes.toString('utf8', spans.bounds[i], spans.bounds[i + 1])));
  return items;
};

/** The page with the array emptied: what the reader validates as the envelope. */
const outsideOf = (text: string, spans: ArraySpans): string => {
  const bytes = Buffer.from(text);
  return `${bytes.toString('utf8', 0, spans.start)}[]${bytes.toString('utf8', spans.end)}`;
};

describe('findArrayItems', () => {
  it('cuts each item of the named array, whatever the items and the rest of the page hold', () => {
    const text =
      '{"total": 3, "data": [ {"a": "x\\"}]", "b": [1, {"c": null}]} , "s\\\\", 7, [[]], null, "日本 ✓" ], "next": {"data": [9]}}';
    const spans = find(text)!;
    expect(itemsOf(text, spans)).toEqual([{ a: 'x"}]', b: [1, { c: null }] }, 's\\', 7, [[]], null, '日本 ✓']);
    expect(JSON.parse(outsideOf(text, spans))).toEqual({ total: 3, data: [], next: { data: [9] } });
  });

  it('finds an empty array, and a key written with escapes as JSON.parse reads it', () => {
    expect(find('{"data":[]}')?.bounds).toEqual([]);
    const text = '{"d\\u0061ta": [1, 2]}';
    expect(itemsOf(text, find(text)!)).toEqual([1, 2]);
  });

  it('gives up (the whole page is then parsed) on anything but one array under the key', () => {
    for (const text of [
      '',
      '[1, 2]',
      '{}',
      '{"other": [1]}',
      '{"data": null}',
      '{"data": {"0": 1}}',
      '{"data": [1], "data": [2]}',
      '{"data": [1 2]}',
      '{"data": [1, 2}',
      '{"data": [{"a": "unterminated}]}',
      '{"data": [1,, 2]}',
      '{"data": [1] "x": 2}',
    ]) {
      expect(find(text), text).toBeUndefined();
    }
  });

  interface PageParts {
    before: Record<string, unknown>;
    items: unknown[];
    after: Record<string, unknown>;
    indent: string | number | undefined;
  }
  const page: fc.Arbitrary<PageParts> = fc.record({
    before: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    items: fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 8 }),
    after: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    indent: fc.constantFrom(undefined, 1, '\t'),
  });
  const render = ({ before, items, after, indent }: PageParts): string => {
    const rest = { ...before, ...after };
    delete rest.data;
    return JSON.stringify({ ...rest, data: items }, null, indent);
  };

  it('for any page: the cut items are the array, and the rest is the page without it', () => {
    fc.assert(
      fc.property(page, (value) => {
        const text = render(value);
        const spans = find(text);
        expect(spans).toBeDefined();
        const whole = JSON.parse(text) as Record<string, unknown>;
        expect(isDeepStrictEqual(itemsOf(text, spans!), whole.data)).toBe(true);
        expect(isDeepStrictEqual(JSON.parse(outsideOf(text, spans!)), { ...whole, data: [] })).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never lies about a damaged page: when every part parses, the page parses to the same', () => {
    const damaged = fc.tuple(
      page,
      fc.nat(),
      fc.constantFrom('delete', 'insert', 'replace'),
      fc.constantFrom('"', '\\', ',', '[', ']', '{', '}', ':', ' ', 'x', '1'),
    );
    fc.assert(
      fc.property(damaged, ([value, at, edit, char]) => {
        const intact = render(value);
        const i = at % (intact.length + 1);
        const text =
          edit === 'delete'
            ? intact.slice(0, i) + intact.slice(i + 1)
            : edit === 'insert'
              ? intact.slice(0, i) + char + intact.slice(i)
              : intact.slice(0, i) + char + intact.slice(i + 1);
        const spans = find(text);
        if (!spans) return;
        let parts: { outside: Record<string, unknown>; items: unknown[] };
        try {
          parts = {
            outside: JSON.parse(outsideOf(text, spans)) as Record<string, unknown>,
            items: itemsOf(text, spans),
          };
        } catch {
          return; // some part is not JSON: the reader parses the whole text and reports its error
        }
        expect(isDeepStrictEqual(JSON.parse(text), { ...parts.outside, data: parts.items })).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
