/**
 * How an offer's values look in the Availability tab, as `prime availability
 * list` shows them where it shows them (PrimeIntellect-ai/prime,
 * `prime_cli/commands/availability.py` and `utils/display.py`), and where
 * cloudtop shows more (the data center beside the country, per GPU-hour).
 */
import type { Offer, ResourceConfig } from '../../api/prime/offers.js';
import { gigabytes, MISSING, money, plain } from '../format.js';
import type { Cell } from '../table/cell.js';
import type { ColourRole } from '../theme.js';

/** What a missing price shows: the official client prints `N/A` for its infinite price. */
export const NO_PRICE = 'n/a';

/**
 * The stock colours of the official client (`STOCK_STATUS_COLORS`: High
 * green, Medium yellow, Low red), as theme roles. Not the status categories:
 * a Low stock has not failed, and a colour means one thing everywhere; the
 * accent roles for good, heed and bad news are green, yellow and red in the
 * default theme and change with the theme like every colour. Other values
 * (Available, Unavailable, whatever comes later) are drawn plainly, as the
 * client draws them.
 */
const STOCK_ROLES: Readonly<Record<string, ColourRole>> = { high: 'success', medium: 'warning', low: 'error' };

export function stockCell(stock: string): Cell {
  return { text: stock || MISSING, color: STOCK_ROLES[stock.toLowerCase()] };
}

/** `H100_80GB×8`: the GPU type and how many, always (one offer differs from the next by the count). */
export function gpuText(offer: Offer): string {
  return `${offer.gpuType ?? 'GPU'}×${offer.gpuCount ?? '?'}`;
}

/** `CA-MTL-1, CA`: the data center and the country (the official client shows the country alone). */
export function locationText(offer: Offer): string {
  const parts = [offer.dataCenter, offer.country].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(', ') : MISSING;
}

/** How people tell offers apart in events and notifications: `H100_80GB×8 runpod CA-MTL-1 spot`. */
export function offerName(offer: Offer): string {
  const where = offer.dataCenter ?? offer.country;
  return [
    gpuText(offer),
    offer.provider,
    where,
    offer.isSpot === true ? 'spot' : null,
    offer.multiNode ? 'cluster' : null,
  ]
    .filter((part): part is string => Boolean(part))
    .join(' ');
}

export function priceText(price: number | null): string {
  return price === null ? NO_PRICE : money(price);
}

/** `$19.92/hr (-$8.00)`: the new price in an event line, with how far it moved. */
export function describePriceChange(from: number | null, to: number | null): string {
  if (to === null) return NO_PRICE;
  if (from === null) return `${money(to)}/hr`;
  const delta = to - from;
  return `${money(to)}/hr (${delta >= 0 ? '+' : '-'}${money(Math.abs(delta))})`;
}

/**
 * The security column: `community` for a community cloud, as the official
 * client says it; `secure` for the documented other value, where the client
 * says `datacenter` (for a missing value too, which here shows as missing);
 * anything else as sent.
 */
export function securityText(security: string | null): string {
  if (security === 'community_cloud') return 'community';
  if (security === 'secure_cloud') return 'secure';
  return plain(security);
}

/** A default figure of a resource, e.g. vCPUs: `plain` of its default count. */
export const defaultCount = (config: ResourceConfig | null): number | null => config?.defaultCount ?? null;

/** The disk in GB, with `+` when it can be made larger (`120 GB+`), as the official client marks it. */
export function diskText(disk: ResourceConfig | null): string {
  const size = defaultCount(disk);
  if (size === null) return MISSING;
  const grows = disk?.maxCount !== null && disk?.maxCount !== undefined && disk.maxCount !== size;
  return `${gigabytes(size)}${grows ? '+' : ''}`;
}

/** `3200 Gbps IB` between the nodes of a cluster; nothing said for a single machine. */
export function interconnectText(offer: Offer): string {
  if (offer.interconnect === null) return offer.interconnectType ?? MISSING;
  return `${offer.interconnect} Gbps${offer.interconnectType ? ` ${offer.interconnectType}` : ''}`;
}
