/**
 * GPU offers: what `GET /api/v1/availability/gpus` and
 * `GET /api/v1/availability/multi-node` list, item by item. The shape is the
 * official client's `GPUAvailability` model (PrimeIntellect-ai/prime,
 * `packages/prime/src/prime_cli/api/availability.py`, with `DiskConfig`,
 * `ResourceConfig` and `Prices`), read leniently: an unknown stock, socket or
 * security value is kept as sent, a missing figure is null, a nested object
 * that is not one is null. Only `cloudId` is required: without it an offer
 * cannot be told apart from the next.
 *
 * Two fields the model drops are kept, because the API sends them and people
 * filter by them: `region` (the API's `Regions` value, e.g. `eu_west`) and
 * `sharedDisk`. Two are cloudtop's own, added here: `id`, the offer's identity
 * across polls (offerKey), and `multiNode`, which endpoint listed it.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { boolean, count, id, looseItems, number, stringList, text } from '../lenient.js';

/** An object the API may send as null or leave out: the object (its fields lenient), or null. */
function optionalObject<T extends z.ZodType>(schema: T) {
  return z
    .unknown()
    .optional()
    .transform((value): z.output<T> | null => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
      const parsed = schema.safeParse(value);
      return parsed.success ? parsed.data : null;
    });
}

/** `DiskConfig` and `ResourceConfig` (the same fields): what a figure defaults to and what it may be. */
const resourceConfigSchema = z.looseObject({
  minCount: number,
  defaultCount: number,
  maxCount: number,
  pricePerUnit: number,
  step: number,
  defaultIncludedInPrice: boolean,
  additionalInfo: text,
});
export type ResourceConfig = z.output<typeof resourceConfigSchema>;

const pricesSchema = z.looseObject({
  onDemand: number,
  communityPrice: number,
  isVariable: boolean,
  currency: text,
});
export type Prices = z.output<typeof pricesSchema>;

/** A value the API names from a list it may extend (stock, for one): kept as sent, trimmed; '' when absent. */
const asSent = z
  .unknown()
  .optional()
  .transform((value): string => (typeof value === 'string' ? value.trim() : ''));

const offerFields = z.looseObject({
  cloudId: id,
  gpuType: text,
  socket: text,
  provider: text,
  dataCenter: text,
  country: text,
  region: text,
  gpuCount: number,
  /** GB of memory per GPU. */
  gpuMemory: number,
  disk: optionalObject(resourceConfigSchema),
  sharedDisk: optionalObject(resourceConfigSchema),
  vcpu: optionalObject(resourceConfigSchema),
  /** GB of RAM. */
  memory: optionalObject(resourceConfigSchema),
  internetSpeed: number,
  /** Gbps between the nodes of a multi-node offer. */
  interconnect: number,
  interconnectType: text,
  provisioningTime: number,
  /** The docs' enum: Available, Low, Medium, High, Unavailable; shown as sent, whatever it is. */
  stockStatus: asSent,
  /** `secure_cloud` or `community_cloud` as documented. */
  security: text,
  prices: optionalObject(pricesSchema),
  images: stringList,
  isSpot: boolean,
  prepaidTime: number,
});

type OfferFields = z.output<typeof offerFields>;

export interface Offer extends OfferFields {
  /** cloudtop's identity of the offer across polls: offerKey. */
  id: string;
  /** Listed by `/availability/multi-node` (a cluster), not `/availability/gpus`. */
  multiNode: boolean;
}

/** The item schema of one endpoint: the offer, with its identity and where it came from. */
function offerSchema(multiNode: boolean): z.ZodType<Offer> {
  return offerFields.transform((offer): Offer => ({ ...offer, id: offerKey({ ...offer, multiNode }), multiNode }));
}

export const gpuOfferSchema = offerSchema(false);
export const multiNodeOfferSchema = offerSchema(true);

/** `{items, totalCount}` (the API's `AvailabilityResponse`); items are read one by one (list-page.ts). */
export const availabilityPageSchema = z.looseObject({ items: looseItems, totalCount: count });

/**
 * What names an offer, so that it keeps its identity from one poll to the
 * next while its stock and price move: the machine (`cloudId`), who rents it
 * out and where, how it is built (socket, GPU count), and on what terms
 * (security, spot, multi-node). The official client has no such key: its
 * short id (officialShortId) also hashes the default vCPUs and RAM, which a
 * provider may change without the offer becoming another.
 */
export function offerKey(
  offer: Pick<
    Offer,
    'cloudId' | 'provider' | 'dataCenter' | 'socket' | 'gpuCount' | 'security' | 'isSpot' | 'multiNode'
  >,
): string {
  const parts = [offer.cloudId, offer.provider, offer.dataCenter, offer.socket, offer.gpuCount, offer.security];
  const key = parts.map((part) => (part === null ? '-' : String(part))).join('|');
  return `${key}${offer.isSpot === true ? '|spot' : ''}${offer.multiNode ? '|multi-node' : ''}`;
}

/**
 * What the offer costs per hour, as the official client's `Prices.price`
 * computes it: the community price when there is one (it wins over the
 * on-demand price when both are there), else the on-demand price; null where
 * the client says infinity (shown as n/a, sorted last).
 */
export function offerPrice(offer: Pick<Offer, 'prices'>): number | null {
  return offer.prices?.communityPrice ?? offer.prices?.onDemand ?? null;
}

/** The price per GPU-hour: what offers of different sizes are compared by. Null without a price or a GPU count. */
export function pricePerGpu(offer: Pick<Offer, 'prices' | 'gpuCount'>): number | null {
  const price = offerPrice(offer);
  if (price === null || offer.gpuCount === null || offer.gpuCount <= 0) return null;
  return price / offer.gpuCount;
}

/**
 * The six hex digits `prime availability list` shows as an offer's ID and
 * `prime pods create --id` looks offers up by (the official client's
 * `helper/short_id.py`): the MD5 of the offer's cloud id, GPU type, socket,
 * country and data center, provider, default RAM and vCPUs and GPU count,
 * written as that function writes them (`N/A` for a missing text, `None`
 * for a missing figure).
 */
export function officialShortId(
  offer: Pick<
    Offer,
    'cloudId' | 'gpuType' | 'socket' | 'country' | 'dataCenter' | 'provider' | 'memory' | 'vcpu' | 'gpuCount'
  >,
): string {
  const textOf = (value: string | null): string => value ?? 'N/A';
  const figure = (value: number | null | undefined): string =>
    value === null || value === undefined ? 'None' : String(value);
  const source =
    `${offer.cloudId}-${textOf(offer.gpuType)}-${textOf(offer.socket)}-${textOf(offer.country)} - ` +
    `${textOf(offer.dataCenter)}-${textOf(offer.provider)}-${figure(offer.memory?.defaultCount)}-` +
    `${figure(offer.vcpu?.defaultCount)}-${figure(offer.gpuCount)}`;
  return createHash('md5').update(source, 'utf8').digest('hex').slice(0, 6);
}

/**
 * The API's `Regions` values, from its published OpenAPI (the same list the
 * docs page "Check GPU availability" names): a `region=` filter goes to the
 * server only for one of these, spelled as here.
 */
export const OFFER_REGIONS: readonly string[] = [
  'africa',
  'asia_south',
  'asia_northeast',
  'australia',
  'canada',
  'eu_east',
  'eu_north',
  'eu_west',
  'middle_east',
  'south_america',
  'united_states',
];

/**
 * The API's `GPUType` values, from the same OpenAPI: a `gpu=` filter goes to
 * the server only for one of these, spelled as here (the names mix cases:
 * `RTX3080Ti_12GB`, `RTX6000Ada_48GB`).
 */
export const OFFER_GPU_TYPES: readonly string[] = [
  'CPU_NODE',
  'A10_24GB',
  'A100_80GB',
  'A100_40GB',
  'A30_24GB',
  'A40_48GB',
  'B200_180GB',
  'B300_262GB',
  'GB200',
  'GB300',
  'RTX3070_8GB',
  'RTX3080_10GB',
  'RTX3080Ti_12GB',
  'RTX3090_24GB',
  'RTX3090Ti_24GB',
  'RTX4070Ti_12GB',
  'RTX4080_16GB',
  'RTX4080Ti_16GB',
  'RTX4090_24GB',
  'RTX5090_32GB',
  'H100_80GB',
  'H200_96GB',
  'GH200_96GB',
  'H200_141GB',
  'GH200_480GB',
  'GH200_624GB',
  'L4_24GB',
  'L40_48GB',
  'L40S_48GB',
  'RTX4000_8GB',
  'RTX5000_16GB',
  'RTX6000_24GB',
  'RTX8000_48GB',
  'RTX2000Ada_16GB',
  'RTX4000Ada_20GB',
  'RTX5000Ada_32GB',
  'RTX6000Ada_48GB',
  'A2000_6GB',
  'A4000_16GB',
  'A4500_20GB',
  'A5000_24GB',
  'A6000_48GB',
  'V100_16GB',
  'V100_32GB',
  'P100_16GB',
  'T4_16GB',
  'P4_8GB',
  'P40_24GB',
  'RTX_PRO_6000B_96GB',
];
