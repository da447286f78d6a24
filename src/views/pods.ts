import type { Pod } from '../api/prime/schemas.js';
import { age, gigabytes, moment, money, MISSING, percent, perHour, plain } from './format.js';
import type { DetailEntry } from './detail.js';
import { DELETE_KEY, LOGS_KEY, SSH_KEY, type DeleteAction, type LogsAction, type SshAction } from './actions.js';
import { billedRate, hourlyRate } from './billing.js';
import { ageColumn, defineView, type SummaryContext } from './resource.js';
import { statusCategory } from './status.js';
import type { Cell } from './table/cell.js';

function gpu(pod: Pod): string {
  if (!pod.gpuName) return MISSING;
  return pod.gpuCount && pod.gpuCount > 1 ? `${pod.gpuName}×${pod.gpuCount}` : pod.gpuName;
}

function install(pod: Pod): Cell {
  if (pod.installationFailure || pod.installationStatus === 'ERROR') return { text: 'failed', color: 'failed' };
  if (pod.installationProgress !== null && pod.installationProgress !== undefined) {
    return { text: percent(pod.installationProgress), color: pod.installationProgress >= 100 ? undefined : 'progress' };
  }
  return { text: pod.installationStatus ? pod.installationStatus.toLowerCase() : MISSING };
}

function ssh(pod: Pod): string {
  const [first, ...rest] = pod.sshConnection;
  if (!first) return MISSING;
  return rest.length > 0 ? `${first} (+${rest.length})` : first;
}

const podRate = (pod: Pod): number => hourlyRate(pod.status, pod);

/** What the STATUS column, its transitions and `status:` show for a pod up and still installing its image. */
export const INSTALLING = 'INSTALLING';

/**
 * The status as `prime pods status` shows it: INSTALLING while the pod is
 * ACTIVE and its installation progress is known and under 100, else the
 * API's own. The official client derives it two ways
 * (`prime_cli/commands/pods.py`): `pods status` as here, from the status
 * endpoint's `installationProgress`; `pods list` from the list's
 * `installationStatus` (ACTIVE and not FINISHED, a missing one included).
 * We take `pods status`'s rule: cloudtop's rows carry the status endpoint's
 * fields for every pod still on its way (api/prime/pod-status.ts), as that
 * command reads them; the rule needs evidence of an installation under way,
 * so a pod whose API sends no `installationStatus` is never INSTALLING for
 * ever; and `INSTALLING → ACTIVE` lands when progress reaches 100, the moment
 * a person waits for. The money still follows the API's status (ACTIVE bills
 * `priceHr`).
 */
export function podStatus(pod: Pod): string {
  const progress = pod.installationProgress;
  return pod.status === 'ACTIVE' && progress !== null && progress < 100 ? INSTALLING : pod.status;
}

/** Terminate the pod (`DELETE /pods/{id}`). */
const deletePod: DeleteAction<Pod> = {
  id: 'delete',
  key: DELETE_KEY,
  destructive: true,
  multiple: true,
  target: (pod) => ({
    id: pod.id,
    name: pod.name ?? pod.id,
    fields: [
      { label: 'GPU', text: gpu(pod) },
      { label: 'status', status: podStatus(pod) },
      { label: '$/hr', money: pod.priceHr },
      { label: 'running for', since: pod.createdAt },
    ],
    columns: [
      { title: 'GPU', width: 16, priority: 3, text: gpu(pod) },
      { title: 'STATUS', width: 14, priority: 1, status: podStatus(pod) },
    ],
    priceHr: pod.priceHr,
  }),
  warning: {
    one: 'This terminates the pod; it cannot be undone.',
    many: 'This terminates every pod listed; it cannot be undone.',
  },
  permissionHint: 'the API key needs Instances → Read and Write to delete pods',
};

/**
 * `prime pods ssh`: only on a running pod with a connection. Before that,
 * the reason says how far it got.
 */
const sshIntoPod: SshAction<Pod> = {
  id: 'ssh',
  key: SSH_KEY,
  destructive: false,
  multiple: false,
  connections: (pod) => (pod.status === 'ACTIVE' ? pod.sshConnection : []),
  unavailable: (pod) => {
    const name = pod.name ?? pod.id;
    if (pod.status === 'ACTIVE')
      return `Pod ${name} is ${podStatus(pod)} but has no SSH connection yet; the next polls will tell`;
    if (!pod.status) return `Pod ${name} has no SSH connection: its status is unknown`;
    // Still on its way: how far it got. Ended or stopped: no "yet", nothing is coming.
    if (statusCategory(pod.status) !== 'progress') return `Pod ${name} has no SSH connection: it is ${pod.status}`;
    const progress = pod.installationProgress ?? null;
    const installing = progress !== null && progress < 100 ? ` (installing, ${percent(progress)})` : '';
    return `Pod ${name} has no SSH connection yet: it is ${pod.status}${installing}`;
  },
};

/**
 * What `prime pods status` shows, in its order: the status as it derives it,
 * name, team, provider, GPU, image, price, creation, IP and SSH (every node's),
 * the installation, the port mappings and the attached resources. The Jupyter
 * password it reads but never shows; neither does this (every field below
 * has it masked).
 */
function podSummary(pod: Pod, { now }: SummaryContext): DetailEntry[] {
  const entries: DetailEntry[] = [
    { key: 'Status', value: podStatus(pod) || MISSING },
    { key: 'Name', value: plain(pod.name) },
    { key: 'Team', value: pod.teamId ?? 'personal' },
    { key: 'Provider', value: plain(pod.providerType) },
    { key: 'GPU', value: pod.gpuName ? `${pod.gpuName} x${pod.gpuCount ?? 1}` : MISSING },
    { key: 'Image', value: plain(pod.environmentType) },
  ];
  if (pod.priceHr) entries.push({ key: 'Cost per hour', value: perHour(pod.priceHr) });
  entries.push(
    { key: 'Created', value: moment(pod.createdAt, now) },
    { key: 'IP', value: pod.ip.length > 0 ? pod.ip.join(', ') : MISSING },
    { key: 'SSH', value: pod.sshConnection.length > 0 ? pod.sshConnection.join(', ') : MISSING },
  );
  if (pod.installationStatus) entries.push({ key: 'Installation', value: pod.installationStatus });
  if (pod.installationProgress !== null)
    entries.push({ key: 'Install progress', value: percent(pod.installationProgress) });
  if (pod.installationFailure) entries.push({ key: 'Installation error', value: pod.installationFailure });
  // As the official client writes a mapping: `TCP:2222->22 (SSH)`.
  pod.primePortMapping.forEach((port, index) => {
    const what = [port.description, port.usedBy ?? 'unknown'].filter(Boolean).join(' - ');
    const value = `${port.protocol ?? '?'}:${port.external ?? '?'}->${port.internal ?? '?'} (${what})`;
    entries.push({ key: index === 0 ? 'Ports' : '', value });
  });
  pod.attachedResources.forEach((resource, index) => {
    const size = resource.size ? gigabytes(resource.size) : null;
    const parts = [resource.id, resource.resourceType ?? resource.type, resource.status, size, resource.mountPath];
    entries.push({ key: index === 0 ? 'Attached' : '', value: parts.filter(Boolean).join(' · ') || MISSING });
  });
  return entries;
}

/**
 * A pod up whose row has no ports (the list need not carry them) or no
 * image: the detail asks `GET /pods/{id}` and `/pods/status`, as `prime pods
 * status` does. A pod still on its way has no ports yet, and asking is no use.
 */
function detailLacks(pod: Pod): boolean {
  return (pod.status === 'ACTIVE' && pod.primePortMapping.length === 0) || pod.environmentType === null;
}

const podLogs: LogsAction = { id: 'logs', key: LOGS_KEY, destructive: false, multiple: false };

export const podsView = defineView<Pod>({
  kind: 'pods',
  title: 'Pods',
  singular: 'pod',
  actions: [sshIntoPod, podLogs, deletePod],
  burnRate: podRate,
  getStatus: podStatus,
  getTime: (pod) => pod.createdAt,
  summary: podSummary,
  keyScope: ['instances', 'pods'],
  // The first node's, as `prime pods ssh` connects to it.
  fields: {
    ssh: (pod) => pod.sshConnection[0] ?? null,
    ip: (pod) => pod.ip[0] ?? null,
    gpu: (pod) => pod.gpuName,
    provider: (pod) => pod.providerType,
    team: (pod) => pod.teamId,
  },
  detailLacks,
  // The full ssh command, as `prime pods ssh` would run it (the first node of several).
  copy: {
    label: 'ssh command',
    copy: (pod) =>
      pod.sshConnection[0]
        ? { what: `the ssh command for pod ${pod.name ?? pod.id}`, sshConnection: pod.sshConnection[0] }
        : { what: "the pod's id", text: pod.id },
  },
  columns: (context) => [
    { id: 'gpu', title: 'GPU', minWidth: 12, maxWidth: 22, priority: 1, render: gpu },
    {
      id: 'install',
      title: 'INSTALL',
      width: 7,
      align: 'right',
      priority: 2,
      render: install,
      sortValue: (pod) => pod.installationProgress ?? -1,
    },
    {
      id: 'provider',
      title: 'PROVIDER',
      minWidth: 10,
      maxWidth: 16,
      priority: 3,
      render: (pod) => plain(pod.providerType),
    },
    // What it bills now (its stopped price when stopped, and so on): the figures the tab's total adds up.
    {
      id: 'price',
      title: '$/HR',
      width: 7,
      align: 'right',
      priority: 1,
      render: (pod) => money(billedRate(pod.status, pod)),
      sortValue: podRate,
      sortRole: 'price',
    },
    { id: 'ssh', title: 'SSH', minWidth: 14, maxWidth: 40, priority: 4, givesWay: true, render: ssh },
    ageColumn(
      (pod) => pod.createdAt,
      (t) => age(t, context.now),
    ),
  ],
});
