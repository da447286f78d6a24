import type { DispersedNode } from '../api/dispersed/schemas.js';
import type { Disk, Pod, PodHistory, Sandbox } from '../api/prime/schemas.js';
import type { Offer } from '../api/prime/offers.js';
import { availabilityView } from './availability/view.js';
import { disksView } from './disks.js';
import { historyView } from './history.js';
import { nodesView } from './nodes.js';
import { podsView } from './pods.js';
import type { ResourceKind, ResourceView } from './resource.js';
import { sandboxesView } from './sandboxes.js';

export interface RowByKind {
  disks: Disk;
  sandboxes: Sandbox;
  pods: Pod;
  nodes: DispersedNode;
  history: PodHistory;
  availability: Offer;
}

export type AnyRow = RowByKind[ResourceKind];

export const VIEWS: { readonly [K in ResourceKind]: ResourceView<RowByKind[K]> } = {
  disks: disksView,
  sandboxes: sandboxesView,
  pods: podsView,
  nodes: nodesView,
  history: historyView,
  availability: availabilityView,
};

/** The view for a kind, typed for code that handles every kind alike. */
export function viewFor(kind: ResourceKind): ResourceView<AnyRow> {
  return VIEWS[kind] as unknown as ResourceView<AnyRow>;
}

export { RESOURCE_KINDS, type ResourceKind, type ResourceView, type ViewContext } from './resource.js';
