import type { Disk } from '../api/prime-schemas.js';
import { age, gigabytes, money, MISSING, plain } from './format.js';
import { ageColumn, defineView } from './resource.js';

function attachedPods(disk: Disk): string {
  if (disk.pods.length === 0) return MISSING;
  return disk.pods.length === 1 ? disk.pods[0]! : `${disk.pods.length} pods`;
}

export const disksView = defineView<Disk>({
  kind: 'disks',
  title: 'Disks',
  singular: 'disk',
  columns: (context) => [
    { id: 'size', title: 'SIZE', width: 8, align: 'right', priority: 1, render: (disk) => gigabytes(disk.size), sortValue: (disk) => disk.size },
    { id: 'provider', title: 'PROVIDER', minWidth: 10, flex: 1, maxWidth: 16, priority: 2, render: (disk) => plain(disk.providerType) },
    { id: 'price', title: '$/HR', width: 7, align: 'right', priority: 1, render: (disk) => money(disk.priceHr), sortValue: (disk) => disk.priceHr },
    { id: 'pods', title: 'PODS', minWidth: 8, flex: 1, maxWidth: 38, priority: 3, render: attachedPods, sortValue: (disk) => disk.pods.length },
    ageColumn((disk) => disk.createdAt, (t) => age(t, context.now)),
  ],
});
