/**
 * The filter terms the offers need (src/filter/attributes.ts): how they
 * parse and format, which offers they match, where they are refused, and
 * what of them goes to the server (only ever a narrowing).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Offer } from '../../src/api/prime/offers.js';
import { checkApplicable, compileFilter, filterFor } from '../../src/filter/match.js';
import { formatTerms, parseFilter, type FilterExpression, type Term } from '../../src/filter/parse.js';
import { serverQueryCovers, serverQueryFor, serverQueryKey, toOfferQuery } from '../../src/filter/server.js';
import { VIEWS } from '../../src/views/index.js';
import { offer } from '../helpers/offers.js';

const view = VIEWS.availability;

function filterOf(input: string): FilterExpression {
  const result = parseFilter(input);
  if (!result.ok) throw new Error(result.error);
  return result.filter;
}
const terms = (input: string): Term[] => filterOf(input).terms;
const error = (input: string): string => {
  const result = parseFilter(input);
  if (result.ok) throw new Error(`parsed: ${input}`);
  return result.error;
};
const matches = (input: string, row: Offer): boolean => compileFilter(filterOf(input), view, { showGone: false })(row);
const priced = (perHour: number, gpuCount: number, raw: Record<string, unknown> = {}) =>
  offer({ prices: { onDemand: perHour, communityPrice: null, isVariable: null, currency: 'USD' }, gpuCount, ...raw });

describe('parsing the offer terms', () => {
  it('reads each attribute with its comparison and normalised values', () => {
    expect(terms('gpu:H100 count>=8 price<$3 stock:High,medium region=eu_west spot -spot')).toEqual([
      { field: 'gpu', op: ':', values: ['H100'], negate: false },
      { field: 'count', op: '>=', values: ['8'], negate: false },
      { field: 'price', op: '<', values: ['3'], negate: false },
      { field: 'stock', op: ':', values: ['high', 'medium'], negate: false },
      { field: 'region', op: '=', values: ['eu_west'], negate: false },
      { field: 'spot', values: [], negate: false },
      { field: 'spot', values: [], negate: true },
    ]);
    expect(terms('count:8,16 price<=2.5 COUNT>4')).toEqual([
      { field: 'count', op: ':', values: ['8', '16'], negate: false },
      { field: 'price', op: '<=', values: ['2.5'], negate: false },
      { field: 'count', op: '>', values: ['4'], negate: false },
    ]);
  });

  it('leaves other words alone: a quoted spot, an unknown prefix, spot inside a word', () => {
    expect(terms('"spot" spotty gpus:a colour<3')).toEqual([
      { field: 'text', values: ['spot'], negate: false },
      { field: 'text', values: ['spotty'], negate: false },
      { field: 'text', values: ['gpus:a'], negate: false },
      { field: 'text', values: ['colour<3'], negate: false },
    ]);
  });

  it('says in one line what is wrong, with the column', () => {
    expect(error('gpu>3')).toBe(
      'gpu compares with : or = only (gpu:… for contains or one of, gpu=… for exactly) at column 1',
    );
    expect(error('stock:high count>=many')).toBe('count>= needs a whole number at column 12');
    expect(error('price<cheap')).toBe('price< needs a number such as 3 or 2.50 at column 1');
    expect(error('count>=8,16')).toBe('count>= takes one number at column 1');
    expect(error('spot:yes')).toBe('spot takes no value: type spot, or -spot for none at column 1');
    expect(error('region:')).toBe('region: needs a value at column 1');
  });

  const attributeTerm: fc.Arbitrary<Term> = fc.oneof(
    fc.record({
      field: fc.constantFrom('gpu' as const, 'region' as const),
      op: fc.constantFrom(':' as const, '=' as const),
      values: fc.uniqueArray(fc.constantFrom('H100', 'a b', 'eu_west', 'x"y', 'É'), { minLength: 1, maxLength: 3 }),
      negate: fc.boolean(),
    }),
    fc.record({
      field: fc.constantFrom('count' as const, 'price' as const),
      op: fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const, ':' as const, '=' as const),
      values: fc.integer({ min: 0, max: 999 }).map((n) => [String(n)]),
      negate: fc.boolean(),
    }),
    fc.record({
      field: fc.constant('stock' as const),
      op: fc.constant(':' as const),
      values: fc.uniqueArray(fc.constantFrom('high', 'low', 'in stock'), { minLength: 1, maxLength: 3 }),
      negate: fc.boolean(),
    }),
    fc.record({ field: fc.constant('spot' as const), values: fc.constant<string[]>([]), negate: fc.boolean() }),
    fc.record({
      field: fc.constant('text' as const),
      values: fc.constantFrom('spot', 'count>3', 'gpu:x', 'Spot', 'llama').map((v) => [v]),
      negate: fc.boolean(),
    }),
  );

  it('round-trips: terms → format → parse gives the same terms', () => {
    fc.assert(
      fc.property(fc.array(attributeTerm, { maxLength: 6 }), (generated) => {
        expect(terms(formatTerms(generated))).toEqual(generated);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('matching offers', () => {
  const h100 = priced(24, 8, { gpuType: 'H100_80GB', stockStatus: 'High', region: 'eu_west', country: 'NL' });

  it('gpu: contains, any case; gpu= is the whole type', () => {
    expect(matches('gpu:h100', h100)).toBe(true);
    expect(matches('gpu:A100,H100', h100)).toBe(true);
    expect(matches('gpu=H100', h100)).toBe(false);
    expect(matches('gpu=h100_80gb', h100)).toBe(true);
    expect(matches('-gpu:H100', h100)).toBe(false);
  });

  it('count and price (per GPU-hour) compare as numbers', () => {
    expect(matches('count:8', h100)).toBe(true);
    expect(matches('count>=8 count<=8 count>4 count<16', h100)).toBe(true);
    expect(matches('count>8', h100)).toBe(false);
    expect(matches('price<3.01', h100)).toBe(true);
    expect(matches('price<3', h100)).toBe(false);
    expect(matches('price<=3 price=3 price:3.00', h100)).toBe(true);
    expect(matches('price>2', priced(24, 8, { prices: null }))).toBe(false);
    expect(matches('-price>2', priced(24, 8, { prices: null }))).toBe(true);
  });

  it('stock: is one of the values in any case; region: the country, the region or its first part', () => {
    expect(matches('stock:HIGH', h100)).toBe(true);
    expect(matches('stock:low,medium', h100)).toBe(false);
    for (const where of ['region:eu', 'region:EU_WEST', 'region:nl', 'region=eu_west', 'region:us,eu'])
      expect(matches(where, h100), where).toBe(true);
    for (const where of ['region:e', 'region:west', 'region=eu', 'region:us'])
      expect(matches(where, h100), where).toBe(false);
    // `us` is no part of australia.
    expect(matches('region:us', priced(1, 1, { region: 'australia', country: 'AU' }))).toBe(false);
  });

  it('spot is the spot offers, -spot the others', () => {
    expect(matches('spot', priced(1, 1, { isSpot: true }))).toBe(true);
    expect(matches('spot', h100)).toBe(false);
    expect(matches('-spot', h100)).toBe(true);
  });

  it('combine with the rest of the language: status: is the stock, words search the name', () => {
    expect(matches('status:high runpod gpu:H100 price<3.5', h100)).toBe(true);
    expect(matches('CA-MTL', h100)).toBe(true);
  });
});

describe('where the terms apply', () => {
  it('on the Availability tab, and nowhere else: the same one-line refusal other terms get', () => {
    expect(checkApplicable(filterOf('gpu:H100 count>=8 price<3 stock:high region:eu spot'), view)).toBeNull();
    expect(filterFor('gpu:H100', VIEWS.pods)).toEqual({
      filter: undefined,
      error: "gpu: filters don't apply to Pods, which have no GPU type (they do on Availability)",
    });
    expect(filterFor('price<3', VIEWS.disks).error).toBe(
      "price: filters don't apply to Disks, which have no price per GPU-hour (they do on Availability)",
    );
    expect(filterFor('spot', VIEWS.sandboxes).error).toBe(
      `spot filters don't apply to Sandboxes, which have no spot offers (they do on Availability); to search for the word, quote it: "spot"`,
    );
    expect(filterFor('"spot"', VIEWS.sandboxes).error).toBeNull();
    expect(filterFor('label:x', view).error).toBe("label: filters don't apply to Availability, which have no labels");
  });
});

describe('what goes to the server', () => {
  it('exact terms with documented values: gpu= as gpu_type (spelled as documented), count as gpu_count, region= as regions', () => {
    expect(toOfferQuery(filterOf('gpu=h100_80gb count:8 region=EU_WEST,united_states'))).toEqual({
      gpuType: 'H100_80GB',
      gpuCount: 8,
      regions: ['eu_west', 'united_states'],
    });
    expect(toOfferQuery(filterOf('gpu=rtx3080ti_12gb'))).toEqual({ gpuType: 'RTX3080Ti_12GB' });
  });

  it('nothing the server could narrow more than the client: contains, comparisons, negations, undocumented values', () => {
    for (const input of [
      'gpu:H100',
      'gpu=H100',
      'count>=8',
      'count:8,16',
      '-count:8',
      'region:eu',
      'region=eu_west,mars',
      '-gpu=H100_80GB',
      'stock:high spot price<3',
    ])
      expect(toOfferQuery(filterOf(input)), input).toEqual({});
  });

  it('only ever narrows: an offer the server would drop never passes the client filter', () => {
    const offers = [
      priced(24, 8, { gpuType: 'H100_80GB', region: 'eu_west' }),
      priced(3, 1, { gpuType: 'H100_80GB', region: 'united_states', dataCenter: 'US-1' }),
      priced(30, 8, { gpuType: 'GH200_96GB', region: 'eu_west' }),
      priced(12, 8, { gpuType: 'H200_96GB', region: 'canada' }),
    ];
    for (const input of ['gpu=H100_80GB count:8', 'gpu=H200_96GB', 'region=eu_west gpu:H', 'count=1 -gpu:GH']) {
      const filter = filterOf(input);
      const query = toOfferQuery(filter);
      const passes = compileFilter(filter, view, { showGone: false });
      const server = (o: Offer) =>
        (query.gpuType === undefined || o.gpuType === query.gpuType) &&
        (query.gpuCount === undefined || o.gpuCount === query.gpuCount) &&
        (query.regions === undefined || query.regions.includes(o.region ?? ''));
      for (const row of offers) if (passes(row)) expect(server(row), `${input}: ${row.id}`).toBe(true);
    }
  });

  it('keys and covers: a query covers one that sends as much or more', () => {
    const query = (input: string) => serverQueryFor('availability', filterOf(input), false);
    expect(serverQueryKey('availability', filterOf('gpu:H100 price<3'), false)).toBe(
      serverQueryKey('availability', filterOf(''), false),
    );
    expect(serverQueryCovers(query(''), query('gpu=H100_80GB'))).toBe(true);
    expect(serverQueryCovers(query('region=eu_west,canada'), query('region=canada count:8'))).toBe(true);
    expect(serverQueryCovers(query('gpu=H100_80GB'), query(''))).toBe(false);
    expect(serverQueryCovers(query('region=canada'), query('region=eu_west,canada'))).toBe(false);
    expect(serverQueryCovers(query('count:8'), query('count:4'))).toBe(false);
  });
});
