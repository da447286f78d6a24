import type { Sandbox } from '../api/prime/schemas.js';
import { age, gigabytes, MISSING, parseTime, plain, remaining } from './format.js';
import { DELETE_KEY, LOGS_KEY, type DeleteAction, type LogsAction } from './actions.js';
import { ageColumn, defineView } from './resource.js';
import { isEndedStatus, isFailedStatus } from './status.js';
import type { Cell } from './table/cell.js';

function gpu(sandbox: Sandbox): string {
  if (!sandbox.gpuCount) return MISSING;
  const type = sandbox.gpuType ?? 'GPU';
  return sandbox.gpuCount > 1 ? `${type}×${sandbox.gpuCount}` : type;
}

function cores(value: number | null): string {
  return value === null ? MISSING : `${value}`;
}

/** Below this much time left, the cell turns to the warning colour. */
const EXPIRING_SOON_MS = 5 * 60_000;

/**
 * Time left before the sandbox's timeout ends it. As the official client
 * counts it (`prime sandbox list`, its "Expires" column): from `startedAt`,
 * and only while RUNNING, as the backend's scheduler does. Before that the
 * configured timeout is shown in brackets (not counting yet); an ended
 * sandbox has none.
 */
export function timeLeft(sandbox: Sandbox, now: number): Cell {
  if (sandbox.timeoutMinutes === null || isEndedStatus(sandbox.status) || isFailedStatus(sandbox.status))
    return { text: MISSING };
  const started = parseTime(sandbox.startedAt);
  if (sandbox.status !== 'RUNNING' || started === null)
    return { text: `(${remaining(sandbox.timeoutMinutes * 60_000)})`, dim: true };
  const left = started + sandbox.timeoutMinutes * 60_000 - now;
  if (left <= 0) return { text: 'expiring', color: 'warning' };
  return left < EXPIRING_SOON_MS ? { text: remaining(left), color: 'warning' } : { text: remaining(left) };
}

/** After every running sandbox's deadline (an epoch in ms) in sort order. */
const NOT_COUNTING_YET = 1e15;

/**
 * Sorts like the cells read, soonest first: running sandboxes by their
 * deadline, then those not counting yet by their timeout, ended ones last.
 * By deadline rather than time left so the order does not depend on the clock.
 */
function timeLeftOrder(sandbox: Sandbox): number | null {
  if (sandbox.timeoutMinutes === null || isEndedStatus(sandbox.status) || isFailedStatus(sandbox.status)) return null;
  const started = parseTime(sandbox.startedAt);
  if (sandbox.status !== 'RUNNING' || started === null) return NOT_COUNTING_YET + sandbox.timeoutMinutes * 60_000;
  return started + sandbox.timeoutMinutes * 60_000;
}

/** `prime sandbox delete`: one by one, or marked ones together in bulk requests (src/data/sources.ts). */
const deleteSandbox: DeleteAction<Sandbox> = {
  id: 'delete',
  key: DELETE_KEY,
  destructive: true,
  multiple: true,
  target: (sandbox) => ({
    id: sandbox.id,
    name: sandbox.name || sandbox.id,
    fields: [
      { label: 'image', text: plain(sandbox.dockerImage) },
      { label: 'status', status: sandbox.status },
      { label: 'labels', text: sandbox.labels.length > 0 ? sandbox.labels.join(', ') : MISSING },
      { label: 'age', since: sandbox.createdAt },
    ],
    columns: [
      { title: 'IMAGE', width: 24, priority: 3, text: plain(sandbox.dockerImage) },
      { title: 'STATUS', width: 14, priority: 1, status: sandbox.status },
      { title: 'LABELS', width: 20, priority: 4, text: sandbox.labels.join(',') },
    ],
  }),
  warning: {
    one: 'This terminates the sandbox and whatever runs in it.',
    many: 'This terminates every sandbox listed and whatever runs in them.',
  },
  permissionHint: 'the API key needs Sandboxes → Read and Write to delete sandboxes',
};

const sandboxLogs: LogsAction = { id: 'logs', key: LOGS_KEY, destructive: false, multiple: false };

export const sandboxesView = defineView<Sandbox>({
  kind: 'sandboxes',
  title: 'Sandboxes',
  singular: 'sandbox',
  labels: (sandbox) => sandbox.labels,
  getTime: (sandbox) => sandbox.createdAt,
  actions: [sandboxLogs, deleteSandbox],
  columns: (context) => [
    {
      id: 'image',
      title: 'IMAGE',
      minWidth: 12,
      maxWidth: 36,
      priority: 2,
      givesWay: true,
      render: (s) => plain(s.dockerImage),
    },
    {
      id: 'cpu',
      title: 'CPU',
      width: 4,
      align: 'right',
      priority: 3,
      render: (s) => cores(s.cpuCores),
      sortValue: (s) => s.cpuCores,
    },
    {
      id: 'memory',
      title: 'MEM',
      minWidth: 5,
      align: 'right',
      priority: 3,
      render: (s) => gigabytes(s.memoryGB),
      sortValue: (s) => s.memoryGB,
    },
    {
      id: 'disk',
      title: 'DISK',
      minWidth: 6,
      align: 'right',
      priority: 4,
      render: (s) => gigabytes(s.diskSizeGB),
      sortValue: (s) => s.diskSizeGB,
    },
    { id: 'gpu', title: 'GPU', minWidth: 5, maxWidth: 18, priority: 2, render: gpu },
    {
      id: 'labels',
      title: 'LABELS',
      minWidth: 10,
      maxWidth: 40,
      priority: 1,
      givesWay: true,
      render: (s) => (s.labels.length ? s.labels.join(',') : MISSING),
    },
    ageColumn(
      (s) => s.createdAt,
      (t) => age(t, context.now),
    ),
    {
      id: 'left',
      title: 'TIME LEFT',
      width: 9,
      align: 'right',
      priority: 2,
      render: (s) => timeLeft(s, context.now),
      sortValue: timeLeftOrder,
    },
  ],
});
