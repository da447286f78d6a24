/** Offers as the client reads them, made from raw objects the way the API sends them. */
import { gpuOfferSchema, multiNodeOfferSchema, type Offer } from '../../src/api/prime/offers.js';

const config = (defaultCount: number | null, maxCount: number | null = null) => ({
  minCount: null,
  defaultCount,
  maxCount,
  pricePerUnit: null,
  step: null,
  defaultIncludedInPrice: null,
  additionalInfo: null,
});

/** A single-machine offer in Canada, Low on stock, $2.50 an hour on demand, with `raw` over it. */
export function rawOffer(raw: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cloudId: 'NVIDIA H100 80GB HBM3',
    gpuType: 'H100_80GB',
    socket: 'SXM5',
    provider: 'runpod',
    region: 'canada',
    dataCenter: 'CA-MTL-1',
    country: 'CA',
    gpuCount: 1,
    gpuMemory: 80,
    disk: config(120, 3000),
    sharedDisk: config(null),
    vcpu: config(28),
    memory: config(251),
    internetSpeed: null,
    interconnect: null,
    interconnectType: null,
    provisioningTime: null,
    stockStatus: 'Low',
    security: 'secure_cloud',
    prices: { onDemand: 2.5, communityPrice: null, isVariable: null, currency: 'USD' },
    images: ['ubuntu_22_cuda_12'],
    isSpot: null,
    prepaidTime: null,
    ...raw,
  };
}

export function offer(raw: Record<string, unknown> = {}, multiNode = false): Offer {
  return (multiNode ? multiNodeOfferSchema : gpuOfferSchema).parse(rawOffer(raw));
}
