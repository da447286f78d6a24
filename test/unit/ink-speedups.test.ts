import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import cachedStringWidth, { NARROW_GLYPH_RANGES, narrowWidth } from '../../src/ink/cached-string-width.js';
import { GenerationalMap } from '../../src/util/generational-map.js';
// @ts-expect-error: a plain .mjs build script, without type declarations.
import { patchInkOutput } from '../../scripts/ink-speedups.mjs';

const narrowGlyphs = NARROW_GLYPH_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)));

describe('cachedStringWidth', () => {
  it('counts one column for every glyph of its narrow list, as string-width does', () => {
    const wrong = narrowGlyphs.filter((glyph) => stringWidth(glyph) !== 1).map((glyph) => `U+${glyph.charCodeAt(0).toString(16)}`);
    expect(wrong).toEqual([]);
    expect(narrowGlyphs.every((glyph) => narrowWidth(glyph) === 1)).toBe(true);
  });

  it('agrees with string-width on any mix of ASCII, narrow glyphs, colour codes and anything else', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
      fc.constantFrom(...narrowGlyphs),
      fc.constantFrom('\u001b[31m', '\u001b[0m', '\u001b[1;7m', '\u001b[38;5;208m', '\u001b[39m', '\u001b[2J', '\u001b]0;x\u0007', '\u001b['),
      fc.constantFrom('中', '文', '😀', 'e\u0301', '\u00ad', '\u200b', '\u25fd', '✅', '\ufe0f', '\u0000', '\t', '\u009b31m'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(cachedStringWidth(text)).toBe(stringWidth(text));
        // Twice: the second answer may come from the cache.
        expect(cachedStringWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('leaves calls with options to string-width', () => {
    expect(cachedStringWidth('\u001b[31mab\u001b[0m', { countAnsiEscapeCodes: true })).toBe(stringWidth('\u001b[31mab\u001b[0m', { countAnsiEscapeCodes: true }));
  });
});

describe('GenerationalMap', () => {
  it('keeps at most two generations, and moves what is read forward', () => {
    const map = new GenerationalMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    map.set('c', 3); // a, b become the previous generation
    expect(map.get('a')).toBe(1); // read: moved forward, with c
    map.set('d', 4); // c, a become previous; b is dropped
    expect(map.get('b')).toBeUndefined();
    expect(map.get('a')).toBe(1);
    expect(map.size).toBeLessThanOrEqual(4);
  });
});

describe('patchInkOutput', () => {
  const source = readFileSync(new URL('../../node_modules/ink/build/output.js', import.meta.url), 'utf8');

  it("matches the installed Ink's frame composer", () => {
    const patched: string = patchInkOutput(source);
    expect(patched).toContain('caches = __sharedAcrossFrames(OutputCaches);');
    expect(patched).toContain('row.push(__BLANK_CELL);');
    expect(patched).toContain('let lines = __linesOf(this.caches, text, styledCharsToString);');
  });

  it('stops the build when Ink changed the code it patches', () => {
    expect(() => patchInkOutput(source.replace('caches = new OutputCaches();', 'caches = makeCaches();'))).toThrow(/review the patch/);
  });
});

describe('the tests themselves', () => {
  it('draw through the patched Ink, as the CLI does', async () => {
    const { render } = await import('ink-testing-library');
    const { Text } = await import('ink');
    const { createElement } = await import('react');
    const { patchedInkCount } = await import('../../src/ink/frame-caches.js');
    const { lastFrame, unmount } = render(createElement(Text, null, 'a × b'));
    expect(lastFrame()).toBe('a × b');
    unmount();
    expect(patchedInkCount()).toBeGreaterThan(0);
  });
});
