/**
 * Pods as `prime pods status` shows them: the list's pods with the fresher
 * fields of the status endpoint merged in, and which pods need asking at all.
 */
import type { Pod, PodStatus } from './schemas.js';

/**
 * A pod the list already describes completely: running, reachable and fully
 * installed. Asking the status endpoint about it again every poll would cost
 * a request per 50 pods for nothing; for a large, steady account that was most
 * of cloudtop's traffic and idle CPU. Everything else (provisioning,
 * installing, failing, stopping, unknown) is enriched on every poll.
 */
export function isSettled(pod: Pod): boolean {
  const installed = pod.installationStatus === 'FINISHED' || pod.installationProgress === 100;
  return pod.status === 'ACTIVE' && pod.sshConnection.length > 0 && installed && !pod.installationFailure;
}

/**
 * The status endpoint is the fresher source for the fields it carries; a pod
 * it does not mention keeps what the list said.
 */
export function mergePodStatus(pod: Pod, live: PodStatus): Pod {
  return {
    ...pod,
    // UNKNOWN is news like any status; only an absent one is not.
    status: live.status ?? pod.status,
    sshConnection: live.sshConnection.length > 0 ? live.sshConnection : pod.sshConnection,
    ip: live.ip.length > 0 ? live.ip : pod.ip,
    installationStatus: live.installationStatus ?? pod.installationStatus,
    installationFailure: live.installationFailure ?? pod.installationFailure,
    installationProgress: live.installationProgress ?? pod.installationProgress,
    priceHr: live.priceHr ?? pod.priceHr,
    primePortMapping: live.primePortMapping.length > 0 ? live.primePortMapping : pod.primePortMapping,
  };
}

/**
 * Merges each poll's statuses into its pods, and hands back last poll's
 * merged object when neither the pod nor its status changed (both come back
 * as the same objects from unchanged responses, see getDerived): a pod that
 * stays PROVISIONING for minutes is then the same row every poll, which the
 * rest of the app skips instead of comparing field by field.
 */
export class PodStatusMerger {
  private last = new Map<string, { pod: Pod; live: PodStatus; merged: Pod }>();

  merge(pods: readonly Pod[], statuses: readonly PodStatus[]): Pod[] {
    const byId = new Map(statuses.map((s) => [s.podId, s]));
    const next = new Map<string, { pod: Pod; live: PodStatus; merged: Pod }>();
    const merged = pods.map((pod) => {
      const live = byId.get(pod.id);
      if (!live) return pod;
      const before = this.last.get(pod.id);
      const entry =
        before && before.pod === pod && before.live === live
          ? before
          : { pod, live, merged: mergePodStatus(pod, live) };
      next.set(pod.id, entry);
      return entry.merged;
    });
    this.last = next;
    return merged;
  }
}
