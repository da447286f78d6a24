/**
 * `GET /api/v1/availability/gpus` and `GET /api/v1/availability/multi-node`
 * as the docs page "Check GPU availability" and the API's published OpenAPI
 * describe them (spec/prime/availability.schema.json): `page` from 1,
 * `page_size` 1 to 100 (default 100; more is a 422), the filters
 * `regions` (repeated), `gpu_count`, `gpu_type`, `socket`, `security`,
 * `data_center_id` and `cloud_id`, each compared exactly; the answer
 * `{items, totalCount}` (the total after filtering). Enum parameters take
 * only their documented values, as FastAPI validates them.
 */
import type { OfferEndpoint } from '../kinds/offers.js';
import type { AvailabilityPage, GpuAvailability } from '../wire-types.js';
import { QueryReader } from './query-params.js';
import type { ApiRequest, PrimeDeps } from './prime-request.js';
import { json, primeValidationError, type SimResponse } from './responses.js';

export const AVAILABILITY_MAX_PAGE_SIZE = 100;

/** The `Regions` enum. */
export const SIM_REGIONS = [
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
] as const;

/** The `GPUType` enum. */
export const SIM_GPU_TYPES = [
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
] as const;

const SOCKETS = ['PCIe', 'SXM2', 'SXM3', 'SXM4', 'SXM5', 'SXM6'] as const;
const SECURITY = ['secure_cloud', 'community_cloud'] as const;

export function listGpuOffers(req: ApiRequest, deps: PrimeDeps): SimResponse {
  return offerPage(req, deps, 'gpus');
}

export function listMultiNodeOffers(req: ApiRequest, deps: PrimeDeps): SimResponse {
  return offerPage(req, deps, 'multi-node');
}

function offerPage(req: ApiRequest, { world }: PrimeDeps, endpoint: OfferEndpoint): SimResponse {
  const q = new QueryReader(req.query);
  const page = q.int('page', { default: 1, min: 1 });
  const pageSize = q.int('page_size', { default: AVAILABILITY_MAX_PAGE_SIZE, min: 1, max: AVAILABILITY_MAX_PAGE_SIZE });
  const regions = q.strings('regions');
  const badRegion = regions.find((region) => !(SIM_REGIONS as readonly string[]).includes(region));
  if (badRegion !== undefined)
    q.errors.push({ param: 'regions', details: `Input should be one of the Regions values, got '${badRegion}'` });
  const gpuCount = q.string('gpu_count') === undefined ? undefined : q.int('gpu_count', { default: 0 });
  const gpuType = q.oneOf('gpu_type', SIM_GPU_TYPES);
  const socket = q.oneOf('socket', SOCKETS);
  const security = q.oneOf('security', SECURITY);
  const dataCenter = q.string('data_center_id');
  const cloudId = q.string('cloud_id');
  if (q.errors.length) return primeValidationError(q.errors);

  const matches = (offer: GpuAvailability): boolean =>
    (regions.length === 0 || (offer.region !== null && regions.includes(offer.region))) &&
    (gpuCount === undefined || offer.gpuCount === gpuCount) &&
    (gpuType === undefined || offer.gpuType === gpuType) &&
    (socket === undefined || offer.socket === socket) &&
    (security === undefined || offer.security === security) &&
    (dataCenter === undefined || offer.dataCenter === dataCenter) &&
    (cloudId === undefined || offer.cloudId === cloudId);
  const offers = world.offers.list(endpoint).filter(matches);
  const start = (page - 1) * pageSize;
  const body: AvailabilityPage = { items: offers.slice(start, start + pageSize), totalCount: offers.length };
  return json(200, body);
}
