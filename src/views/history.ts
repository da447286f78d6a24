import type { PodHistory } from '../api/prime/schemas.js';
import { age, dollars, money, MISSING, parseTime, plain, span } from './format.js';
import { ageColumn, defineView } from './resource.js';

function gpu(entry: PodHistory): string {
  if (!entry.gpuName) return MISSING;
  return entry.gpuCount && entry.gpuCount > 1 ? `${entry.gpuName}×${entry.gpuCount}` : entry.gpuName;
}

/** How long the pod ran, from creation to its end. */
function ranFor(entry: PodHistory): number | null {
  const start = parseTime(entry.createdAt);
  const end = parseTime(entry.terminatedAt);
  return start === null || end === null ? null : Math.max(0, end - start);
}

/**
 * Pods that have ended (`prime pods history`): what ran, for how long, at
 * what price, and what it cost in all. Nothing here changes once written,
 * so it is polled slowly, has no status and no actions but copying its id.
 */
export const historyView = defineView<PodHistory>({
  kind: 'history',
  title: 'History',
  singular: 'ended pod',
  plural: 'ended pods',
  statusColumn: false,
  // Newest first: the ENDED column sorts by time, most recent at the top.
  defaultSort: { columnId: 'ended', descending: false },
  getStatus: () => '',
  getTime: (entry) => entry.terminatedAt,
  total: { of: (entry) => entry.totalBilledPrice ?? 0, describe: (sum) => `${dollars(sum)} spent` },
  // Every 12 intervals: once a minute at the default 5 s.
  slowPoll: 12,
  columns: (context) => [
    { id: 'gpu', title: 'GPU', minWidth: 12, maxWidth: 22, priority: 1, render: gpu },
    {
      id: 'provider',
      title: 'PROVIDER',
      minWidth: 10,
      maxWidth: 16,
      priority: 3,
      render: (entry) => plain(entry.providerType),
    },
    {
      id: 'price',
      title: '$/HR',
      width: 7,
      align: 'right',
      priority: 2,
      render: (entry) => money(entry.priceHr),
      sortValue: (entry) => entry.priceHr,
      sortRole: 'price',
    },
    // How long ago, as ENDED says it: one way to tell time in one table.
    ageColumn(
      (entry) => entry.createdAt,
      (t) => age(t, context.now),
      'STARTED',
      4,
      undefined,
    ),
    {
      id: 'ran',
      title: 'RAN',
      width: 8,
      align: 'right',
      priority: 2,
      render: (entry) => span(ranFor(entry)),
      sortValue: ranFor,
    },
    ageColumn(
      (entry) => entry.terminatedAt,
      (t) => age(t, context.now),
      'ENDED',
      1,
    ),
    {
      id: 'cost',
      title: 'COST',
      width: 10,
      align: 'right',
      priority: 0,
      render: (entry) => (entry.totalBilledPrice === null ? MISSING : dollars(entry.totalBilledPrice)),
      sortValue: (entry) => entry.totalBilledPrice,
    },
  ],
});
