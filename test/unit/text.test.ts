import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';

import { pad, sanitize, textWidth, truncate } from '../../src/util/text.js';

describe('sanitize', () => {
  it('strips an OSC title change and a CSI screen clear', () => {
    expect(sanitize('\u001b]0;pwned\u0007\u001b[2J')).toBe('');
    expect(sanitize('pod-\u001b]0;pwned\u0007a\u001b[2Jb')).toBe('pod-ab');
  });

  it('strips CSI with parameters and intermediates, and SGR colours', () => {
    expect(sanitize('\u001b[1;31mred\u001b[0m')).toBe('red');
    expect(sanitize('a\u001b[?1049hb\u001b[3 qc')).toBe('abc');
    expect(sanitize('a\u001b[12')).toBe('a'); // unterminated
  });

  it('strips OSC 8 hyperlinks and OSC 52 clipboard writes terminated by ST', () => {
    expect(sanitize('\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\')).toBe('click');
    expect(sanitize('x\u001b]52;c;cm0gLXJmIH4=\u001b\\y')).toBe('xy');
  });

  it('strips an unterminated OSC to the end, as a terminal would swallow it', () => {
    expect(sanitize('name\u001b]0;pwned')).toBe('name');
  });

  it('strips DCS, APC, PM and SOS strings', () => {
    expect(sanitize('a\u001bPq#0;2;0;0;0\u001b\\b')).toBe('ab');
    expect(sanitize('a\u001b_Gf=100;AAAA\u001b\\b')).toBe('ab');
    expect(sanitize('a\u001b^privacy\u001b\\b')).toBe('ab');
    expect(sanitize('a\u001bXstring\u001b\\b')).toBe('ab');
  });

  it('strips two-character and nF escapes and a lone ESC', () => {
    expect(sanitize('a\u001bcb')).toBe('ab'); // RIS: full reset
    expect(sanitize('a\u001b7b\u001b8')).toBe('ab');
    expect(sanitize('a\u001b(Bb')).toBe('ab');
    expect(sanitize('ab\u001b')).toBe('ab');
  });

  it('strips the 8-bit C1 forms of CSI, OSC, DCS and ST, and other C1 controls', () => {
    expect(sanitize('a\u009b2Jb')).toBe('ab');
    expect(sanitize('a\u009d0;pwned\u009cb')).toBe('ab');
    expect(sanitize('a\u009d0;pwned\u0007b')).toBe('ab');
    expect(sanitize('a\u0090data\u009cb')).toBe('ab');
    expect(sanitize('a\u0084b\u008dc\u009fd')).toBe('abc');
  });

  it('strips C0 controls and DEL', () => {
    expect(sanitize('a\u0000b\u0007c\u0008d\u007fe')).toBe('abcde');
  });

  it('turns tabs and line breaks into a single space', () => {
    expect(sanitize('a\tb')).toBe('a b');
    expect(sanitize('line1\nline2')).toBe('line1 line2');
    expect(sanitize('line1\r\n\r\nline2')).toBe('line1 line2');
    expect(sanitize('over\rwrite')).toBe('over write');
    expect(sanitize('a\u2028b\u0085c')).toBe('a b c');
  });

  it('strips bidi overrides, isolates and marks', () => {
    expect(sanitize('safe\u202Egnp.exe')).toBe('safegnp.exe');
    expect(sanitize('\u202A\u202B\u202C\u202D\u202Ex')).toBe('x');
    expect(sanitize('\u2066a\u2067b\u2068c\u2069')).toBe('abc');
    expect(sanitize('\u200Ea\u200Fb\u061Cc')).toBe('abc');
  });

  it('keeps ordinary Unicode: accents, CJK, emoji with ZWJ and flags, RTL letters', () => {
    const text = 'café ü 日本語 👨‍👩‍👧 🇺🇸 ⚠️ שלום عربى ✓';
    expect(sanitize(text)).toBe(text);
    expect(sanitize('e\u0301')).toBe('e\u0301');
  });

  it('replaces lone surrogates, keeps pairs', () => {
    expect(sanitize('a\ud800b')).toBe('a\ufffdb');
    expect(sanitize('a\udc00b')).toBe('a\ufffdb');
    expect(sanitize('😀')).toBe('😀');
  });

  it('never throws, whatever it is given', () => {
    expect(sanitize(null)).toBe('');
    expect(sanitize(undefined)).toBe('');
    expect(sanitize(42)).toBe('42');
    expect(sanitize(false)).toBe('false');
    expect(sanitize(Object.create(null))).toBe('');
    expect(
      sanitize({
        toString: () => {
          throw new Error('boom');
        },
      }),
    ).toBe('');
    expect(sanitize(Symbol('s'))).toBe('Symbol(s)');
    expect(sanitize({ toString: () => 'x\u001b[2Jy' })).toBe('xy');
    expect(sanitize('')).toBe('');
  });

  it('leaves no ESC, C0 or C1 in the output of random junk', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 500; n++) {
      let junk = '';
      for (let i = 0; i < 40; i++) junk += String.fromCharCode(next() % 0xa0);
      expect(sanitize(junk)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
  });
});

describe('truncate', () => {
  it('leaves text that fits alone', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('hello', 50)).toBe('hello');
  });

  it('cuts with an ellipsis to at most width columns', () => {
    expect(truncate('hello world', 5)).toBe('hell…');
    expect(truncate('hello', 1)).toBe('…');
  });

  it('returns empty for width <= 0', () => {
    expect(truncate('hello', 0)).toBe('');
    expect(truncate('hello', -3)).toBe('');
    expect(truncate('hello', Number.NaN)).toBe('');
  });

  it('counts CJK characters as two columns', () => {
    expect(textWidth('日本語')).toBe(6);
    expect(truncate('日本語テキスト', 5)).toBe('日本…');
    // a wide character cannot be split: one column short rather than one too many
    expect(truncate('日本語テキスト', 4)).toBe('日…');
    expect(stringWidth(truncate('日本語テキスト', 4))).toBeLessThanOrEqual(4);
    expect(truncate('日本', 4)).toBe('日本');
  });

  it('counts emoji (including ZWJ sequences) correctly', () => {
    expect(truncate('a😀b😀c', 4)).toBe('a😀…');
    expect(stringWidth(truncate('👨‍👩‍👧 family', 3))).toBeLessThanOrEqual(3);
    for (let w = 1; w < 12; w++) expect(stringWidth(truncate('😀🇺🇸日本x⚠️y', w))).toBeLessThanOrEqual(w);
  });
});

describe('pad', () => {
  it('pads to exactly width, left or right aligned', () => {
    expect(pad('ab', 5, 'left')).toBe('ab   ');
    expect(pad('ab', 5, 'right')).toBe('   ab');
    expect(pad('ab', 5)).toBe('ab   ');
  });

  it('reaches exactly width right-aligned when the text begins with a mark that joins the space before it', () => {
    // Found by the sanitizer property test (seeds -2074894208 and 1504733251): ' ' + 'ำ' is one grapheme.
    for (const mark of ['ำ', 'ຳ']) for (const w of [2, 3, 5]) expect(stringWidth(pad(mark, w, 'right'))).toBe(w);
  });

  it('truncates first, then pads', () => {
    expect(pad('abcdefgh', 5, 'left')).toBe('abcd…');
    expect(pad('abcdefgh', 5, 'right')).toBe('abcd…');
  });

  it('reaches exactly width with wide characters, even when a wide character straddles the edge', () => {
    expect(pad('日本', 6, 'right')).toBe('  日本');
    expect(pad('日本語テキスト', 4, 'left')).toBe('日… ');
    for (let w = 1; w < 12; w++) {
      expect(stringWidth(pad('日本語😀テキスト', w, 'left'))).toBe(w);
      expect(stringWidth(pad('日本語😀テキスト', w, 'right'))).toBe(w);
    }
  });

  it('returns empty for width <= 0', () => {
    expect(pad('ab', 0, 'left')).toBe('');
  });
});
