import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BodyReader } from '../../src/api/body.js';

const read = (chunks: readonly Buffer[], expected?: number) => {
  const reader = new BodyReader(expected);
  for (const chunk of chunks) reader.add(chunk);
  return reader.finish();
};

describe('response bodies', () => {
  it('hold exactly the bytes that arrived, however they were split, with their SHA-1', () => {
    const chunkings = fc.tuple(fc.uint8Array({ maxLength: 100_000 }), fc.array(fc.nat(), { maxLength: 12 }), fc.option(fc.nat({ max: 400_000 })));
    fc.assert(
      fc.property(chunkings, ([data, cuts, declared]) => {
        const bytes = Buffer.from(data);
        const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((start, i) => bytes.subarray(start, points[i] ?? bytes.length));
        // A wrong Content-Length (smaller or larger than the body) only changes the first buffer's size.
        const body = read(chunks, declared ?? undefined);
        expect(body.length).toBe(bytes.length);
        expect(body.withBytes((held) => Buffer.compare(held, bytes))).toBe(0);
        expect(body.digest).toBe(createHash('sha1').update(bytes).digest('base64'));
        body.release();
      }),
      { numRuns: 60 },
    );
  });

  it('grow as a body without a Content-Length arrives past its first buffer', () => {
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));
    const chunks = Array.from({ length: 10 }, (_, i) => bytes.subarray(i * 30_000, (i + 1) * 30_000));
    for (const declared of [undefined, 1_000, 300_000]) {
      const body = read(chunks, declared);
      expect(body.withBytes((held) => Buffer.compare(held, bytes))).toBe(0);
      body.release();
    }
  });

  it('decode a character split across chunks, and drop a byte-order mark, as fetch does', () => {
    const text = Buffer.from('\uFEFF{"name":"日本 ✓"}');
    const body = read([text.subarray(0, 12), text.subarray(12, 13), text.subarray(13)]);
    expect(body.text()).toBe('{"name":"日本 ✓"}');
  });

  it('lend their memory to the next body once released, and refuse to be read after', () => {
    const first = read([Buffer.from('first body')]);
    first.release();
    first.release();
    expect(() => first.text()).toThrow(/after release/);
    const second = read([Buffer.from('second')]);
    expect(second.text()).toBe('second');
  });
});
