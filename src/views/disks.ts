import type { Disk } from '../api/prime/schemas.js';
import { age, gigabytes, money, MISSING, plain } from './format.js';
import { DELETE_KEY, type DeleteAction, type NameOf } from './actions.js';
import { billedRate, hourlyRate } from './billing.js';
import { ageColumn, defineView } from './resource.js';

/** The pod's name where the pods list knows it, else its id; several are counted. */
function attachedPods(disk: Disk, nameOf: NameOf | undefined): string {
  if (disk.pods.length === 0) return MISSING;
  if (disk.pods.length > 1) return `${disk.pods.length} pods`;
  const pod = disk.pods[0]!;
  return nameOf?.('pods', pod) ?? pod;
}

const diskRate = (disk: Disk): number => hourlyRate(disk.status, disk);

/**
 * `prime disks terminate`. A disk's data does not come back, so its dialog
 * asks for the disk's name to be typed, and a disk still attached to a pod
 * is refused before any dialog.
 */
const deleteDisk: DeleteAction<Disk> = {
  id: 'delete',
  key: DELETE_KEY,
  destructive: true,
  multiple: false,
  typeNameToConfirm: true,
  target: (disk) => ({
    id: disk.id,
    name: disk.name || disk.id,
    fields: [
      { label: 'size', text: gigabytes(disk.size) },
      { label: 'status', status: disk.status },
      { label: 'provider', text: plain(disk.providerType) },
      { label: '$/hr', money: disk.priceHr },
      { label: 'age', since: disk.createdAt },
    ],
    columns: [{ title: 'STATUS', width: 14, priority: 1, status: disk.status }],
    priceHr: disk.priceHr,
  }),
  refusal: (disk, nameOf) => {
    const [pod] = disk.pods;
    if (pod === undefined) return null;
    const podName = nameOf('pods', pod);
    const others = disk.pods.length > 1 ? ` and ${disk.pods.length - 1} more` : '';
    return `Disk ${disk.name || disk.id} is attached to pod ${podName ? `${podName} (${pod})` : pod}${others}: delete or detach the pod first`;
  },
  warning: {
    one: 'This destroys the disk and all its data; nothing brings it back.',
    many: 'This destroys every disk listed and all their data.',
  },
  permissionHint: 'the API key needs Disks → Read and Write to delete disks',
};

export const disksView = defineView<Disk>({
  kind: 'disks',
  title: 'Disks',
  singular: 'disk',
  actions: [deleteDisk],
  keyScope: ['disks', 'disk'],
  fields: { provider: (disk) => disk.providerType, team: (disk) => disk.teamId },
  burnRate: diskRate,
  getTime: (disk) => disk.createdAt,
  columns: (context) => [
    {
      id: 'size',
      title: 'SIZE',
      minWidth: 6,
      align: 'right',
      priority: 1,
      render: (disk) => gigabytes(disk.size),
      sortValue: (disk) => disk.size,
    },
    {
      id: 'provider',
      title: 'PROVIDER',
      minWidth: 10,
      maxWidth: 16,
      priority: 2,
      render: (disk) => plain(disk.providerType),
    },
    // What it bills now, as the tab's total adds it up.
    {
      id: 'price',
      title: '$/HR',
      width: 7,
      align: 'right',
      priority: 1,
      render: (disk) => money(billedRate(disk.status, disk)),
      sortValue: diskRate,
      sortRole: 'price',
    },
    {
      id: 'pods',
      title: 'PODS',
      minWidth: 8,
      maxWidth: 38,
      priority: 3,
      render: (disk) => attachedPods(disk, context.nameOf),
      sortValue: (disk) => disk.pods.length,
      readsNames: true,
    },
    ageColumn(
      (disk) => disk.createdAt,
      (t) => age(t, context.now),
    ),
  ],
});
