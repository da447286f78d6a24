import {
  GPU_OFFER_WEIGHTS,
  SANDBOX_COMMANDS,
  SANDBOX_ERRORS,
  SANDBOX_IMAGES,
  SANDBOX_LABELS,
  SANDBOX_PREFIXES,
  SANDBOX_REGIONS,
  TEAMS,
  USERS,
} from '../catalog.js';
import type { Rng } from '../random.js';
import { DAY, HOUR, MINUTE, SECOND, isoMillis } from '../time.js';
import type { Sandbox } from '../wire-types.js';
import type { KindModel, WorldContext } from './model.js';

const TIMEOUTS_MINUTES = [30, 60, 60, 120, 240, 720, 1440] as const;
/** Statuses a sandbox does not leave on its own. */
export const ENDED_SANDBOX_STATUSES: readonly string[] = ['TERMINATED', 'TIMEOUT', 'ERROR'];

/**
 * Sandboxes deleted over the API: they leave the list a little later, with
 * or without churn (as a deleted pod does), instead of lingering for hours
 * as finished ones do. Kept beside the record, not on it: it is not on the wire.
 */
const deleted = new WeakSet<Sandbox>();

/** Marks a sandbox deleted over the API; true the first time. */
export function markSandboxDeleted(sb: Sandbox): boolean {
  if (deleted.has(sb)) return false;
  deleted.add(sb);
  return true;
}

export const sandboxModel: KindModel<Sandbox, Sandbox> = {
  idOf: (sb) => sb.id,
  createdAtMs: (sb) => Date.parse(sb.createdAt),
  toWire: (sb) => sb,

  create(ctx, origin) {
    return createSandbox(ctx, origin);
  },

  applyOverrides(sb, overrides, ctx) {
    if (typeof overrides.status === 'string') sandboxModel.applyStatus(sb, overrides.status, ctx);
    Object.assign(sb, overrides);
  },

  plan(sb, ctx) {
    const rng = ctx.rng;
    if (deleted.has(sb) && ENDED_SANDBOX_STATUSES.includes(sb.status)) return rng.int(10, 30) * SECOND;
    if (!ctx.churn) return null;
    switch (sb.status) {
      case 'PENDING':
        return rng.int(3, 20) * SECOND;
      case 'PROVISIONING':
        return rng.int(10, 60) * SECOND;
      case 'RUNNING': {
        // Ends on its own after a while, or at the latest when the timeout hits.
        const startedAt = sb.startedAt ? Date.parse(sb.startedAt) : ctx.now();
        const deadline = startedAt + sb.timeoutMinutes * MINUTE;
        const natural = ctx.now() + Math.round(rng.exponential(45 * MINUTE)) + 30 * SECOND;
        return Math.max(0, Math.min(deadline, natural) - ctx.now());
      }
      case 'PAUSED':
        return rng.int(10, 90) * MINUTE;
      case 'TERMINATED':
      case 'TIMEOUT':
      case 'ERROR':
        // Finished sandboxes stay listed for a while, then drop out.
        return rng.int(2, 24) * HOUR;
      default:
        return null;
    }
  },

  fire(sb, ctx) {
    const rng = ctx.rng;
    switch (sb.status) {
      case 'PENDING':
        sandboxModel.applyStatus(sb, 'PROVISIONING', ctx);
        return 'keep';
      case 'PROVISIONING':
        if (rng.chance(0.03)) fail(sb, rng, ctx, 'IMAGE_PULL_ERROR');
        else sandboxModel.applyStatus(sb, 'RUNNING', ctx);
        return 'keep';
      case 'RUNNING': {
        const startedAt = sb.startedAt ? Date.parse(sb.startedAt) : ctx.now();
        if (ctx.now() >= startedAt + sb.timeoutMinutes * MINUTE) sandboxModel.applyStatus(sb, 'TIMEOUT', ctx);
        else if (rng.chance(0.06)) fail(sb, rng, ctx, rng.pick(['OOM_KILLED', 'NODE_FAILURE']));
        else terminate(sb, ctx, rng.chance(0.9) ? 0 : 1);
        return 'keep';
      }
      case 'PAUSED':
        sandboxModel.applyStatus(sb, 'RUNNING', ctx);
        return 'keep';
      case 'TERMINATED':
      case 'TIMEOUT':
      case 'ERROR':
        return 'remove';
      default:
        return 'keep';
    }
  },

  applyStatus(sb, status, ctx) {
    const now = isoMillis(ctx.now());
    sb.status = status;
    sb.updatedAt = now;
    switch (status) {
      case 'PENDING':
        sb.startedAt = null;
        sb.terminatedAt = null;
        sb.exitCode = null;
        sb.errorType = null;
        sb.errorMessage = null;
        sb.terminationReason = null;
        sb.kubernetesJobId = null;
        break;
      case 'PROVISIONING':
        sb.kubernetesJobId ??= `sbx-${sb.id.slice(0, 12)}`;
        break;
      case 'RUNNING':
        sb.kubernetesJobId ??= `sbx-${sb.id.slice(0, 12)}`;
        sb.startedAt ??= now;
        sb.terminatedAt = null;
        sb.exitCode = null;
        break;
      case 'TERMINATED':
        sb.terminatedAt ??= now;
        sb.exitCode ??= 0;
        sb.terminationReason ??= 'COMPLETED';
        break;
      // Ran past its timeout: the official SDK's SandboxStatus.TIMEOUT, with errorType TIMEOUT.
      case 'TIMEOUT':
        sb.terminatedAt ??= now;
        sb.exitCode ??= 137;
        sb.errorType = 'TIMEOUT';
        sb.errorMessage = `Sandbox reached its timeout of ${sb.timeoutMinutes} minutes`;
        sb.terminationReason = 'TIMEOUT';
        break;
      case 'ERROR': {
        sb.terminatedAt ??= now;
        if (sb.errorType === null) {
          const err = ctx.rng.pick(SANDBOX_ERRORS);
          sb.errorType = err.type;
          sb.errorMessage = err.message;
        }
        break;
      }
    }
  },
};

function terminate(sb: Sandbox, ctx: WorldContext, exitCode: number): void {
  sandboxModel.applyStatus(sb, 'TERMINATED', ctx);
  sb.exitCode = exitCode;
}

function fail(sb: Sandbox, _rng: Rng, ctx: WorldContext, errorType: string): void {
  const err = SANDBOX_ERRORS.find((e) => e.type === errorType) ?? SANDBOX_ERRORS[0];
  sb.errorType = err.type;
  sb.errorMessage = err.message;
  sandboxModel.applyStatus(sb, 'ERROR', ctx);
}

function createSandbox(ctx: WorldContext, origin: 'seed' | 'new'): Sandbox {
  const rng = ctx.rng;
  const now = ctx.now();
  const seedStatus =
    origin === 'seed'
      ? rng.weighted([
          ['RUNNING', 62],
          ['PENDING', 4],
          ['PROVISIONING', 5],
          ['PAUSED', 3],
          ['TERMINATED', 16],
          ['TIMEOUT', 4],
          ['ERROR', 6],
        ] as const)
      : 'PENDING';
  const timeoutMinutes = rng.pick(TIMEOUTS_MINUTES);
  const gpuCount = rng.chance(0.2) ? rng.pick([1, 1, 2, 4, 8]) : 0;
  const teamId = rng.chance(0.75) ? rng.pick(TEAMS) : null;
  const labels = rng.sample(
    SANDBOX_LABELS,
    rng.weighted([
      [0, 2],
      [1, 4],
      [2, 4],
      [3, 2],
      [4, 1],
    ] as const),
  );
  if (gpuCount > 0 && !labels.includes('gpu') && rng.chance(0.7)) labels.push('gpu');

  // Timeline, worked backwards from the seed status so every timestamp is consistent.
  let createdAt = now;
  let startedAt: number | null = null;
  let endedAt: number | null = null;
  if (origin === 'seed') {
    switch (seedStatus) {
      case 'PENDING':
      case 'PROVISIONING':
        createdAt = now - rng.int(2, 50) * SECOND;
        break;
      case 'RUNNING':
      case 'PAUSED':
        startedAt = now - Math.round(rng.float(0.02, 0.9) * timeoutMinutes * MINUTE);
        createdAt = startedAt - rng.int(15, 90) * SECOND;
        break;
      default: {
        endedAt = now - Math.round(Math.pow(rng.next(), 2) * 21 * DAY) - MINUTE;
        startedAt = endedAt - Math.round(rng.float(0.05, 1) * timeoutMinutes * MINUTE);
        createdAt = startedAt - rng.int(15, 90) * SECOND;
      }
    }
  }

  const createdIso = isoMillis(createdAt);
  const id = `c${rng.base36(24)}`;
  const cpuCores = gpuCount > 0 ? rng.pick([4, 8, 16]) : rng.pick([0.5, 1, 2, 2, 4, 8]);
  // GPUs need a VM (the SDK refuses a GPU container).
  const vm = gpuCount > 0 || rng.chance(0.1);
  const sb: Sandbox = {
    id,
    name: `${rng.pick(SANDBOX_PREFIXES)}-${rng.hex(4)}`,
    dockerImage:
      gpuCount > 0
        ? rng.pick(['pytorch/pytorch:2.4-cuda12', 'nvidia/cuda:12.4.1-runtime-ubuntu22.04', 'vllm/vllm-openai:v0.6.3'])
        : rng.pick(SANDBOX_IMAGES),
    startCommand: null,
    cpuCores,
    memoryGB: Math.max(1, cpuCores * rng.pick([1, 2, 4, 4, 8])),
    diskSizeGB: rng.pick([5, 10, 10, 20, 50, 100]),
    diskMountPath: '/sandbox-workspace',
    gpuCount,
    gpuType: gpuCount > 0 ? rng.weighted(GPU_OFFER_WEIGHTS).type : null,
    vm,
    networkAccess: rng.chance(0.85),
    networkAllowlist: null,
    networkDenylist: null,
    status: 'PENDING',
    timeoutMinutes,
    idleTimeoutMinutes: rng.chance(0.3) ? Math.min(timeoutMinutes, rng.pick([10, 15, 30])) : null,
    terminationReason: null,
    environmentVars: rng.chance(0.6) ? { PYTHONUNBUFFERED: '1', HF_HOME: '/sandbox-workspace/.hf' } : null,
    advancedConfigs: rng.chance(0.2) ? { shmSizeGB: rng.pick([1, 4, 16]) } : null,
    labels,
    createdAt: createdIso,
    updatedAt: createdIso,
    startedAt: null,
    terminatedAt: null,
    exitCode: null,
    errorType: null,
    errorMessage: null,
    userId: rng.chance(0.97) ? rng.pick(USERS) : null,
    teamId,
    kubernetesJobId: null,
    region: rng.chance(0.9) ? rng.pick(SANDBOX_REGIONS) : null,
    registryCredentialsId: rng.chance(0.1) ? `rc_${rng.base36(16)}` : null,
    pendingImageBuildId: null,
  };
  // The SDK's rules: a VM takes its command in the object form only; egress
  // lists are for VMs (one or the other).
  const shell = rng.chance(0.85) ? rng.pick(SANDBOX_COMMANDS) : null;
  sb.startCommand = vm && shell !== null ? { executable: '/bin/sh', args: ['-c', shell] } : shell;
  if (vm && rng.chance(0.3)) sb.networkAllowlist = ['pypi.org', 'files.pythonhosted.org', 'huggingface.co'];

  if (origin === 'seed' && seedStatus !== 'PENDING') {
    const at = (ms: number): WorldContext => ({ ...ctx, now: () => ms });
    sandboxModel.applyStatus(sb, 'PROVISIONING', at(Math.min(now, createdAt + 2 * SECOND)));
    if (startedAt !== null) sandboxModel.applyStatus(sb, 'RUNNING', at(startedAt));
    if (seedStatus === 'PAUSED' && startedAt !== null)
      sandboxModel.applyStatus(sb, 'PAUSED', at(startedAt + Math.round((now - startedAt) / 2)));
    if (seedStatus === 'TERMINATED' && endedAt !== null)
      terminate(
        sb,
        at(endedAt),
        rng.weighted([
          [0, 8],
          [1, 1],
          [137, 1],
        ] as const),
      );
    if (seedStatus === 'TIMEOUT' && startedAt !== null)
      sandboxModel.applyStatus(sb, 'TIMEOUT', at(Math.min(now, startedAt + timeoutMinutes * MINUTE)));
    if (seedStatus === 'ERROR' && endedAt !== null) fail(sb, rng, at(endedAt), rng.pick(SANDBOX_ERRORS).type);
  }
  return sb;
}
