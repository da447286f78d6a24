/**
 * The simulated GPU market behind `GET /api/v1/availability/gpus` and
 * `/availability/multi-node`: single machines and clusters in data centers
 * around the world, some rented at a community price, some on demand, some
 * spot. With churn on, stock moves a step now and then, prices drift a few
 * per cent, and offers vanish and appear; the control API (control.ts) sets
 * any of it by hand, so a test can make `Low → High` happen when it wants.
 *
 * An offer's wire object has no id (the API gives none); the market knows
 * each by its own handle (`offer-0007`), which only the control API shows.
 * Like the world (world.ts), it moves only through `stepTo`, firing due
 * events in time order, so a seed and a sequence of calls give one history.
 */
import { GPU_OFFER_WEIGHTS, POD_ENVIRONMENTS, POD_PROVIDERS, type GpuOffer } from '../catalog.js';
import { Rng } from '../random.js';
import { MINUTE, SECOND } from '../time.js';
import type { GpuAvailability, OfferResourceConfig } from '../wire-types.js';

export type OfferEndpoint = 'gpus' | 'multi-node';
export const OFFER_ENDPOINTS: readonly OfferEndpoint[] = ['gpus', 'multi-node'];

export interface OfferRecord {
  /** The market's handle for the offer (the wire object has no id). */
  id: string;
  endpoint: OfferEndpoint;
  offer: GpuAvailability;
}

export interface OfferCounts {
  gpus: number;
  multiNode: number;
}

/** Two pages of each, so that a client must read past the first (100 a page at most). */
export const DEFAULT_OFFER_COUNTS: Readonly<OfferCounts> = { gpus: 140, multiNode: 110 };

/** Where offers are, with the API's `Regions` value for each country. */
const DATA_CENTERS: readonly { dataCenter: string; country: string; region: string }[] = [
  { dataCenter: 'US-KS-2', country: 'US', region: 'united_states' },
  { dataCenter: 'US-CA-2', country: 'US', region: 'united_states' },
  { dataCenter: 'US-TX-3', country: 'US', region: 'united_states' },
  { dataCenter: 'US-WA-1', country: 'US', region: 'united_states' },
  { dataCenter: 'CA-MTL-1', country: 'CA', region: 'canada' },
  { dataCenter: 'CA-MTL-3', country: 'CA', region: 'canada' },
  { dataCenter: 'FIN-01', country: 'FI', region: 'eu_north' },
  { dataCenter: 'ICE-01', country: 'IS', region: 'eu_north' },
  { dataCenter: 'EU-NL-1', country: 'NL', region: 'eu_west' },
  { dataCenter: 'EU-FR-1', country: 'FR', region: 'eu_west' },
  { dataCenter: 'EU-CZ-1', country: 'CZ', region: 'eu_east' },
  { dataCenter: 'AP-JP-1', country: 'JP', region: 'asia_northeast' },
  { dataCenter: 'AP-IN-1', country: 'IN', region: 'asia_south' },
  { dataCenter: 'AU-SYD-1', country: 'AU', region: 'australia' },
  { dataCenter: 'SA-BR-1', country: 'BR', region: 'south_america' },
];

/** The documented stock values, weighted as a busy market looks. */
const STOCK: readonly (readonly [string, number])[] = [
  ['High', 3],
  ['Medium', 3],
  ['Low', 3],
  ['Available', 1],
  ['Unavailable', 1],
];
/** The steps stock drifts along; Available and Unavailable join at the ends. */
const STOCK_STEPS = ['Unavailable', 'Low', 'Medium', 'High'] as const;

/** Mean sim time between one offer's stock or price moving, and between an offer vanishing (or appearing). */
const DRIFT_MEAN_MS = 45 * SECOND;
const TURNOVER_MEAN_MS = 6 * MINUTE;

const NULL_CONFIG: OfferResourceConfig = {
  minCount: null,
  defaultCount: null,
  maxCount: null,
  pricePerUnit: null,
  step: null,
  defaultIncludedInPrice: null,
  additionalInfo: null,
};

const round = (value: number, places: number): number => Math.round(value * 10 ** places) / 10 ** places;

export class OfferMarket {
  private readonly records: OfferRecord[] = [];
  private readonly rng: Rng;
  private serial = 0;
  private time: number;
  private nextDrift: number;
  private nextTurnover: number;

  constructor(
    seed: number,
    startTime: number,
    private readonly churn: boolean,
    counts: OfferCounts = DEFAULT_OFFER_COUNTS,
  ) {
    // Its own stream: adding offers must not change the seeded pods, disks and sandboxes.
    this.rng = new Rng((seed ^ 0x0ff3e5) >>> 0);
    this.time = startTime;
    for (let i = 0; i < counts.gpus; i++) this.insert('gpus', this.create('gpus'));
    for (let i = 0; i < counts.multiNode; i++) this.insert('multi-node', this.create('multi-node'));
    this.nextDrift = startTime + this.wait(DRIFT_MEAN_MS);
    this.nextTurnover = startTime + this.wait(TURNOVER_MEAN_MS);
  }

  /** Brings the market up to `target`: with churn, stock and prices drift and offers come and go, in time order. */
  stepTo(target: number): void {
    while (this.churn && Math.min(this.nextDrift, this.nextTurnover) <= target) {
      if (this.nextDrift <= this.nextTurnover) {
        this.time = this.nextDrift;
        this.drift();
        this.nextDrift = this.time + this.wait(DRIFT_MEAN_MS);
      } else {
        this.time = this.nextTurnover;
        this.turnOver();
        this.nextTurnover = this.time + this.wait(TURNOVER_MEAN_MS);
      }
    }
    this.time = Math.max(this.time, target);
  }

  /** The endpoint's offers, in the market's order (oldest listing first). Shared: do not mutate. */
  list(endpoint: OfferEndpoint): GpuAvailability[] {
    return this.records.filter((record) => record.endpoint === endpoint).map((record) => record.offer);
  }

  all(): readonly OfferRecord[] {
    return this.records;
  }

  get(id: string): OfferRecord | undefined {
    return this.records.find((record) => record.id === id);
  }

  /** Changes an offer as the control API asks: any top-level field, and `prices` field by field. */
  change(id: string, change: Partial<GpuAvailability>): OfferRecord | undefined {
    const record = this.get(id);
    if (!record) return undefined;
    const { prices, ...rest } = change;
    record.offer = { ...record.offer, ...rest, prices: { ...record.offer.prices, ...prices } };
    return record;
  }

  /** A new offer on `endpoint`: a seeded one with `overrides` over it, listed last. */
  add(endpoint: OfferEndpoint, overrides: Partial<GpuAvailability> = {}): OfferRecord {
    const made = this.create(endpoint);
    const { prices, ...rest } = overrides;
    return this.insert(endpoint, { ...made, ...rest, prices: { ...made.prices, ...prices } });
  }

  remove(id: string): boolean {
    const index = this.records.findIndex((record) => record.id === id);
    if (index < 0) return false;
    this.records.splice(index, 1);
    return true;
  }

  private insert(endpoint: OfferEndpoint, offer: GpuAvailability): OfferRecord {
    const record = { id: `offer-${String(++this.serial).padStart(4, '0')}`, endpoint, offer };
    this.records.push(record);
    return record;
  }

  private wait(mean: number): number {
    return Math.round(this.rng.exponential(mean)) + SECOND;
  }

  /** One offer's stock moves a step, or its price a few per cent. */
  private drift(): void {
    if (this.records.length === 0) return;
    const record = this.rng.pick(this.records);
    const { offer } = record;
    if (this.rng.chance(0.6)) {
      const at = STOCK_STEPS.indexOf(offer.stockStatus as (typeof STOCK_STEPS)[number]);
      const from = at < 0 ? 1 : at;
      const to = Math.max(0, Math.min(STOCK_STEPS.length - 1, from + (this.rng.chance(0.5) ? 1 : -1)));
      record.offer = { ...offer, stockStatus: STOCK_STEPS[to]! };
    } else {
      const factor = 1 + this.rng.float(-0.08, 0.08);
      const move = (price: number | null) => (price === null ? null : round(price * factor, 4));
      const prices = {
        ...offer.prices,
        onDemand: move(offer.prices.onDemand),
        communityPrice: move(offer.prices.communityPrice),
      };
      record.offer = { ...offer, prices };
    }
  }

  /** An offer leaves the market and another comes, so the market keeps its size. */
  private turnOver(): void {
    if (this.records.length > 0) this.records.splice(this.rng.int(0, this.records.length - 1), 1);
    const endpoint = this.rng.chance(0.6) ? 'gpus' : 'multi-node';
    this.insert(endpoint, this.create(endpoint));
  }

  /** A plausible offer whose identity (cloud id, provider, data center, socket, size, terms) no listed one has. */
  private create(endpoint: OfferEndpoint): GpuAvailability {
    for (let tries = 0; ; tries++) {
      const offer = this.draw(endpoint);
      if (tries > 20 || !this.records.some((record) => sameOffer(record.offer, offer))) return offer;
    }
  }

  private draw(endpoint: OfferEndpoint): GpuAvailability {
    const rng = this.rng;
    const gpu: GpuOffer = rng.weighted(GPU_OFFER_WEIGHTS);
    const cluster = endpoint === 'multi-node';
    const nodes = cluster ? rng.pick([2, 4, 8]) : 1;
    const perNode = cluster ? 8 : rng.pick(gpu.counts.filter((count) => count <= 8));
    const count = nodes * perNode;
    const socket = rng.pick(gpu.sockets);
    const provider = rng.weighted(POD_PROVIDERS);
    const where = rng.pick(DATA_CENTERS);
    const community = !cluster && rng.chance(0.25);
    const spot = !cluster && !community && rng.chance(0.1);
    const perGpu = rng.float(gpu.priceMin, gpu.priceMax) * (spot ? 0.6 : 1);
    const onDemand = community && rng.chance(0.5) ? null : round(perGpu * count, 4);
    const communityPrice = community ? round(perGpu * count * rng.float(0.7, 0.9), 4) : null;
    const unpriced = rng.chance(0.02);
    const config = (defaultCount: number, maxCount: number | null): OfferResourceConfig => ({
      ...NULL_CONFIG,
      defaultCount,
      maxCount,
    });
    return {
      cloudId: cluster
        ? `${gpu.type}-${socket}-${nodes}x${perNode}`
        : `NVIDIA ${gpu.type.replace(/_/g, ' ')} ${socket}${perNode > 1 ? ` x${perNode}` : ''}`,
      gpuType: gpu.type,
      socket,
      provider,
      region: where.region,
      dataCenter: where.dataCenter,
      country: where.country,
      gpuCount: count,
      gpuMemory: gpu.vramGb,
      disk: {
        ...config(rng.pick([100, 120, 500, 1000]) * nodes, rng.chance(0.6) ? 8000 * nodes : null),
        minCount: 50,
        pricePerUnit: 0.00014,
        step: 1,
        defaultIncludedInPrice: false,
      },
      sharedDisk: NULL_CONFIG,
      vcpu: config(count * rng.pick([8, 12, 16, 24, 32]), null),
      memory: config(count * rng.pick([64, 96, 128, 192, 256]), null),
      internetSpeed: rng.chance(0.7) ? rng.pick([1000, 2500, 10000]) : null,
      interconnect: cluster ? rng.pick([400, 800, 1600, 3200]) : null,
      interconnectType: cluster ? rng.pick(['InfiniBand', 'RoCE']) : null,
      provisioningTime: rng.chance(0.5) ? rng.int(2, 30) : null,
      stockStatus: rng.weighted(STOCK),
      security: community ? 'community_cloud' : 'secure_cloud',
      prices: {
        onDemand: unpriced ? null : onDemand,
        communityPrice: unpriced ? null : communityPrice,
        isVariable: spot ? true : null,
        currency: 'USD',
      },
      images: rng.sample(POD_ENVIRONMENTS, rng.int(2, 5)),
      isSpot: spot ? true : null,
      prepaidTime: null,
    };
  }
}

/** The fields that name an offer: two listed offers never share all of them. */
function sameOffer(a: GpuAvailability, b: GpuAvailability): boolean {
  return (
    a.cloudId === b.cloudId &&
    a.provider === b.provider &&
    a.dataCenter === b.dataCenter &&
    a.socket === b.socket &&
    a.gpuCount === b.gpuCount &&
    a.security === b.security &&
    a.isSpot === b.isSpot
  );
}
