import type { Sandbox } from '../api/prime/schemas.js';
import { age, gigabytes, MISSING, moment, parseTime, plain, remaining, span } from './format.js';
import type { DetailEntry } from './detail.js';
import { DELETE_KEY, LOGS_KEY, type DeleteAction, type LogsAction } from './actions.js';
import { ageColumn, defineView, type SummaryContext } from './resource.js';
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

/** `30m`, `1d`: minutes as every span is said. */
const minutes = (value: number | null): string => (value === null ? MISSING : span(value * 60_000));

/**
 * Who may reach the network, as `prime sandbox get` says it: only an
 * allowlist, all but a denylist, or anything (an older sandbox's
 * `networkAccess: false` is none).
 */
function networkAccess(sandbox: Sandbox): string {
  if (sandbox.networkAllowlist.length > 0) return `limited to ${sandbox.networkAllowlist.join(', ')}`;
  if (sandbox.networkDenylist.length > 0) return `all but ${sandbox.networkDenylist.join(', ')}`;
  return sandbox.networkAccess === false ? 'blocked' : 'unrestricted';
}

/**
 * What `prime sandbox get` shows, in its order: VM or container, image and
 * command, status, what it was given, network, timeouts, why it ended and
 * its exit code, labels, times, owner and region. Its environment variables
 * and secrets are among every field below, masked.
 */
function sandboxSummary(sandbox: Sandbox, { now }: SummaryContext): DetailEntry[] {
  const entries: DetailEntry[] = [
    { key: 'Type', value: sandbox.vm ? 'VM' : 'container' },
    { key: 'Image', value: plain(sandbox.dockerImage) },
    { key: 'Start command', value: plain(sandbox.startCommand) },
    { key: 'Status', value: plain(sandbox.status) },
    {
      key: 'Resources',
      value: `${cores(sandbox.cpuCores)} CPU · ${gigabytes(sandbox.memoryGB)} memory · ${gigabytes(sandbox.diskSizeGB)} disk`,
    },
    { key: 'GPU', value: gpu(sandbox) },
    { key: 'Network', value: networkAccess(sandbox) },
    { key: 'Timeout', value: minutes(sandbox.timeoutMinutes) },
  ];
  if (sandbox.idleTimeoutMinutes !== null)
    entries.push({ key: 'Idle timeout', value: minutes(sandbox.idleTimeoutMinutes) });
  if (sandbox.terminationReason) entries.push({ key: 'Ended because', value: sandbox.terminationReason });
  entries.push(
    { key: 'Labels', value: sandbox.labels.length > 0 ? sandbox.labels.join(', ') : MISSING },
    { key: 'Created', value: moment(sandbox.createdAt, now) },
  );
  if (sandbox.startedAt) entries.push({ key: 'Started', value: moment(sandbox.startedAt, now) });
  if (sandbox.terminatedAt) entries.push({ key: 'Ended', value: moment(sandbox.terminatedAt, now) });
  // 0 too: a clean exit is worth saying.
  if (sandbox.exitCode !== null) entries.push({ key: 'Exit code', value: String(sandbox.exitCode) });
  if (sandbox.errorMessage) entries.push({ key: 'Error', value: sandbox.errorMessage });
  entries.push({ key: 'Team', value: sandbox.teamId ?? 'personal' }, { key: 'Region', value: plain(sandbox.region) });
  return entries;
}

const sandboxLogs: LogsAction = { id: 'logs', key: LOGS_KEY, destructive: false, multiple: false };

export const sandboxesView = defineView<Sandbox>({
  kind: 'sandboxes',
  title: 'Sandboxes',
  singular: 'sandbox',
  labels: (sandbox) => sandbox.labels,
  getTime: (sandbox) => sandbox.createdAt,
  actions: [sandboxLogs, deleteSandbox],
  summary: sandboxSummary,
  keyScope: ['sandboxes', 'sandbox'],
  fields: { image: (s) => s.dockerImage, region: (s) => s.region, team: (s) => s.teamId },
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
    // Where it runs (`us`, `eu-west`): shown when the config file's views.sandboxes.columns names it.
    {
      id: 'region',
      title: 'REGION',
      minWidth: 6,
      maxWidth: 14,
      priority: 3,
      onRequest: true,
      render: (s) => plain(s.region),
    },
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
