/**
 * The JSON objects the simulator puts on the wire, written from
 * the services' docs and official clients, as spec/ records them (not from
 * src/api, so the client and the simulator cannot
 * share a misreading of the docs).
 *
 * Status fields are typed `string`, not the enums, because the control API may
 * set any status (including ones the docs do not list) to test how clients
 * cope with values from a newer server.
 */

import type { BillingEntry } from './account/ledger.js';

export type { BillingEntry } from './account/ledger.js';
export type { Scope, WhoamiBody } from './account/identity.js';

export type ResourceKind = 'pods' | 'disks' | 'sandboxes' | 'nodes';
export const RESOURCE_KINDS: readonly ResourceKind[] = ['pods', 'disks', 'sandboxes', 'nodes'];

export type JsonObject = { [key: string]: unknown };

/** The pod's connection fields (spec/prime/pod.schema.json): a list of strings/nulls for multi-node pods. */
export type ConnectionField = string | (string | null)[] | null;

export interface PortMapping {
  internal: string;
  external: string;
  protocol: string;
  usedBy: string;
  description: string;
}

export interface AttachedResource {
  id: string;
  type: string;
  status: string;
  createdAt: string;
  size: number;
  mountPath: string;
  resourcePath: string;
  isDetachable: boolean;
  resourceType: string;
}

export interface Pod {
  id: string;
  name: string | null;
  gpuName: string;
  gpuCount: number;
  status: string;
  createdAt: string;
  updatedAt: string;
  providerType: string;
  installationStatus: string | null;
  installationFailure: string | null;
  installationProgress: number | null;
  teamId: string | null;
  userId: string;
  walletId: string;
  priceHr: number;
  stoppedPriceHr: number;
  provisioningPriceHr: number;
  basePriceHr: number;
  baseCurrency: string;
  sshConnection: ConnectionField;
  ip: ConnectionField;
  primePortMapping: PortMapping[];
  attachedResources: AttachedResource[];
  resources: JsonObject;
  environmentType: string;
  socket: string;
  type: string;
  customTemplateId: string | null;
  jupyterPassword: string;
  isSpot: boolean;
  autoRestart: boolean;
}

/** `GET /api/v1/pods/history` item (the official client's HistoryObj). */
/** One entry of `GET /pods/history`: the official client's HistoryObj (prime_cli/api/pods.py). */
export interface PodHistoryEntry {
  id: string;
  name: string | null;
  providerType: string;
  type: string;
  socket: string;
  gpuName: string;
  gpuCount: number;
  createdAt: string;
  terminatedAt: string;
  priceHr: number;
  totalBilledPrice: number;
  userId: string;
  teamId: string | null;
}

/**
 * `GET /billing/wallet`: the official client's Wallet model
 * (prime_cli/api/wallet.py), its rows the ledger's (account/ledger.ts).
 */
export interface WalletBody {
  wallet_id: string;
  team_id: string | null;
  balance_usd: number;
  currency: string;
  total_billings: number;
  recent_billings: BillingEntry[];
}

/**
 * One entry of `GET /pods/status`: the docs' APIPodStatusResponse, and the
 * price as the official client's PodStatus model reads it
 * (prime_cli/api/pods.py): `priceHr`, which the docs do not name. `ip` is
 * always present, possibly null, as that model requires.
 */
export interface PodStatusEntry {
  podId: string;
  providerType: string;
  status: string;
  sshConnection: ConnectionField;
  ip: ConnectionField;
  installationStatus: string | null;
  installationFailure: string | null;
  installationProgress: number | null;
  priceHr: number;
  primePortMapping: PortMapping[];
}

/** APIDiskConfig (spec/prime/disks-list.openapi.yaml). */
export interface Disk {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  terminatedAt: string | null;
  status: string;
  providerType: string;
  size: number;
  info: JsonObject | null;
  priceHr: number | null;
  stoppedPriceHr: number | null;
  provisioningPriceHr: number | null;
  userId: string | null;
  teamId: string | null;
  walletId: string | null;
  pods: string[];
  clusters: string[];
}

/** The object form of a sandbox's start command (prime-sandboxes `StartCommand`). */
export interface StartCommand {
  executable: string;
  args: string[];
}

/**
 * SandboxResponse: the documented fields, and the newer ones of the official
 * SDK's Sandbox model (prime_sandboxes/models.py), all nullable there.
 */
export interface Sandbox {
  id: string;
  name: string;
  dockerImage: string;
  startCommand: string | StartCommand | null;
  cpuCores: number;
  memoryGB: number;
  diskSizeGB: number;
  diskMountPath: string;
  gpuCount: number;
  gpuType: string | null;
  vm: boolean;
  networkAccess: boolean;
  networkAllowlist: string[] | null;
  networkDenylist: string[] | null;
  status: string;
  timeoutMinutes: number;
  idleTimeoutMinutes: number | null;
  terminationReason: string | null;
  environmentVars: Record<string, string> | null;
  advancedConfigs: JsonObject | null;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  terminatedAt: string | null;
  exitCode: number | null;
  errorType: string | null;
  errorMessage: string | null;
  userId: string | null;
  teamId: string | null;
  kubernetesJobId: string | null;
  region: string | null;
  registryCredentialsId: string | null;
  pendingImageBuildId: string | null;
}

export interface NodeHardwareEvent {
  timestamp_ms: number;
  object: 'node_hardware_event';
  created_at: string;
  updated_at: string;
  uuid: string;
  metadata: {
    cpu: { average: number; cores: number[] };
    gpu: { gpus: { load: number; name: string; vram: { free: number; total: number } }[]; average: number };
    ram: { free: number; total: number };
    storage: { hard_drives: { free_capacity: number; model: string; name: string; total_capacity: number }[] };
  };
  node: string;
  node_hardware: string;
  account: string;
}

/**
 * A node of `GET /v1/nodes` (spec/dispersed/). Beyond the documented example object it
 * carries `status` (the doc's object omits it, yet `filter[status]` proves the
 * server has it) and the location fields the `filter[country_iso_code]`,
 * `filter[continent_code]`, `filter[subdivision_iso_code]` and
 * `filter[compliance_tags]` parameters filter on; they are top-level and named
 * after those parameters because the doc gives no other placement.
 */
export interface DispersedNode {
  name: string;
  reputation: number;
  object: 'node';
  created_at: string;
  updated_at: string;
  status: string;
  country_iso_code: string;
  continent_code: string;
  subdivision_iso_code: string;
  compliance_tags: string[];
  cpus: { name: string; num_cores: number }[];
  gpus: { name: string; vram_gb_available: number; vram_gb_max: number }[];
  hard_drives: { available_capacity_gb: number; max_capacity_gb: number; name: string }[];
  rams: { memory_gb_available: number; memory_gb_max: number }[];
  ramTotal: number;
  _id: string;
  uuid: string;
  last_seen_at: string;
  latest_hardware_event: NodeHardwareEvent | null;
  current_hardware: JsonObject;
  current_software: JsonObject;
  ipv4_address: string;
  ipv6_address: string | null;
  mac_address: string;
  operator_account: JsonObject;
  operator_account_uuid: string;
  suspended_at: string | null;
  current_suspension: JsonObject | null;
  deleted_at: string | null;
  operating_system: { brand: string; name: string; version: string };
}

/**
 * The answers of the action endpoints. The two sandbox deletes have
 * documented schemas (spec/prime/sandbox-delete.openapi.yaml); for the logs
 * and the disk delete the docs publish none (`{}`), and these are the
 * official client's models (PrimeIntellect-ai/prime: `prime_sandboxes/models.py`
 * SandboxLogsResponse, `prime_cli/api/disks.py` DiskDeleteResponse), except
 * the pod log, which no official client reads (see prime-api.ts).
 */

/** `GET /api/v1/pods/{id}/log`: the lines joined by `\n`, as one JSON string. */
export type PodLogResponse = string;

/** `GET /api/v1/sandbox/{id}/logs`. */
export interface SandboxLogsResponse {
  logs: string;
}

/** `DELETE /api/v1/sandbox/{id}`: the documented DeleteSandboxResponse (the SDK returns it as it is). */
export interface SandboxDeleteResponse {
  success: boolean;
  message: string;
}

/** The body of the bulk `DELETE /api/v1/sandbox`, as documented and as the SDK dumps it (exclude_none); only `sandbox_ids` is simulated. */
export interface BulkDeleteSandboxRequest {
  sandbox_ids?: string[];
  labels?: string[];
  team_id?: string;
  user_id?: string;
  all_users?: boolean;
}

/** The answer of the bulk `DELETE /api/v1/sandbox`. */
export interface BulkDeleteSandboxResponse {
  succeeded: string[];
  failed: { sandbox_id: string; error: string }[];
  message: string;
}

/** `DELETE /api/v1/disks/{id}`. */
export interface DiskDeleteResponse {
  status: string;
}

/**
 * `DiskConfig` / `ResourceConfig` of an offer (the official client's models in
 * prime_cli/api/availability.py; spec/prime/availability.schema.json).
 */
export interface OfferResourceConfig {
  minCount: number | null;
  defaultCount: number | null;
  maxCount: number | null;
  pricePerUnit: number | null;
  step: number | null;
  defaultIncludedInPrice: boolean | null;
  additionalInfo: string | null;
}

/** One item of `GET /api/v1/availability/gpus` and `/multi-node` (`GPUAvailability`, with the `region` and `sharedDisk` the API adds). */
export interface GpuAvailability {
  cloudId: string;
  gpuType: string;
  socket: string | null;
  provider: string | null;
  region: string | null;
  dataCenter: string | null;
  country: string | null;
  gpuCount: number;
  gpuMemory: number;
  disk: OfferResourceConfig;
  sharedDisk: OfferResourceConfig;
  vcpu: OfferResourceConfig;
  memory: OfferResourceConfig;
  internetSpeed: number | null;
  interconnect: number | null;
  interconnectType: string | null;
  provisioningTime: number | null;
  /** Any string: the control API may set a value the docs do not list. */
  stockStatus: string;
  security: string | null;
  prices: { onDemand: number | null; communityPrice: number | null; isVariable: boolean | null; currency: string };
  images: string[] | null;
  isSpot: boolean | null;
  prepaidTime: number | null;
}

/** `{items, totalCount}`: a page of offers (`AvailabilityResponse`). */
export interface AvailabilityPage {
  items: GpuAvailability[];
  totalCount: number;
}

export interface WireByKind {
  pods: Pod;
  disks: Disk;
  sandboxes: Sandbox;
  nodes: DispersedNode;
}
