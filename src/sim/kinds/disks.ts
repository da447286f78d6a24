import { DISK_PROVIDERS, DISK_PURPOSES, DISK_REGIONS, DISK_SIZES_GB, TEAMS, USERS } from '../catalog.js';
import { DAY, HOUR, SECOND, isoMillis } from '../time.js';
import type { Disk } from '../wire-types.js';
import type { KindModel } from './model.js';

/**
 * Disks deleted over the API that have reached TERMINATED: they leave the
 * list a little later, with or without churn, instead of lingering for hours
 * as other terminated disks do. Beside the record: it is not on the wire.
 */
const deletedDisks = new WeakSet<Disk>();

/** Marks a disk deleted over the API; one already TERMINATED then leaves soon too. True the first time. */
export function markDiskDeleted(disk: Disk): boolean {
  if (deletedDisks.has(disk)) return false;
  deletedDisks.add(disk);
  return true;
}

export const diskModel: KindModel<Disk, Disk> = {
  idOf: (disk) => disk.id,
  createdAtMs: (disk) => Date.parse(disk.createdAt),
  toWire: (disk) => disk,

  create(ctx, origin) {
    const rng = ctx.rng;
    const now = ctx.now();
    const seedStatus =
      origin === 'seed'
        ? rng.weighted([
            ['ACTIVE', 86],
            ['PROVISIONING', 4],
            ['STOPPED', 3],
            ['ERROR', 3],
            ['TERMINATED', 4],
          ] as const)
        : 'PROVISIONING';
    const createdAt =
      origin === 'new'
        ? now
        : seedStatus === 'PROVISIONING'
          ? now - rng.int(10, 120) * SECOND
          : now - Math.round(rng.float(0.05, 1) * 60 * DAY);
    const createdIso = isoMillis(createdAt);
    const place = rng.pick(DISK_REGIONS);
    const size = rng.pick(DISK_SIZES_GB);
    // Network storage runs about $0.07-0.10 per TB-hour.
    const priceHr = Math.round(size * rng.float(0.00007, 0.0001) * 10000) / 10000;
    const disk: Disk = {
      id: rng.uuid(),
      name: `${rng.pick(DISK_PURPOSES)}-${place.short}-${rng.int(1, 9)}`,
      createdAt: createdIso,
      updatedAt: createdIso,
      terminatedAt: null,
      status: 'PROVISIONING',
      providerType: rng.weighted(DISK_PROVIDERS),
      size,
      info: rng.chance(0.85)
        ? { region: place.region, dataCenterId: place.dataCenterId, filesystem: rng.pick(['ext4', 'xfs']) }
        : null,
      priceHr,
      stoppedPriceHr: priceHr,
      provisioningPriceHr: 0,
      userId: rng.pick(USERS),
      teamId: rng.chance(0.7) ? rng.pick(TEAMS) : null,
      walletId: rng.chance(0.9) ? rng.uuid() : null,
      pods: [],
      clusters: [],
    };
    if (seedStatus !== 'PROVISIONING') {
      const changedAt = createdAt + Math.round(rng.next() * Math.min(now - createdAt, 7 * DAY));
      diskModel.applyStatus(disk, seedStatus, { ...ctx, now: () => changedAt });
    }
    return disk;
  },

  applyOverrides(disk, overrides, ctx) {
    if (typeof overrides.status === 'string') diskModel.applyStatus(disk, overrides.status, ctx);
    Object.assign(disk, overrides);
  },

  plan(disk, ctx) {
    const rng = ctx.rng;
    if (disk.status === 'DELETING') return rng.int(5, 20) * SECOND;
    if (disk.status === 'TERMINATED' && deletedDisks.has(disk)) return rng.int(10, 30) * SECOND;
    if (!ctx.churn) return null;
    switch (disk.status) {
      case 'PROVISIONING':
      case 'PENDING':
        return rng.int(20, 90) * SECOND;
      case 'TERMINATED':
        // Terminated disks linger in the list for a while, then go.
        return rng.int(2, 24) * HOUR;
      default:
        return null;
    }
  },

  fire(disk, ctx) {
    switch (disk.status) {
      case 'PROVISIONING':
      case 'PENDING':
        diskModel.applyStatus(disk, ctx.rng.chance(0.03) ? 'ERROR' : 'ACTIVE', ctx);
        return 'keep';
      case 'DELETING':
        diskModel.applyStatus(disk, 'TERMINATED', ctx);
        deletedDisks.add(disk);
        return 'keep';
      case 'TERMINATED':
        return 'remove';
      default:
        return 'keep';
    }
  },

  applyStatus(disk, status, ctx) {
    disk.status = status;
    disk.updatedAt = isoMillis(ctx.now());
    if (status === 'TERMINATED') disk.terminatedAt ??= disk.updatedAt;
    else disk.terminatedAt = null;
  },
};

/** A disk a new pod may mount: one that exists and is not on its way out. */
export function isAttachable(disk: Disk): boolean {
  return disk.status === 'ACTIVE' && disk.pods.length < 4;
}
