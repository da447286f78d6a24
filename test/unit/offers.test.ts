/**
 * The pure parts of an offer: how it is read, what names it, what it costs
 * (the official client's rule), its official short id, and how the
 * Availability tab shows it.
 */
import { describe, expect, it } from 'vitest';
import { gpuOfferSchema, officialShortId, offerKey, offerPrice, pricePerGpu } from '../../src/api/prime/offers.js';
import { parseTab } from '../../src/config/flags.js';
import { DEFAULT_KEYMAP } from '../../src/input/bindings.js';
import { parseCommandLine } from '../../src/input/command-line.js';
import { VIEWS } from '../../src/views/index.js';
import { renderCell } from '../../src/views/table/columns.js';
import { decoration, PLAIN } from '../../src/views/table/decoration.js';
import { offer, rawOffer } from '../helpers/offers.js';

const prices = (onDemand: number | null, communityPrice: number | null) => ({
  prices: { onDemand, communityPrice, isVariable: null, currency: 'USD' },
});

describe('the price of an offer, as the official Prices.price computes it', () => {
  it('is the community price when there is one, even beside an on-demand price', () => {
    expect(offerPrice(offer(prices(27.92, 19.92)))).toBe(19.92);
    expect(offerPrice(offer(prices(null, 19.92)))).toBe(19.92);
  });

  it('is the on-demand price without a community price, and none (n/a) without either', () => {
    expect(offerPrice(offer(prices(27.92, null)))).toBe(27.92);
    expect(offerPrice(offer(prices(null, null)))).toBeNull();
    expect(offerPrice(offer({ prices: null }))).toBeNull();
  });

  it('per GPU-hour divides by the GPU count, and is none without a count', () => {
    expect(pricePerGpu(offer({ ...prices(24, null), gpuCount: 8 }))).toBe(3);
    expect(pricePerGpu(offer({ ...prices(24, null), gpuCount: 0 }))).toBeNull();
    expect(pricePerGpu(offer({ ...prices(null, null), gpuCount: 8 }))).toBeNull();
  });
});

describe("an offer's identity", () => {
  it('stays while its stock, price and defaults move', () => {
    const before = offer();
    const after = offer({ stockStatus: 'High', ...prices(1.99, null), vcpu: { defaultCount: 32 } });
    expect(after.id).toBe(before.id);
    expect(before.id).toBe('NVIDIA H100 80GB HBM3|runpod|CA-MTL-1|SXM5|1|secure_cloud');
  });

  it('differs for another data center, size, socket, security, a spot offer and a cluster', () => {
    const ids = new Set([
      offer().id,
      offer({ dataCenter: 'CA-MTL-3' }).id,
      offer({ gpuCount: 8 }).id,
      offer({ socket: 'PCIe' }).id,
      offer({ security: 'community_cloud' }).id,
      offer({ isSpot: true }).id,
      offer({}, true).id,
    ]);
    expect(ids.size).toBe(7);
    expect(offerKey({ ...offer(), provider: null, dataCenter: null })).toBe(
      'NVIDIA H100 80GB HBM3|-|-|SXM5|1|secure_cloud',
    );
  });
});

describe('reading an offer leniently', () => {
  it('keeps values the docs do not list, as sent', () => {
    const read = offer({ stockStatus: ' Scarce ', socket: 'OAM', security: 'sovereign_cloud' });
    expect(read).toMatchObject({ stockStatus: 'Scarce', socket: 'OAM', security: 'sovereign_cloud' });
  });

  it('takes numbers as strings, nulls and odd nested values without losing the offer', () => {
    const read = offer({ gpuCount: '8', disk: null, vcpu: 'many', prices: { onDemand: '3.5' }, images: null });
    expect(read).toMatchObject({ gpuCount: 8, disk: null, vcpu: null, images: [] });
    expect(offerPrice(read)).toBe(3.5);
  });

  it('needs a cloud id, and only that', () => {
    expect(gpuOfferSchema.safeParse(rawOffer({ cloudId: null })).success).toBe(false);
    expect(gpuOfferSchema.safeParse({ cloudId: 'x' }).success).toBe(true);
  });
});

describe("the official client's short id (prime availability list's ID, prime pods create --id)", () => {
  it('is the first six hex digits of the MD5 the client computes', () => {
    const a100 = offer({
      cloudId: 'NVIDIA A100 80GB PCIe',
      gpuType: 'A100_80GB',
      socket: 'PCIe',
      country: 'US',
      dataCenter: 'US-KS-2',
      memory: { defaultCount: 125 },
      vcpu: { defaultCount: 14 },
    });
    expect(officialShortId(a100)).toBe('b29381');
    expect(officialShortId(offer())).toBe('a2fdf9');
  });

  it('writes missing values as the client writes them (N/A, None)', () => {
    const bare = gpuOfferSchema.parse({ cloudId: 'x', gpuType: 'H100_80GB', gpuCount: 8 });
    expect(officialShortId(bare)).toBe('97a654');
  });
});

describe('the Availability tab', () => {
  const view = VIEWS.availability;

  it('is tab 6, :availability (:av), --tab availability, from its declaration', () => {
    expect(DEFAULT_KEYMAP.tabAvailability).toEqual(['6']);
    for (const name of ['availability', 'av', 'avail'])
      expect(parseCommandLine(name)).toEqual({ ok: true, command: { type: 'tab', kind: 'availability' } });
    expect(parseTab('availability')).toBe('availability');
  });
  const columns = view.columns({ now: 0 });
  const cell = (id: string, row = offer(), decorated = PLAIN) =>
    renderCell(
      columns.find((column) => column.id === id)!,
      row,
      decorated,
    );

  it('shows GPU type × count, stock as the client colours it, both prices, the location and the terms', () => {
    const row = offer({ ...prices(27.92, 19.92), gpuCount: 8, isSpot: true, security: 'community_cloud' });
    expect(cell('name', row).text).toBe('H100_80GB×8');
    expect(cell('price', row).text).toBe('$19.92');
    expect(cell('gpu-price', row).text).toBe('$2.49');
    expect(cell('location', row).text).toBe('CA-MTL-1, CA');
    expect(cell('security', row).text).toBe('community');
    expect(cell('spot', row).text).toBe('spot');
    expect(cell('disk', row).text).toBe('120 GB+');
    expect(cell('id', row).text).toMatch(/^[0-9a-f]{6}$/);
    expect(cell('price', offer(prices(null, null))).text).toBe('n/a');
    expect(cell('interconnect', offer({ interconnect: 3200, interconnectType: 'InfiniBand' }, true)).text).toBe(
      '3200 Gbps InfiniBand',
    );
  });

  it('colours High, Medium and Low as the official client does, by theme role, and anything else plainly', () => {
    expect(cell('status', offer({ stockStatus: 'High' }))).toMatchObject({ text: 'High', color: 'success' });
    expect(cell('status', offer({ stockStatus: 'Medium' }))).toMatchObject({ text: 'Medium', color: 'warning' });
    expect(cell('status', offer({ stockStatus: 'Low' }))).toMatchObject({ text: 'Low', color: 'error' });
    for (const stock of ['Available', 'Unavailable', 'Scarce'])
      expect(cell('status', offer({ stockStatus: stock })).color).toBeUndefined();
    expect(columns.find((column) => column.id === 'status')?.title).toBe('STOCK');
  });

  it('shows a stock change and a price change on the row while it is highlighted', () => {
    const row = offer({ stockStatus: 'High', ...prices(19.92, null) });
    const changed = decoration({ kind: 'changed', from: 'Low', values: { price: '$27.92' } }, false);
    expect(cell('status', row, changed)).toMatchObject({ from: 'Low', text: 'High', color: 'success', bold: true });
    expect(cell('price', row, changed)).toMatchObject({ from: '$27.92', text: '$19.92', bold: true });
    const priceOnly = decoration({ kind: 'changed', from: null, values: { price: '$27.92' } }, false);
    expect(cell('status', row, priceOnly).text).toBe('High');
    expect(priceOnly.key).not.toBe(decoration({ kind: 'changed', from: null }, false).key);
  });

  it('sorts cheapest per GPU-hour first, has no delete, and copies the command that rents the offer', () => {
    expect(view.defaultSort).toEqual({ columnId: 'gpu-price', descending: false });
    expect(view.actions.map((action) => action.id)).toEqual(['copy', 'copyId']);
    const copy = view.actions[0]!;
    if (copy.id !== 'copy') throw new Error('copy first');
    expect(copy.copy(offer())).toMatchObject({ text: 'prime pods create --id a2fdf9' });
    expect(view.getName(offer({ isSpot: true }))).toBe('H100_80GB×1 runpod CA-MTL-1 spot');
  });
});
