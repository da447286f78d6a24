/**
 * The filter's attribute terms: what a view declares about its rows beside
 * name, status and labels (RowAttributes in src/views/resource.ts), compared
 * as the attribute's kind says. Today the offers of the Availability tab
 * declare them all; a tab that does not declare one refuses its terms.
 *
 *   gpu:H100         the GPU type contains H100, any letter case (any of a comma list)
 *   gpu=H100_80GB    the GPU type is exactly that (any of a comma list); asked of the server too
 *   count:8 count=8  exactly 8 GPUs (any of a comma list); asked of the server too
 *   count>=8         also count>8, count<=8, count<8
 *   price<3          dollars per GPU-hour: < <= > >= and : or = (to the cent); `price<$3` too
 *   stock:high       the stock is one of these (stock:high,medium), any letter case
 *   region:eu        the country code (region:US), the region (region:eu_west) or its
 *                    first part (region:eu: eu_west, eu_north, eu_east)
 *   region=eu_west   exactly that region (any of a comma list); asked of the server too
 *   spot             spot offers only; -spot: none
 *
 * `:` is the lenient comparison (contains, one of, a region's part), `=` the
 * exact one: only an exact term may go to a server, which can only narrow
 * what the client would show (server.ts). `gpu:H200_96GB` also matches
 * `GH200_96GB`, which the server's `gpu_type=H200_96GB` would leave out.
 */
import type { RowAttributes } from '../views/resource.js';

export type AttributeName = keyof RowAttributes<unknown>;

/** `:` lenient, `=` exact; the others order numbers. */
export type Comparison = ':' | '=' | '<' | '<=' | '>' | '>=';

type AttributeKind = 'text' | 'number' | 'keyword' | 'flag';

interface AttributeSpec {
  kind: AttributeKind;
  /** What a row has that the term compares, for messages: `a GPU type`. */
  noun: string;
  /** Whether a comparison applies: numbers only. */
  ordered?: boolean;
  /** A price may be written `$3`. */
  money?: boolean;
}

export const ATTRIBUTES: Readonly<Record<AttributeName, AttributeSpec>> = {
  gpu: { kind: 'text', noun: 'a GPU type' },
  count: { kind: 'number', noun: 'a GPU count', ordered: true },
  price: { kind: 'number', noun: 'a price per GPU-hour', ordered: true, money: true },
  stock: { kind: 'keyword', noun: 'a stock' },
  region: { kind: 'text', noun: 'a region' },
  spot: { kind: 'flag', noun: 'spot offers' },
};

export const ATTRIBUTE_NAMES = Object.keys(ATTRIBUTES) as AttributeName[];

export function isAttribute(name: string): name is AttributeName {
  return Object.hasOwn(ATTRIBUTES, name);
}

/** An attribute's name and comparison at the start of a word: `count>=`, `gpu:`. */
export const ATTRIBUTE_PREFIX = /^([A-Za-z]+)(<=|>=|<|>|=|:)/;

/** The flag attributes a bare word names (`spot`), in any letter case. */
export function flagNamed(word: string): AttributeName | undefined {
  const name = word.toLowerCase();
  return isAttribute(name) && ATTRIBUTES[name].kind === 'flag' ? name : undefined;
}

/**
 * The values of `name` compared by `op` as typed after it (`8`, `high,medium`,
 * `$3.50`), normalised; or the one-line reason they cannot be (without its
 * column, which the parser adds).
 */
export function attributeValues(name: AttributeName, op: Comparison, raw: string): string[] | string {
  const spec = ATTRIBUTES[name];
  const ordering = op !== ':' && op !== '=';
  if (spec.kind === 'flag') return `${name} takes no value: type ${name}, or -${name} for none`;
  if (ordering && !spec.ordered)
    return `${name} compares with : or = only (${name}:… for contains or one of, ${name}=… for exactly)`;
  const values: string[] = [];
  for (const item of raw.split(',')) {
    const value = item.trim();
    if (value !== '' && !values.includes(value)) values.push(value);
  }
  if (values.length === 0) return `${name}${op} needs a value`;
  if (spec.kind !== 'number') return spec.kind === 'keyword' ? values.map((value) => value.toLowerCase()) : values;
  if (ordering && values.length > 1) return `${name}${op} takes one number`;
  const numbers: string[] = [];
  for (const value of values) {
    const digits = spec.money ? value.replace(/^\$/, '') : value;
    const whole = name === 'count';
    if (!(whole ? /^\d{1,6}$/ : /^\d{1,6}(\.\d{1,4})?$|^\.\d{1,4}$/).test(digits))
      return `${name}${op} needs ${whole ? 'a whole number' : 'a number such as 3 or 2.50'}`;
    numbers.push(String(Number(digits)));
  }
  return numbers;
}

/** One attribute term as `compileAttribute` needs it. */
export interface AttributeTerm {
  name: AttributeName;
  op: Comparison;
  values: readonly string[];
  negate: boolean;
}

/**
 * A predicate for one attribute term over rows whose view declares the
 * attribute; a row without the value (null) matches no comparison, so it
 * passes only a negated term.
 */
export function compileAttribute<Row>(
  term: AttributeTerm,
  attributes: RowAttributes<Row>,
): ((row: Row) => boolean) | undefined {
  const test = attributeTest(term, attributes);
  if (!test) return undefined;
  return term.negate ? (row) => !test(row) : test;
}

function attributeTest<Row>(
  { name, op, values }: AttributeTerm,
  attributes: RowAttributes<Row>,
): ((row: Row) => boolean) | undefined {
  const lower = values.map((value) => value.toLowerCase());
  switch (name) {
    case 'gpu': {
      const read = attributes.gpu;
      if (!read) return undefined;
      return (row) => {
        const type = read(row)?.toLowerCase();
        if (type === undefined) return false;
        return op === '=' ? lower.includes(type) : lower.some((value) => type.includes(value));
      };
    }
    case 'count':
    case 'price': {
      const read = attributes[name];
      if (!read) return undefined;
      const compare = numberTest(op, values.map(Number));
      return (row) => {
        const value = read(row);
        return value !== null && Number.isFinite(value) && compare(value);
      };
    }
    case 'stock': {
      const read = attributes.stock;
      if (!read) return undefined;
      return (row) => lower.includes(read(row).toLowerCase());
    }
    case 'region': {
      const read = attributes.region;
      if (!read) return undefined;
      return (row) => {
        const { region, country } = read(row);
        const where = region?.toLowerCase() ?? null;
        if (op === '=') return where !== null && lower.includes(where);
        const land = country?.toLowerCase();
        return lower.some(
          (value) => value === land || (where !== null && (where === value || where.startsWith(`${value}_`))),
        );
      };
    }
    case 'spot':
      return attributes.spot;
  }
}

/** Equal to any of `targets` (to the cent, for prices), or ordered against the one target. */
function numberTest(op: Comparison, targets: readonly number[]): (value: number) => boolean {
  const [target = 0] = targets;
  switch (op) {
    case '<':
      return (value) => value < target;
    case '<=':
      return (value) => value <= target;
    case '>':
      return (value) => value > target;
    case '>=':
      return (value) => value >= target;
    default:
      return (value) => targets.some((one) => Math.abs(value - one) < 0.005);
  }
}
