/**
 * The Availability tab: the GPU offers to rent, single machines and
 * clusters, as `prime availability list` lists them, live. An offer's status
 * is its stock, so a stock that moves (`Low → High`) is a transition like a
 * pod's; its price is tracked too (`$27.92 → $19.92`), and an offer that
 * appears or goes is an added or removed row like any other. Nothing here
 * can be deleted: the actions are the copies every view has, `c` copying
 * the official client's command to rent the offer.
 */
import { officialShortId, offerPrice, pricePerGpu, type Offer } from '../../api/prime/offers.js';
import { gigabytes, plain } from '../format.js';
import { defineView, type TrackedValue } from '../resource.js';
import { changedFrom } from '../table/decoration.js';
import type { Cell } from '../table/cell.js';
import {
  defaultCount,
  describePriceChange,
  diskText,
  gpuText,
  interconnectText,
  locationText,
  offerName,
  priceText,
  securityText,
  stockCell,
} from './cells.js';

const trackedPrice: TrackedValue<Offer> = {
  id: 'price',
  read: offerPrice,
  format: priceText,
  describe: describePriceChange,
};

/** The price per hour, with the one before while its change is highlighted: `$27.92 → $19.92`. */
function priceCell(offer: Offer, before: string | undefined): Cell | string {
  const now = priceText(offerPrice(offer));
  // The new price whole; the old one gives way first when the column is narrow, as a status's does.
  return before === undefined ? now : { from: before, text: now, bold: true };
}

export const availabilityView = defineView<Offer>({
  kind: 'availability',
  title: 'Availability',
  singular: 'offer',
  getName: offerName,
  getStatus: (offer) => offer.stockStatus,
  // `RTX_PRO_6000B_96GB×8` at most; the room left goes to where and who.
  nameColumn: { title: 'GPU', render: gpuText, minWidth: 17, maxWidth: 22 },
  statusLook: { title: 'STOCK', cell: stockCell },
  // A stock level never ends: `a` has no terminated offers to show.
  endedRows: false,
  // Cheapest compute first, whatever the size of the machine.
  defaultSort: { columnId: 'gpu-price', descending: false },
  tracked: [trackedPrice],
  // Offers change over minutes, and the endpoints document no rate limit to stay within: see src/data/polling.ts.
  pace: { visibleMs: 60_000, hiddenMs: 300_000 },
  attributes: {
    gpu: (offer) => offer.gpuType,
    count: (offer) => offer.gpuCount,
    price: pricePerGpu,
    stock: (offer) => offer.stockStatus,
    region: (offer) => ({ region: offer.region, country: offer.country }),
    spot: (offer) => offer.isSpot === true,
  },
  // What rents this offer with the official client, which finds an offer by its short id.
  copy: {
    label: '`prime pods create` command',
    copy: (offer) => ({
      what: `the command that rents offer ${offerName(offer)}`,
      text: `prime pods create --id ${officialShortId(offer)}`,
    }),
  },
  columns: () => [
    { id: 'socket', title: 'SOCKET', width: 6, priority: 3, render: (offer) => plain(offer.socket) },
    {
      id: 'provider',
      title: 'PROVIDER',
      minWidth: 12,
      flex: 1,
      maxWidth: 16,
      priority: 1,
      render: (offer) => plain(offer.provider),
    },
    { id: 'location', title: 'LOCATION', minWidth: 14, flex: 2, maxWidth: 24, priority: 1, render: locationText },
    {
      id: 'price',
      title: '$/HR',
      // Room for `$27.92 → $19.92` while a change is highlighted.
      minWidth: 8,
      flex: 1,
      maxWidth: 16,
      align: 'right',
      priority: 1,
      render: (offer, decoration) => priceCell(offer, changedFrom(decoration, trackedPrice.id)),
      sortValue: offerPrice,
    },
    {
      id: 'gpu-price',
      title: '$/GPU·HR',
      width: 9,
      align: 'right',
      priority: 1,
      render: (offer) => priceText(pricePerGpu(offer)),
      sortValue: pricePerGpu,
    },
    { id: 'security', title: 'SECURITY', width: 9, priority: 3, render: (offer) => securityText(offer.security) },
    {
      id: 'vcpus',
      title: 'VCPU',
      width: 5,
      align: 'right',
      priority: 4,
      render: (offer) => plain(defaultCount(offer.vcpu)),
      sortValue: (offer) => defaultCount(offer.vcpu),
    },
    {
      id: 'ram',
      title: 'RAM',
      width: 7,
      align: 'right',
      priority: 4,
      render: (offer) => gigabytes(defaultCount(offer.memory)),
      sortValue: (offer) => defaultCount(offer.memory),
    },
    {
      id: 'disk',
      title: 'DISK',
      width: 8,
      align: 'right',
      priority: 5,
      render: (offer) => diskText(offer.disk),
      sortValue: (offer) => defaultCount(offer.disk),
    },
    {
      id: 'interconnect',
      title: 'INTERCONNECT',
      minWidth: 14,
      maxWidth: 18,
      flex: 1,
      priority: 5,
      render: interconnectText,
      sortValue: (offer) => offer.interconnect,
    },
    { id: 'spot', title: 'SPOT', width: 4, priority: 3, render: (offer) => (offer.isSpot === true ? 'spot' : '') },
    { id: 'id', title: 'ID', width: 6, priority: 6, render: officialShortId },
  ],
});
