/**
 * Properties of the text gate every API string passes before the terminal:
 * `sanitize` (table cells, dialogs, events), `truncate`/`pad` (every line
 * Ink draws), `oneLine` (error messages) and the detail pane's entries.
 *
 * Generators mix ordinary Unicode with the things a hostile or broken API
 * could send: every C0/C1 control, DEL, escape sequences (CSI, OSC with BEL
 * or ST, DCS/APC/PM/SOS, 8-bit forms), bidi overrides, lone surrogates, wide
 * CJK and emoji (ZWJ sequences, flags, variation selectors), combining marks.
 */
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { oneLine } from '../../src/api/errors.js';
import { describeFilter, parseFilter } from '../../src/filter/index.js';
import { detailEntries, MASK, maskSecrets, toSafeJson } from '../../src/views/detail.js';
import { pad, sanitize, textWidth, truncate } from '../../src/util/text.js';

/** Anything a terminal would act on rather than print, or that reorders what follows. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;
const LONE_SURROGATE = /[\ud800-\udfff]/u;

const pieces = fc.constantFrom(
  '\u001b',
  '\u001b[',
  '\u001b[2J',
  '\u001b[31m',
  '\u001b[?1049l',
  '\u001b[6n',
  '\u001b]0;pwned\u0007',
  '\u001b]52;c;cHduZWQ=\u001b\\',
  '\u001b]8;;https://evil.example\u001b\\',
  '\u001bP1$r\u001b\\',
  '\u001b_G\u001b\\',
  '\u001bc',
  '\u001b(0',
  '\u009b2J',
  '\u009d0;t\u009c',
  '\u0090q\u009c',
  '\u0085',
  '\u0007',
  '\b',
  '\r',
  '\n',
  '\t',
  '\u007f',
  '\u0000',
  '\u202e',
  '\u2066',
  '\u200f',
  '\u061c',
  '\u2028',
  '\ud800',
  '\udfff',
  '日本',
  '語',
  '😀',
  '👨‍👩‍👧',
  '🇺🇸',
  '⚠️',
  'e\u0301',
  '\u200b',
  'ｗｉｄｅ',
  'a',
  ' ',
  'pod-1',
  '…',
);
const soup = fc.array(pieces, { maxLength: 24 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
  soup,
);
const anyValue = fc.oneof(
  anyText,
  fc.anything(),
  fc.constant(Object.create(null) as unknown),
  fc.constant({
    toString: () => {
      throw new Error('boom');
    },
  }),
);
const widths = fc.oneof(
  fc.integer({ min: -3, max: 120 }),
  fc.double({ min: -2, max: 130, noNaN: false }),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 0.5, 1, 2),
);

const RUNS = { numRuns: 2000 };

describe('sanitize', () => {
  it('never throws, and never lets a control, escape, bidi override or lone surrogate through', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const out = sanitize(value);
        expect(typeof out).toBe('string');
        expect(out).not.toMatch(UNSAFE);
        expect(out).not.toMatch(LONE_SURROGATE);
      }),
      RUNS,
    );
  });

  it('is idempotent and leaves plain printable text alone', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = sanitize(text);
        expect(sanitize(once)).toBe(once);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcXYZ09 -_.:/@日本語😀é') }), (text) => {
        expect(sanitize(text)).toBe(text);
      }),
      RUNS,
    );
  });

  it('keeps the visible text around a removed sequence', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'abc123') }),
        pieces,
        fc.string({ unit: fc.constantFrom(...'xyz789') }),
        (before, junk, after) => {
          // Only complete sequences: a terminal, too, reads the next character as
          // part of a bare `ESC` or `ESC [`, and an unterminated OSC swallows the rest.
          fc.pre(junk !== '\u001b' && junk !== '\u001b[');
          fc.pre(!/^(\u001b[\]P_^X]|[\u0090\u009d])/.test(junk) || /(\u0007|\u001b\\|\u009c)$/.test(junk));
          const out = sanitize(`${before}${junk}${after}`);
          expect(out.startsWith(before)).toBe(true);
          expect(out.endsWith(after)).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

describe('truncate and pad', () => {
  it('truncate never exceeds the width, and never throws', () => {
    fc.assert(
      fc.property(anyText, widths, (text, width) => {
        const out = truncate(sanitize(text), width);
        const limit = width >= 1 ? Math.floor(width) : 0;
        expect(stringWidth(out)).toBeLessThanOrEqual(Number.isFinite(limit) ? limit : Infinity);
        expect(textWidth(out)).toBe(stringWidth(out));
      }),
      RUNS,
    );
  });

  it('truncate keeps text that fits, and marks a cut with an ellipsis', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 80 }), (raw, width) => {
        const text = sanitize(raw);
        const out = truncate(text, width);
        if (stringWidth(text) <= width) expect(out).toBe(text);
        else expect(out.endsWith('…')).toBe(true);
      }),
      RUNS,
    );
  });

  it('pad is exactly the width, left or right aligned', () => {
    fc.assert(
      fc.property(
        anyText,
        fc.integer({ min: 0, max: 120 }),
        fc.constantFrom('left' as const, 'right' as const),
        (raw, width, align) => {
          expect(stringWidth(pad(sanitize(raw), width, align))).toBe(width);
        },
      ),
      RUNS,
    );
  });

  it('truncate and pad are a last line of defence: unsanitized input still comes out safe', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 120 }), (raw, width) => {
        for (const out of [truncate(raw, width), pad(raw, width), pad(raw, width, 'right')]) {
          expect(out).not.toMatch(UNSAFE);
          expect(stringWidth(out)).toBeLessThanOrEqual(width);
        }
      }),
      RUNS,
    );
  });
});

describe('oneLine (every error message)', () => {
  const key = fc
    .string({ unit: fc.constantFrom(...'abcdef0123456789_'), minLength: 6, maxLength: 40 })
    .map((s) => `pit_${s}`);

  it('is one line of safe text, at most 240 characters, never splitting a character', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const out = oneLine(text);
        expect(out).not.toMatch(UNSAFE);
        expect(out).not.toMatch(LONE_SURROGATE);
        expect(out.length).toBeLessThanOrEqual(240);
      }),
      RUNS,
    );
  });

  it('removes exactly what sanitize removes (the two grammars are kept in step)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const cleaned = sanitize(text);
        fc.pre(cleaned.length < 200);
        expect(oneLine(text).replace(/\s+/gu, '')).toBe(cleaned.replace(/\s+/gu, ''));
      }),
      RUNS,
    );
  });

  it('never contains the key, wherever the server put it, whatever the key holds', () => {
    // The key as the server echoes it back: plain, wrapped in colour codes, or
    // (a key pasted with a stray newline or NUL, which undici quotes verbatim
    // in its "invalid header value" error) holding a control character.
    const odd = fc.constantFrom('', '\n', '\u0000', '\r', '\u001b');
    fc.assert(
      fc.property(
        anyText,
        anyText,
        key,
        odd,
        fc.nat(),
        fc.boolean(),
        (before, after, plainKey, inner, cut, coloured) => {
          const at = 1 + (cut % (plainKey.length - 1));
          const secret = `${plainKey.slice(0, at)}${inner}${plainKey.slice(at)}`;
          const echoed = coloured ? `\u001b[1m${secret}\u001b[0m` : secret;
          const out = oneLine(`${before}${echoed}${after}`, [secret]);
          // Neither as sent nor as it reads once cleaned (the control turned into a space).
          expect(out).not.toContain(oneLine(secret));
          // A long message is cut at 240: no telling prefix of the key may survive either.
          if (inner === '') expect(out).not.toContain(plainKey.slice(0, 12));
        },
      ),
      RUNS,
    );
  });
});

describe('detail entries and --output json', () => {
  const secretKey = fc.constantFrom(
    'jupyterPassword',
    'password',
    'apiKey',
    'api_key',
    'token',
    'HF_TOKEN',
    'client_secret',
    'privateKey',
    'Authorization',
    'credentials',
  );
  const secretValue = fc
    .string({ unit: fc.constantFrom(...'QWERTYqwerty0123'), minLength: 8, maxLength: 20 })
    .map((s) => `S3CR3T${s}`);
  /** Any JSON-like value with a secret-named field planted somewhere at any depth. */
  const planted = fc
    .tuple(
      fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.nat({ max: 3 })), { maxLength: 20 }),
      secretKey,
      secretValue,
      fc.jsonValue(),
    )
    .map(([path, name, value, noise]) => {
      let node: unknown = { [name]: value, noise };
      for (const step of [...path].reverse())
        node =
          typeof step === 'number' ? Object.assign(new Array(step + 1).fill(null), { [step]: node }) : { [step]: node };
      return { root: node, value };
    });

  it('never throws, whatever the object, and every value is safe text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.object({ maxDepth: 8 })), (value) => {
        for (const entry of detailEntries(value)) {
          expect(entry.key).not.toMatch(UNSAFE);
          expect(entry.value).not.toMatch(UNSAFE);
        }
      }),
      RUNS,
    );
  });

  it('toSafeJson (for --output json) is terminal-safe and parses back to exactly the masked values', () => {
    const value = fc
      .jsonValue()
      .chain((json) => fc.tuple(fc.constant(json), anyText))
      .map(([json, text]) => ({ json, text, list: [text, { name: text }] }));
    fc.assert(
      fc.property(value, (v) => {
        const out = toSafeJson(v);
        // Pretty-printing's own line breaks are the only controls left.
        expect(out).not.toMatch(
          /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u,
        );
        expect(out).not.toMatch(LONE_SURROGATE);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(maskSecrets(v))));
      }),
      RUNS,
    );
  });

  it('masks a secret-named field at any depth, in the pane and in JSON', () => {
    fc.assert(
      fc.property(planted, ({ root, value }) => {
        const shown = detailEntries(root);
        for (const entry of shown) expect(entry.value).not.toContain(value);
        expect(JSON.stringify(maskSecrets(root))).not.toContain(value);
        expect(JSON.stringify(maskSecrets(root))).toContain(MASK);
      }),
      RUNS,
    );
  });
});

describe('the filter as the header shows it', () => {
  // test/unit/filter-parse.test.ts proves the parser never throws and round-trips;
  // this is the other half: whatever a person types or pastes, the header line built from it is safe.
  it('never carries a control, escape or bidi override to the terminal', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (typed, showGone) => {
        const parsed = parseFilter(typed);
        if (!parsed.ok) {
          expect(parsed.error).not.toMatch(UNSAFE);
          return;
        }
        expect(describeFilter(parsed.filter, showGone, { matched: 1, total: 2 })).not.toMatch(UNSAFE);
      }),
      RUNS,
    );
  });
});
