/**
 * The `/` filter language. All terms are ANDed:
 *
 *   llama                 text: case-insensitive substring of name, id or a label
 *   status:RUNNING,PAUSED any of these statuses (alias `s:`), case-insensitive
 *   label:eval            carries exactly this label (alias `l:`), case-sensitive
 *   since:7d              its time falls within the last 7 days (m, h, d or w):
 *                         for history when it ended, otherwise when it was created
 *   gpu:H100 count>=8 price<3 stock:high region:eu spot
 *                         attribute terms, on tabs whose view declares them (attributes.ts)
 *   -term                 negates any term: `-status:terminated`, `-"llama 3"`
 *   "llama 3"             double quotes allow spaces; inside them `\"` is a quote
 *                         and `\\` a backslash (any other backslash is literal)
 *
 * Decisions worth knowing:
 * - Only `status:`, `s:`, `label:`, `l:` and `since:` (any letter case) are fields.
 *   Anything else with a colon (`team:research`, `http://x`) is a plain word,
 *   because names and labels often contain colons. A known prefix can be
 *   searched as text by quoting it: `"s:3"`.
 * - A field is recognised only in the unquoted start of a word, so quoting is
 *   the escape hatch; quoted and unquoted pieces of one word join, as in a
 *   shell: `label:"team:research"`, `status:"RUNNING, PAUSED"`.
 * - Only the first `-` negates: `--x` means "not containing `-x`".
 * - Status values are split on commas after unquoting, trimmed, upper-cased
 *   and de-duplicated; empty items from stray commas (`status:RUNNING,`, handy
 *   while typing) are ignored, but at least one value is required.
 * - Labels compare exactly, as the API's `labels` filter does, so
 *   `label:Eval` does not match `eval`.
 * - Single quotes are ordinary characters (names like `bob's-box`).
 *
 * `parseFilter` never throws; bad input gives one line naming a column
 * (1-based, counted in code points).
 */

import {
  ATTRIBUTE_PREFIX,
  attributeValues,
  flagNamed,
  isAttribute,
  type AttributeName,
  type Comparison,
} from './attributes.js';

export type TermField = 'text' | 'status' | 'label' | 'since' | AttributeName;

export interface Term {
  field: TermField;
  /**
   * text: one value as typed; status: one or more, upper-cased; label: one, exact; since: one span, e.g. `7d`;
   * an attribute: its values as attributes.ts normalises them (none for a flag such as `spot`).
   */
  values: string[];
  negate: boolean;
  /** An attribute term's comparison (`count>=8`); absent for the other fields and for a flag. */
  op?: Comparison;
}

export interface FilterExpression {
  /** The input as typed. */
  source: string;
  terms: Term[];
}

export type ParseResult = { ok: true; filter: FilterExpression } | { ok: false; error: string };

/** The filter before anything is typed. Frozen: share it, don't mutate it. */
export const EMPTY_FILTER: FilterExpression = Object.freeze({
  source: '',
  terms: Object.freeze([]) as unknown as Term[],
});

const FIELD_ALIASES: Readonly<Record<string, Exclude<TermField, 'text'>>> = {
  status: 'status',
  s: 'status',
  label: 'label',
  l: 'label',
  since: 'since',
};

/** `since:` spans: a whole number and a unit. */
const SPAN = /^(\d{1,6})(m|h|d|w)$/;
const SPAN_UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Milliseconds in a `since:` span such as `24h` or `7d`; null when it is not one. */
export function spanMs(text: string): number | null {
  const match = SPAN.exec(text.trim().toLowerCase());
  if (!match) return null;
  return Number(match[1]) * SPAN_UNIT_MS[match[2] as keyof typeof SPAN_UNIT_MS];
}

/** Letters then a colon at the start of a word: a field prefix if the letters name a field. */
const FIELD_PREFIX = /^([A-Za-z]+):/;

// The same set `String.prototype.trim` removes, so trimming and splitting agree.
const SPACE = /\s/;

function isSpace(ch: string): boolean {
  return SPACE.test(ch);
}

class ParseError extends Error {}

function fail(message: string): never {
  throw new ParseError(message);
}

function fieldOf(prefix: string): Exclude<TermField, 'text'> | undefined {
  return Object.hasOwn(FIELD_ALIASES, prefix.toLowerCase()) ? FIELD_ALIASES[prefix.toLowerCase()] : undefined;
}

export function parseFilter(input: string): ParseResult {
  try {
    const source = typeof input === 'string' ? input : String(input);
    return { ok: true, filter: { source, terms: new Parser(source).terms() } };
  } catch (error) {
    // ParseError is the only expected failure; anything else is a bug, but the prompt must still not crash.
    return { ok: false, error: error instanceof ParseError ? error.message : 'invalid filter' };
  }
}

class Parser {
  private index = 0;

  constructor(private readonly input: string) {}

  terms(): Term[] {
    const terms: Term[] = [];
    for (;;) {
      this.skipSpace();
      if (this.index >= this.input.length) return terms;
      terms.push(this.term());
    }
  }

  private term(): Term {
    const start = this.index;
    let negate = false;
    if (this.input[this.index] === '-') {
      negate = true;
      this.index += 1;
      if (this.atWordEnd()) fail(`'-' needs a term right after it at column ${this.column(start)}`);
    }
    const prefix = FIELD_PREFIX.exec(this.input.slice(this.index, this.index + 16));
    const field = prefix?.[1] !== undefined ? fieldOf(prefix[1]) : undefined;
    if (prefix && field) {
      const fieldStart = this.index;
      this.index += prefix[0].length;
      const raw = this.word();
      if (field === 'label') {
        if (raw.text === '') fail(`label: needs a value at column ${this.column(fieldStart)}`);
        return { field, values: [raw.text], negate };
      }
      if (field === 'since') {
        const span = raw.text.trim().toLowerCase();
        if (spanMs(span) === null)
          fail(`since: needs a span such as 30m, 24h, 7d or 2w at column ${this.column(fieldStart)}`);
        return { field, values: [span], negate };
      }
      const values = splitStatuses(raw.text);
      if (values.length === 0) fail(`status: needs a value at column ${this.column(fieldStart)}`);
      return { field, values, negate };
    }
    const attribute = this.attribute(negate);
    if (attribute) return attribute;
    const wordStart = this.index;
    const raw = this.word();
    if (raw.text === '') fail(`empty quoted word at column ${this.column(wordStart)}`);
    return { field: 'text', values: [raw.text], negate };
  }

  /** An attribute term (`count>=8`, `gpu:H100`) or a flag alone (`spot`) here, unquoted; else undefined. */
  private attribute(negate: boolean): Term | undefined {
    const rest = this.input.slice(this.index, this.index + 16);
    const named = ATTRIBUTE_PREFIX.exec(rest);
    const name = named?.[1]?.toLowerCase();
    if (named && name !== undefined && isAttribute(name)) {
      const start = this.index;
      const op = named[2] as Comparison;
      this.index += named[0].length;
      const values = attributeValues(name, op, this.word().text);
      if (typeof values === 'string') fail(`${values} at column ${this.column(start)}`);
      return { field: name, values, negate, op };
    }
    const bare = /^[A-Za-z]+/.exec(rest)?.[0];
    const flag = bare === undefined ? undefined : flagNamed(bare);
    if (flag === undefined || bare === undefined) return undefined;
    const after = this.input[this.index + bare.length];
    if (after !== undefined && !isSpace(after)) return undefined;
    this.index += bare.length;
    return { field: flag, values: [], negate };
  }

  /** One word up to unquoted whitespace; quoted pieces join the unquoted ones around them. */
  private word(): { text: string } {
    let text = '';
    while (this.index < this.input.length) {
      const ch = this.input[this.index] as string;
      if (isSpace(ch)) break;
      if (ch === '"') {
        text += this.quoted();
        continue;
      }
      text += ch;
      this.index += 1;
    }
    return { text };
  }

  private quoted(): string {
    const open = this.index;
    this.index += 1;
    let text = '';
    while (this.index < this.input.length) {
      const ch = this.input[this.index] as string;
      if (ch === '"') {
        this.index += 1;
        return text;
      }
      if (ch === '\\') {
        const next = this.input[this.index + 1];
        if (next === undefined) break;
        // Only a quote or a backslash is escaped, so Windows paths need no doubling.
        text += next === '"' || next === '\\' ? next : ch + next;
        this.index += 2;
        continue;
      }
      text += ch;
      this.index += 1;
    }
    return fail(`unclosed quote at column ${this.column(open)}`);
  }

  private atWordEnd(): boolean {
    const ch = this.input[this.index];
    return ch === undefined || isSpace(ch);
  }

  private skipSpace(): void {
    while (this.index < this.input.length && isSpace(this.input[this.index] as string)) this.index += 1;
  }

  private column(index: number): number {
    let column = 1;
    for (let i = 0; i < index; i += 1) {
      const code = this.input.charCodeAt(i);
      // The second half of a surrogate pair is the same code point.
      const lowOfPair = code >= 0xdc00 && code <= 0xdfff && i > 0 && isHighSurrogate(this.input.charCodeAt(i - 1));
      if (!lowOfPair) column += 1;
    }
    return column;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function splitStatuses(text: string): string[] {
  const values: string[] = [];
  for (const item of text.split(',')) {
    const value = item.trim().toUpperCase();
    if (value !== '' && !values.includes(value)) values.push(value);
  }
  return values;
}

// ---------------------------------------------------------------------------
// Formatting: the inverse of parsing, for headers and for normalising input.

function needsQuotes(value: string): boolean {
  if (value === '') return true;
  for (const ch of value) if (ch === '"' || isSpace(ch)) return true;
  return false;
}

function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

/**
 * A text value must not read as a negation or a field: quote it when it
 * starts with `-` or a known prefix (`s:3`).
 */
function formatText(value: string): string {
  const prefix = FIELD_PREFIX.exec(value);
  const attribute = ATTRIBUTE_PREFIX.exec(value)?.[1];
  if (
    needsQuotes(value) ||
    value.startsWith('-') ||
    (prefix?.[1] !== undefined && fieldOf(prefix[1])) ||
    (attribute !== undefined && isAttribute(attribute.toLowerCase())) ||
    flagNamed(value) !== undefined
  )
    return quote(value);
  return value;
}

function formatValue(value: string): string {
  return needsQuotes(value) ? quote(value) : value;
}

/** One term in canonical syntax; `parseFilter(formatTerm(t))` gives back `t`. */
export function formatTerm(term: Term): string {
  const sign = term.negate ? '-' : '';
  switch (term.field) {
    case 'status':
      return `${sign}status:${formatValue(term.values.join(','))}`;
    case 'label':
      return `${sign}label:${formatValue(term.values[0] ?? '')}`;
    case 'since':
      return `${sign}since:${term.values[0] ?? ''}`;
    case 'text':
      return `${sign}${formatText(term.values[0] ?? '')}`;
    default:
      return term.op === undefined
        ? `${sign}${term.field}`
        : `${sign}${term.field}${term.op}${formatValue(term.values.join(','))}`;
  }
}

/** Terms in canonical syntax, space-separated. */
export function formatTerms(terms: readonly Term[]): string {
  return terms.map(formatTerm).join(' ');
}
