import {
  GPU_OFFER_WEIGHTS,
  INSTALL_FAILURES,
  MODELS,
  POD_ENVIRONMENTS,
  POD_PROVIDERS,
  POD_TASKS,
  TEAMS,
  USERS,
} from '../catalog.js';
import type { Rng } from '../random.js';
import { DAY, HOUR, MINUTE, SECOND, isoMillis } from '../time.js';
import type { AttachedResource, Pod, PodHistoryEntry, PodStatusEntry, PortMapping } from '../wire-types.js';
import type { KindModel, Origin, WorldContext } from './model.js';

/** More than one machine: the API then reports sshConnection/ip as lists. */
const GPUS_PER_NODE = 8;

export const podModel: KindModel<Pod, Pod> = {
  idOf: (pod) => pod.id,
  createdAtMs: (pod) => Date.parse(pod.createdAt),
  toWire: (pod) => pod,

  create(ctx, origin) {
    return createPod(ctx, origin, true);
  },

  applyOverrides(pod, overrides, ctx) {
    if (typeof overrides.status === 'string') podModel.applyStatus(pod, overrides.status, ctx);
    Object.assign(pod, overrides);
  },

  plan(pod, ctx) {
    const rng = ctx.rng;
    switch (pod.status) {
      // The delete flow runs even without churn: it is the consequence of a
      // request, and clients need to see a deleted pod leave.
      case 'DELETING':
        return rng.int(5, 15) * SECOND;
      case 'TERMINATED':
        return rng.int(10, 30) * SECOND;
    }
    if (!ctx.churn) return null;
    switch (pod.status) {
      case 'PROVISIONING':
        return rng.int(15, 60) * SECOND;
      case 'PENDING':
        return rng.int(5, 15) * SECOND;
      case 'ACTIVE':
        // Up and installing its image: the next step soon. Installed: someone eventually tears it down.
        return isInstalling(pod) ? rng.int(5, 15) * SECOND : Math.round(rng.exponential(DAY)) + MINUTE;
      case 'STOPPED':
        return Math.round(rng.exponential(12 * HOUR)) + MINUTE;
      default:
        return null;
    }
  },

  fire(pod, ctx) {
    const rng = ctx.rng;
    switch (pod.status) {
      case 'PROVISIONING':
        if (rng.chance(0.04)) fail(pod, rng, ctx);
        else {
          setStatus(pod, 'PENDING', ctx);
          pod.installationStatus = 'ACTIVE';
          pod.installationProgress = rng.int(2, 10);
        }
        return 'keep';
      case 'PENDING':
      case 'ACTIVE': {
        if (pod.status === 'ACTIVE' && !isInstalling(pod)) {
          setStatus(pod, 'DELETING', ctx);
          return 'keep';
        }
        // "Now and then" a setup fails: a few percent of pods over the whole install.
        if (rng.chance(0.015)) {
          fail(pod, rng, ctx);
          return 'keep';
        }
        install(pod, Math.min(100, (pod.installationProgress ?? 0) + rng.int(8, 30)), rng, ctx);
        return 'keep';
      }
      case 'STOPPED':
        setStatus(pod, 'DELETING', ctx);
        return 'keep';
      case 'DELETING':
        podModel.applyStatus(pod, 'TERMINATED', ctx);
        return 'keep';
      case 'TERMINATED':
        return 'remove';
      default:
        return 'keep';
    }
  },

  applyStatus(pod, status, ctx) {
    setStatus(pod, status, ctx);
    switch (status) {
      case 'PROVISIONING':
        pod.installationStatus = 'PENDING';
        pod.installationProgress = 0;
        pod.installationFailure = null;
        clearConnection(pod);
        break;
      case 'PENDING':
        pod.installationStatus = 'ACTIVE';
        pod.installationProgress = pod.installationProgress === 100 ? 0 : (pod.installationProgress ?? 0);
        pod.installationFailure = null;
        clearConnection(pod);
        break;
      case 'ACTIVE':
        becomeActive(pod, ctx.rng, ctx);
        break;
      case 'ERROR':
        pod.installationStatus = 'ERROR';
        pod.installationFailure ??= ctx.rng.pick(INSTALL_FAILURES);
        break;
      case 'STOPPED':
        clearConnection(pod);
        break;
      case 'TERMINATED':
        pod.installationStatus = 'TERMINATED';
        clearConnection(pod);
        ctx.podTerminated(pod);
        break;
    }
  },
};

function setStatus(pod: Pod, status: string, ctx: WorldContext): void {
  pod.status = status;
  pod.updatedAt = isoMillis(ctx.now());
}

function fail(pod: Pod, rng: Rng, ctx: WorldContext): void {
  setStatus(pod, 'ERROR', ctx);
  pod.installationStatus = 'ERROR';
  pod.installationFailure = rng.pick(INSTALL_FAILURES);
}

function nodesOf(pod: Pod): number {
  return Math.max(1, Math.ceil(pod.gpuCount / GPUS_PER_NODE));
}

function clearConnection(pod: Pod): void {
  const nodes = nodesOf(pod);
  // Multi-node pods report one slot per node; `[null]` means "none yet".
  pod.sshConnection = nodes > 1 ? Array.from({ length: nodes }, () => null) : null;
  pod.ip = nodes > 1 ? Array.from({ length: nodes }, () => null) : null;
  pod.primePortMapping = [];
}

/**
 * ACTIVE with its image still installing: what `prime pods status` shows as
 * INSTALLING (progress under 100). The live API reports a pod ACTIVE once its
 * machine is up, and the installation goes on from there.
 */
export function isInstalling(pod: Pod): boolean {
  return pod.status === 'ACTIVE' && pod.installationStatus === 'ACTIVE' && (pod.installationProgress ?? 100) < 100;
}

/**
 * The installation moved to `progress`: a pending pod's machine comes up
 * (ACTIVE, reachable) from INSTALL_UP_AT on, and the pod is installed at 100.
 */
function install(pod: Pod, progress: number, rng: Rng, ctx: WorldContext): void {
  if (progress >= 100) return becomeActive(pod, rng, ctx);
  if (pod.status === 'PENDING' && progress >= INSTALL_UP_AT) {
    setStatus(pod, 'ACTIVE', ctx);
    connect(pod, rng);
  } else pod.updatedAt = isoMillis(ctx.now());
  pod.installationStatus = 'ACTIVE';
  pod.installationProgress = progress;
}

/** The installation's progress at which a pending pod's machine is up and it reads ACTIVE (INSTALLING to the clients). */
const INSTALL_UP_AT = 30;

function becomeActive(pod: Pod, rng: Rng, ctx: WorldContext): void {
  // A pod that came up while installing keeps the connection it has had since.
  const connection = pod.sshConnection;
  const up = isInstalling(pod) && (Array.isArray(connection) ? connection.some(Boolean) : connection !== null);
  setStatus(pod, 'ACTIVE', ctx);
  pod.installationStatus = 'FINISHED';
  pod.installationProgress = 100;
  pod.installationFailure = null;
  if (!up) connect(pod, rng);
}

function connect(pod: Pod, rng: Rng): void {
  const nodes = nodesOf(pod);
  const ips = Array.from({ length: nodes }, () => publicIp(rng));
  const sshPort = rng.chance(0.5) ? 22 : rng.int(10000, 60000);
  const ssh = ips.map((ip) => `root@${ip} -p ${sshPort}`);
  pod.sshConnection = nodes > 1 ? ssh : (ssh[0] ?? null);
  pod.ip = nodes > 1 ? ips : (ips[0] ?? null);
  const ports: PortMapping[] = [
    { internal: '22', external: String(sshPort), protocol: 'TCP', usedBy: 'SSH', description: '' },
  ];
  if (rng.chance(0.5)) {
    ports.push({
      internal: '8888',
      external: String(rng.int(10000, 60000)),
      protocol: 'TCP',
      usedBy: 'JUPYTER_NOTEBOOK',
      description: 'Jupyter',
    });
  }
  pod.primePortMapping = ports;
}

function publicIp(rng: Rng): string {
  // Documentation-safe-looking but varied public addresses.
  return `${rng.pick([38, 64, 89, 135, 147, 185, 194, 209])}.${rng.int(1, 254)}.${rng.int(1, 254)}.${rng.int(1, 254)}`;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function createPod(ctx: WorldContext, origin: Origin, mayAttachDisk: boolean): Pod {
  const rng = ctx.rng;
  const seedStatus =
    origin === 'seed'
      ? rng.weighted([
          ['ACTIVE', 80],
          ['PROVISIONING', 4],
          ['PENDING', 5],
          ['STOPPED', 5],
          ['ERROR', 6],
        ] as const)
      : 'PROVISIONING';
  const offer = rng.weighted(GPU_OFFER_WEIGHTS);
  const gpuCount = rng.pick(offer.counts);
  const perGpu = rng.float(offer.priceMin, offer.priceMax);
  const basePriceHr = round2(perGpu * gpuCount);
  const isSpot = rng.chance(0.15);
  const priceHr = isSpot ? round2(basePriceHr * 0.6) : basePriceHr;
  const now = ctx.now();
  // Ages spread over four weeks, skewed recent; pods still coming up are minutes old.
  const inTransit = seedStatus === 'PROVISIONING' || seedStatus === 'PENDING';
  const createdAt =
    origin === 'new'
      ? now
      : inTransit
        ? now - rng.int(10, 300) * SECOND
        : now - Math.round(Math.pow(rng.next(), 2) * 28 * DAY) - 10 * MINUTE;
  const createdIso = isoMillis(createdAt);
  const environmentType = rng.pick(POD_ENVIRONMENTS);
  let providerType = rng.weighted(POD_PROVIDERS);
  const teamId = rng.chance(0.7) ? rng.pick(TEAMS) : null;
  const name = rng.chance(0.05)
    ? null
    : `${rng.pick(MODELS)}-${rng.pick(POD_TASKS)}${rng.chance(0.6) ? `-${rng.int(1, 9)}` : ''}`;

  const attachedResources: AttachedResource[] = [];
  const pod: Pod = {
    id: rng.hex(32),
    name,
    gpuName: offer.type,
    gpuCount,
    status: 'PROVISIONING',
    createdAt: createdIso,
    updatedAt: createdIso,
    providerType,
    installationStatus: 'PENDING',
    installationFailure: null,
    installationProgress: 0,
    teamId,
    userId: rng.pick(USERS),
    walletId: rng.uuid(),
    priceHr,
    stoppedPriceHr: round2(0.005 * gpuCount + rng.float(0, 0.05)),
    provisioningPriceHr: 0,
    basePriceHr,
    baseCurrency: 'USD',
    sshConnection: null,
    ip: null,
    primePortMapping: [],
    attachedResources,
    resources: {
      vcpus: gpuCount * rng.pick([8, 12, 16, 24]),
      memoryGb: gpuCount * rng.pick([64, 96, 128, 240]),
      diskGb: rng.pick([200, 500, 1000, 2000]),
      gpuCount,
    },
    environmentType,
    socket: rng.pick(offer.sockets),
    type: gpuCount > GPUS_PER_NODE ? 'CLUSTER' : 'HOSTED',
    customTemplateId: environmentType === 'custom_template' ? rng.uuid() : null,
    jupyterPassword: rng.alphanumeric(20),
    isSpot,
    autoRestart: rng.chance(0.2),
  };
  clearConnection(pod);

  // About a quarter of pods mount a network disk; the disk must be a real one
  // in this world and list the pod back, so the dashboard can cross-link them.
  if (mayAttachDisk && rng.chance(0.25)) {
    const disk = ctx.randomAttachableDisk();
    if (disk) {
      providerType = disk.providerType;
      pod.providerType = providerType;
      attachedResources.push({
        id: disk.id,
        type: 'disk',
        status: disk.status,
        createdAt: disk.createdAt,
        size: disk.size,
        mountPath: `/mnt/${disk.name}`,
        resourcePath: `/dev/disk/by-id/${disk.id.slice(0, 8)}`,
        isDetachable: true,
        resourceType: 'DISK',
      });
      disk.pods.push(pod.id);
    }
  }

  if (seedStatus !== 'PROVISIONING') {
    podModel.applyStatus(pod, seedStatus, ctx);
    // Below INSTALL_UP_AT: further on, the machine would be up and the pod ACTIVE (INSTALLING).
    if (seedStatus === 'PENDING') pod.installationProgress = Math.round((rng.int(10, 80) * (INSTALL_UP_AT - 1)) / 80);
    if (seedStatus === 'STOPPED') {
      pod.installationStatus = 'FINISHED';
      pod.installationProgress = 100;
    }
    // The last change happened some time after creation, not at start-up.
    const changedAt = createdAt + Math.round(rng.next() * Math.min(now - createdAt, 3 * DAY));
    pod.updatedAt = isoMillis(changedAt);
  }
  return pod;
}

export function podStatusEntry(pod: Pod): PodStatusEntry {
  return {
    podId: pod.id,
    providerType: pod.providerType,
    status: pod.status,
    sshConnection: pod.sshConnection,
    ip: pod.ip,
    installationStatus: pod.installationStatus,
    installationFailure: pod.installationFailure,
    installationProgress: pod.installationProgress,
    priceHr: pod.priceHr,
    primePortMapping: pod.primePortMapping,
  };
}

export function podHistoryEntry(pod: Pod, terminatedAtMs: number): PodHistoryEntry {
  const hours = Math.max(0, terminatedAtMs - Date.parse(pod.createdAt)) / HOUR;
  return {
    id: pod.id,
    name: pod.name,
    providerType: pod.providerType,
    type: pod.type,
    socket: pod.socket,
    gpuName: pod.gpuName,
    gpuCount: pod.gpuCount,
    createdAt: pod.createdAt,
    terminatedAt: isoMillis(terminatedAtMs),
    priceHr: pod.priceHr,
    totalBilledPrice: round2(hours * pod.priceHr),
    userId: pod.userId,
    teamId: pod.teamId,
  };
}

/** Past pods for the initial history page, so it is not empty on first look. */
export function seedHistoryEntry(ctx: WorldContext): PodHistoryEntry {
  const rng = ctx.rng;
  const pod = createPod(ctx, 'seed', false);
  const ranFor = Math.round(rng.float(0.2, 72) * HOUR);
  const createdAt = ctx.now() - Math.round(rng.float(1, 40) * DAY);
  pod.createdAt = isoMillis(createdAt);
  return podHistoryEntry(pod, createdAt + ranFor);
}
