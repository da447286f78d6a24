import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeFilter, describeFilterParts } from '../../src/filter/describe.js';
import { formatTerm, formatTerms, parseFilter, type Term } from '../../src/filter/parse.js';

function terms(input: string): Term[] {
  const result = parseFilter(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got: ${result.error}`);
  return result.filter.terms;
}

function error(input: string): string {
  const result = parseFilter(input);
  if (result.ok)
    throw new Error(`expected ${JSON.stringify(input)} to fail, got ${JSON.stringify(result.filter.terms)}`);
  return result.error;
}

const text = (value: string, negate = false): Term => ({ field: 'text', values: [value], negate });
const status = (values: string[], negate = false): Term => ({ field: 'status', values, negate });
const label = (value: string, negate = false): Term => ({ field: 'label', values: [value], negate });

describe('parseFilter: syntax', () => {
  it('parses nothing and whitespace as no terms, keeping the source', () => {
    expect(parseFilter('')).toEqual({ ok: true, filter: { source: '', terms: [] } });
    expect(parseFilter('  \t ')).toEqual({ ok: true, filter: { source: '  \t ', terms: [] } });
  });

  it('reads plain words as text terms, as typed', () => {
    expect(terms('llama')).toEqual([text('llama')]);
    expect(terms('Llama 3')).toEqual([text('Llama'), text('3')]);
    expect(terms('  eval   runner ')).toEqual([text('eval'), text('runner')]);
  });

  it('splits on any whitespace, including tabs, newlines and no-break spaces', () => {
    expect(terms('a\tb\nc\u00a0d\u3000e')).toEqual(['a', 'b', 'c', 'd', 'e'].map((v) => text(v)));
  });

  it('reads status: and s: as status terms, upper-cased, comma lists as any-of', () => {
    expect(terms('status:running')).toEqual([status(['RUNNING'])]);
    expect(terms('s:Running,paused')).toEqual([status(['RUNNING', 'PAUSED'])]);
    expect(terms('STATUS:error S:pending')).toEqual([status(['ERROR']), status(['PENDING'])]);
  });

  it('trims, de-duplicates and tolerates stray commas in status lists', () => {
    expect(terms('status:running,')).toEqual([status(['RUNNING'])]);
    expect(terms('status:,running,,paused,RUNNING')).toEqual([status(['RUNNING', 'PAUSED'])]);
    expect(terms('status:"running, paused"')).toEqual([status(['RUNNING', 'PAUSED'])]);
    expect(terms('status:"A,B"')).toEqual([status(['A', 'B'])]);
    expect(terms('status:"resource busy"')).toEqual([status(['RESOURCE BUSY'])]);
  });

  it('reads label: and l: as label terms, kept exactly (case-sensitive)', () => {
    expect(terms('label:Eval')).toEqual([label('Eval')]);
    expect(terms('l:eval label:team-a')).toEqual([label('eval'), label('team-a')]);
    expect(terms('label:team:research')).toEqual([label('team:research')]);
    expect(terms('label:"team:research"')).toEqual([label('team:research')]);
    expect(terms('label:"llama 3"')).toEqual([label('llama 3')]);
    expect(terms('label:a,b')).toEqual([label('a,b')]);
    expect(terms('label:-x')).toEqual([label('-x')]);
  });

  it('treats any other colon word as plain text, since names and labels contain colons', () => {
    expect(terms('foo:bar')).toEqual([text('foo:bar')]);
    expect(terms('team:research')).toEqual([text('team:research')]);
    expect(terms('http://host:8080')).toEqual([text('http://host:8080')]);
    expect(terms(':x')).toEqual([text(':x')]);
    expect(terms('status')).toEqual([text('status')]);
    expect(terms('st:x')).toEqual([text('st:x')]);
    expect(terms('labels:x')).toEqual([text('labels:x')]);
    expect(terms('s1:x')).toEqual([text('s1:x')]);
  });

  it('negates any term with a leading -', () => {
    expect(terms('-status:terminated')).toEqual([status(['TERMINATED'], true)]);
    expect(terms('-s:a,b -l:x -llama')).toEqual([status(['A', 'B'], true), label('x', true), text('llama', true)]);
    expect(terms('-"llama 3"')).toEqual([text('llama 3', true)]);
    expect(terms('--x')).toEqual([text('-x', true)]);
    expect(terms('a-b x-')).toEqual([text('a-b'), text('x-')]);
  });

  it('allows spaces in quotes and joins quoted pieces to the word around them', () => {
    expect(terms('"llama 3"')).toEqual([text('llama 3')]);
    expect(terms('eval"-run 7"x y')).toEqual([text('eval-run 7x'), text('y')]);
    expect(terms('"status:x"')).toEqual([text('status:x')]);
    expect(terms('"-x"')).toEqual([text('-x')]);
    expect(terms('"a""b"')).toEqual([text('ab')]);
  });

  it('reads \\" and \\\\ inside quotes as escapes and leaves other backslashes literal', () => {
    expect(terms('"say \\"hi\\""')).toEqual([text('say "hi"')]);
    expect(terms('"a\\\\b"')).toEqual([text('a\\b')]);
    expect(terms('"C:\\data\\x"')).toEqual([text('C:\\data\\x')]);
    expect(terms('C:\\data')).toEqual([text('C:\\data')]);
    expect(terms("bob's-box")).toEqual([text("bob's-box")]);
  });

  it('handles unicode in words, labels and statuses', () => {
    expect(terms('café 模型 🦙')).toEqual([text('café'), text('模型'), text('🦙')]);
    expect(terms('label:équipe status:straße')).toEqual([label('équipe'), status(['STRASSE'])]);
  });
});

describe('parseFilter: errors are one line with a column', () => {
  it('reports an unclosed quote at the opening quote', () => {
    expect(error('"llama')).toBe('unclosed quote at column 1');
    expect(error('status:x "llama 3')).toBe('unclosed quote at column 10');
    expect(error('label:"team')).toBe('unclosed quote at column 7');
    expect(error('"a \\"')).toBe('unclosed quote at column 1');
    expect(error('"a \\')).toBe('unclosed quote at column 1');
  });

  it('counts columns in code points', () => {
    expect(error('🦙🦙 "x')).toBe('unclosed quote at column 4');
  });

  it('reports empty status: and label: values at the field', () => {
    expect(error('status:')).toBe('status: needs a value at column 1');
    expect(error('x s:')).toBe('status: needs a value at column 3');
    expect(error('status:,')).toBe('status: needs a value at column 1');
    expect(error('status:""')).toBe('status: needs a value at column 1');
    expect(error('status:" , "')).toBe('status: needs a value at column 1');
    expect(error('-status: x')).toBe('status: needs a value at column 2');
    expect(error('label:')).toBe('label: needs a value at column 1');
    expect(error('l: eval')).toBe('label: needs a value at column 1');
    expect(error('label:""')).toBe('label: needs a value at column 1');
  });

  it('reports a lone - and empty quotes', () => {
    expect(error('-')).toBe("'-' needs a term right after it at column 1");
    expect(error('a - b')).toBe("'-' needs a term right after it at column 3");
    expect(error('""')).toBe('empty quoted word at column 1');
    expect(error('x -""')).toBe('empty quoted word at column 4');
  });

  it('reports the first error only', () => {
    expect(error('status: "x')).toBe('status: needs a value at column 1');
  });
});

// ---------------------------------------------------------------------------
// Properties

const syntaxPiece = fc.constantFrom(
  '"',
  '\\',
  '-',
  ':',
  ',',
  ' ',
  '\t',
  '\n',
  'status:',
  's:',
  'label:',
  'l:',
  'S:',
  'since:',
  '7d',
  'a',
  'É',
  '🦙',
  '\ud800',
  '\u0000',
  '\u001b[31m',
);
const syntaxSoup = fc.array(syntaxPiece, { maxLength: 30 }).map((pieces) => pieces.join(''));
const anyInput = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  // Raw UTF-16 units, lone surrogates included.
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
  syntaxSoup,
);

describe('parseFilter: properties', () => {
  it('never throws, and gives well-formed terms or a one-line error', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = parseFilter(input);
        if (!result.ok) {
          expect(result.error).toMatch(/^[^\n\r]+ at column \d+$/);
          return;
        }
        expect(result.filter.source).toBe(input);
        for (const term of result.filter.terms) {
          // A flag (`spot`) has no value; attribute lists are filter-offers.test.ts's.
          if (term.field === 'spot') continue;
          expect(term.values.length).toBeGreaterThan(0);
          for (const value of term.values) expect(value).not.toBe('');
          if (['text', 'label', 'since'].includes(term.field)) expect(term.values).toHaveLength(1);
          else for (const value of term.values) expect(value).toBe(value.trim().toUpperCase());
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on non-string input from untyped callers', () => {
    expect(() => parseFilter(undefined as unknown as string)).not.toThrow();
    const hostile = {
      toString: () => {
        throw new Error('boom');
      },
    };
    expect(parseFilter(hostile as unknown as string)).toEqual({ ok: false, error: 'invalid filter' });
  });

  const anyValue = fc.oneof(
    fc.string({ minLength: 1 }),
    fc.string({ unit: 'binary', minLength: 1 }),
    syntaxSoup.filter((s) => s !== ''),
  );
  const statusValue = fc
    .oneof(fc.constantFrom('RUNNING', 'TERMINATED', 'RESOURCE_BUSY', 'A B'), anyValue)
    .map((value) => value.replaceAll(',', '').trim().toUpperCase())
    .filter((value) => value !== '' && value === value.trim() && value === value.toUpperCase());
  const term: fc.Arbitrary<Term> = fc.oneof(
    fc.record({ field: fc.constant('text' as const), values: anyValue.map((v) => [v]), negate: fc.boolean() }),
    fc.record({
      field: fc.constant('status' as const),
      values: fc.uniqueArray(statusValue, { minLength: 1, maxLength: 4 }),
      negate: fc.boolean(),
    }),
    fc.record({ field: fc.constant('label' as const), values: anyValue.map((v) => [v]), negate: fc.boolean() }),
    fc.record({
      field: fc.constant('since' as const),
      values: fc
        .tuple(fc.integer({ min: 0, max: 999_999 }), fc.constantFrom('m', 'h', 'd', 'w'))
        .map(([n, unit]) => [`${n}${unit}`]),
      negate: fc.boolean(),
    }),
  );

  it('round-trips any valid expression: terms → format → parse gives the same terms', () => {
    fc.assert(
      fc.property(fc.array(term, { maxLength: 6 }), (generated) => {
        expect(terms(formatTerms(generated))).toEqual(generated);
      }),
      { numRuns: 3000 },
    );
  });

  it('normalises: formatting what was parsed and parsing again changes nothing', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = parseFilter(input);
        if (result.ok) expect(terms(formatTerms(result.filter.terms))).toEqual(result.filter.terms);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatting and describing', () => {
  it('writes canonical syntax, quoting only where needed', () => {
    expect(formatTerm(status(['RUNNING', 'PAUSED']))).toBe('status:RUNNING,PAUSED');
    expect(formatTerm(label('team:research', true))).toBe('-label:team:research');
    expect(formatTerm(text('llama 3'))).toBe('"llama 3"');
    expect(formatTerm(text('-x'))).toBe('"-x"');
    expect(formatTerm(text('s:x'))).toBe('"s:x"');
    expect(formatTerm(text('foo:bar'))).toBe('foo:bar');
    expect(formatTerm(text('say "hi" \\o/'))).toBe('"say \\"hi\\" \\\\o/"');
    expect(formatTerm(status(['A B', 'C']))).toBe('status:"A B,C"');
  });

  it('describes a filter for the header, with a note while gone resources are hidden', () => {
    const filter = { source: 's:running l:eval "llama 3"', terms: terms('s:running l:eval "llama 3"') };
    expect(describeFilter(filter, true)).toBe('/status:RUNNING label:eval "llama 3"');
    expect(describeFilter(filter, false, { matched: 12, total: 40 })).toBe(
      '/status:RUNNING label:eval "llama 3" · 12 of 40 · terminated hidden (a)',
    );
    expect(describeFilter({ source: '', terms: [] }, false, { matched: 40, total: 40 })).toBe('terminated hidden (a)');
    expect(describeFilter({ source: '', terms: [] }, true)).toBe('');
    expect(describeFilterParts(filter, false)).toEqual({
      terms: 'status:RUNNING label:eval "llama 3"',
      note: 'terminated hidden (a)',
    });
  });

  it('never puts escape sequences or line breaks in the header', () => {
    const described = describeFilter({ source: '', terms: terms('"\u001b[2Jx\ny"') }, true);
    expect(described).not.toMatch(/[\u0000-\u001f]/);
  });
});
