import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { adoptEqual } from '../../src/util/adopt-equal.js';

describe('adoptEqual', () => {
  it('keeps the values of next and takes every equal part from previous', () => {
    const previous = {
      id: 'n1',
      load: 10,
      hardware: { gpus: [{ name: 'H100' }], os: { name: 'Ubuntu' } },
      tags: ['a'],
    };
    const next = {
      id: 'n1',
      load: 55,
      hardware: { gpus: [{ name: 'H100' }], os: { name: 'Ubuntu' } },
      tags: ['a', 'b'],
    };
    const result = adoptEqual(previous, next);
    expect(result).toEqual({
      id: 'n1',
      load: 55,
      hardware: { gpus: [{ name: 'H100' }], os: { name: 'Ubuntu' } },
      tags: ['a', 'b'],
    });
    expect(result).not.toBe(previous);
    expect(result.hardware).toBe(previous.hardware);
    expect(result.tags).not.toBe(previous.tags);
  });

  it('returns previous itself when the two are equal, and never treats a missing key as equal to undefined', () => {
    const previous = { a: 1, b: [1, { c: null }] };
    expect(adoptEqual(previous, { a: 1, b: [1, { c: null }] })).toBe(previous);
    const withUndefined = { a: 1, b: undefined } as { a: number; b?: undefined };
    expect(adoptEqual<{ a: number; b?: undefined }>({ a: 1 }, withUndefined)).toBe(withUndefined);
    expect(adoptEqual<{ a: number; b?: undefined }>(withUndefined, { a: 1 })).toEqual({ a: 1 });
  });

  it('for any two JSON values: the result equals next, and is previous when they are equal', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(json, json, fc.boolean(), (a, b, sameShape) => {
        const previous = a;
        const next = structuredClone(sameShape ? a : b);
        const expected = structuredClone(next);
        const result = adoptEqual(previous, next);
        expect(isDeepStrictEqual(result, expected)).toBe(true);
        if (isDeepStrictEqual(previous, expected)) expect(result).toBe(previous);
      }),
      { numRuns: 500 },
    );
  });
});
