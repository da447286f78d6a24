/**
 * Static material the seeded generators draw from. Values are plausible, not
 * authoritative: they exist so the dashboard looks like a real account.
 */

export interface GpuOffer {
  /** A GPUType enum value (spec/prime/sandboxes-list.openapi.yaml). */
  type: string;
  vramGb: number;
  /** USD per GPU-hour, on demand. */
  priceMin: number;
  priceMax: number;
  counts: readonly number[];
  sockets: readonly string[];
  weight: number;
}

export const GPU_OFFERS: readonly GpuOffer[] = [
  {
    type: 'H100_80GB',
    vramGb: 80,
    priceMin: 2.0,
    priceMax: 3.5,
    counts: [1, 2, 4, 8, 8, 16],
    sockets: ['SXM5', 'PCIe'],
    weight: 9,
  },
  { type: 'H200_141GB', vramGb: 141, priceMin: 3.2, priceMax: 4.6, counts: [8, 8, 16], sockets: ['SXM5'], weight: 2 },
  {
    type: 'A100_80GB',
    vramGb: 80,
    priceMin: 1.2,
    priceMax: 2.0,
    counts: [1, 2, 4, 8],
    sockets: ['SXM4', 'PCIe'],
    weight: 7,
  },
  {
    type: 'A100_40GB',
    vramGb: 40,
    priceMin: 0.9,
    priceMax: 1.4,
    counts: [1, 2, 4, 8],
    sockets: ['SXM4', 'PCIe'],
    weight: 3,
  },
  { type: 'B200_180GB', vramGb: 180, priceMin: 4.5, priceMax: 6.2, counts: [8], sockets: ['SXM6'], weight: 1 },
  { type: 'L40S_48GB', vramGb: 48, priceMin: 0.8, priceMax: 1.2, counts: [1, 2, 4, 8], sockets: ['PCIe'], weight: 3 },
  { type: 'A6000_48GB', vramGb: 48, priceMin: 0.45, priceMax: 0.8, counts: [1, 2, 4], sockets: ['PCIe'], weight: 2 },
  {
    type: 'RTX4090_24GB',
    vramGb: 24,
    priceMin: 0.35,
    priceMax: 0.7,
    counts: [1, 2, 4, 8],
    sockets: ['PCIe'],
    weight: 5,
  },
  { type: 'RTX3090_24GB', vramGb: 24, priceMin: 0.2, priceMax: 0.4, counts: [1, 2, 4], sockets: ['PCIe'], weight: 2 },
  { type: 'L4_24GB', vramGb: 24, priceMin: 0.35, priceMax: 0.6, counts: [1, 2, 4], sockets: ['PCIe'], weight: 1 },
  { type: 'A10_24GB', vramGb: 24, priceMin: 0.4, priceMax: 0.75, counts: [1, 2], sockets: ['PCIe'], weight: 1 },
];

export const GPU_OFFER_WEIGHTS: readonly (readonly [GpuOffer, number])[] = GPU_OFFERS.map(
  (o) => [o, o.weight] as const,
);

/** ProviderTypeEnum values, weighted towards the big ones. */
export const POD_PROVIDERS: readonly (readonly [string, number])[] = [
  ['runpod', 6],
  ['lambdalabs', 4],
  ['hyperstack', 4],
  ['datacrunch', 3],
  ['primecompute', 5],
  ['massedcompute', 2],
  ['crusoecloud', 2],
  ['nebius', 3],
  ['tensordock', 1],
  ['fluidstack', 2],
  ['vultr', 1],
  ['denvr', 1],
  ['dc_impala', 1],
  ['latitude', 1],
];

export const MODELS = [
  'llama3-70b',
  'llama3-8b',
  'llama3.1-405b',
  'qwen2.5-72b',
  'qwen2.5-7b',
  'mistral-7b',
  'mixtral-8x7b',
  'deepseek-v3',
  'gemma2-27b',
  'phi3-mini',
  'sdxl',
  'flux-dev',
  'intellect-2',
  'whisper-large',
] as const;
export const POD_TASKS = [
  'finetune',
  'sft',
  'dpo',
  'grpo',
  'eval',
  'inference',
  'serve',
  'pretrain',
  'distill',
  'lora',
  'bench',
] as const;

export const POD_ENVIRONMENTS = [
  'ubuntu_22_cuda_12',
  'cuda_12_4_pytorch_2_4',
  'cuda_12_1_pytorch_2_3',
  'vllm_0_6',
  'prime_rl',
  'custom_template',
] as const;

export const INSTALL_FAILURES = [
  'Docker image pull failed: manifest unknown',
  'No capacity available at provider for the requested GPU type',
  'Container exited during setup (exit code 1)',
  'Timed out waiting for SSH to become reachable',
  'Insufficient disk space while extracting image layers',
] as const;

export const TEAMS = ['cm2k8x1qv0001team0research', 'cm2k8x1qv0002team00infra0', 'cm2k8x1qv0003team000evals'] as const;

/** The teams as `GET /user/teams` lists them (`{teamId, name, slug, role, createdAt}`, prime_cli/commands/teams.py). */
export const SIM_TEAMS = TEAMS.map((teamId, index) => {
  const name = ['research', 'infra', 'evals'][index]!;
  return {
    teamId,
    name,
    slug: `acme-${name}`,
    role: index === 0 ? 'ADMIN' : 'MEMBER',
    createdAt: '2025-03-0' + String(index + 1) + 'T09:00:00.000Z',
  };
});

export const USERS = [
  'cm1a9f0user0001ada0lovelace',
  'cm1a9f0user0002grace0hopper',
  'cm1a9f0user0003alan0turing0',
  'cm1a9f0user0004katherine0j0',
  'cm1a9f0user0005edsger0dijks',
  'cm1a9f0user0006barbara0lisk',
] as const;

export const DISK_PURPOSES = [
  'datasets',
  'checkpoints',
  'models-cache',
  'scratch',
  'hf-cache',
  'wandb-artifacts',
  'rl-rollouts',
] as const;
export const DISK_REGIONS = [
  { short: 'eu', region: 'eu-north-1', dataCenterId: 'FIN-01' },
  { short: 'eu', region: 'eu-central-1', dataCenterId: 'FRA-02' },
  { short: 'us', region: 'us-east-1', dataCenterId: 'IAD-03' },
  { short: 'us', region: 'us-west-2', dataCenterId: 'PDX-01' },
  { short: 'ap', region: 'ap-southeast-1', dataCenterId: 'SIN-01' },
] as const;
export const DISK_SIZES_GB = [100, 250, 500, 500, 1000, 1000, 2000, 5000, 10000] as const;
export const DISK_PROVIDERS: readonly (readonly [string, number])[] = [
  ['primecompute', 4],
  ['runpod', 3],
  ['hyperstack', 2],
  ['datacrunch', 2],
  ['nebius', 2],
  ['crusoecloud', 1],
];

export const SANDBOX_PREFIXES = [
  'eval-runner',
  'code-exec',
  'agent-env',
  'rl-rollout',
  'unit-tests',
  'notebook',
  'data-prep',
  'bench',
  'swe-task',
  'verifier',
] as const;
export const SANDBOX_IMAGES = [
  'pytorch/pytorch:2.4-cuda12',
  'ubuntu:22.04',
  'python:3.11-slim',
  'python:3.12-slim',
  'nvidia/cuda:12.4.1-runtime-ubuntu22.04',
  'ghcr.io/primeintellect-ai/verifiers:latest',
  'node:22-slim',
  'vllm/vllm-openai:v0.6.3',
] as const;
export const SANDBOX_COMMANDS = [
  'sleep infinity',
  'python -m eval.run --suite mmlu',
  'python -m eval.run --suite humaneval --n 200',
  'bash -lc "pip install -r requirements.txt && pytest -q"',
  'python rollout.py --episodes 64',
  'jupyter lab --ip 0.0.0.0 --no-browser',
] as const;
export const SANDBOX_LABELS = [
  'team:research',
  'team:infra',
  'env:prod',
  'env:staging',
  'env:dev',
  'eval',
  'gpu',
  'rl',
  'batch',
  'interactive',
] as const;
export const SANDBOX_REGIONS = ['us-central', 'us-east', 'eu-west', 'eu-north'] as const;
export const SANDBOX_ERRORS = [
  { type: 'OOM_KILLED', message: 'Container was killed after exceeding its memory limit' },
  { type: 'IMAGE_PULL_ERROR', message: 'Failed to pull image: unauthorized or not found' },
  { type: 'STARTUP_TIMEOUT', message: 'Sandbox did not become ready within 10 minutes' },
  { type: 'NODE_FAILURE', message: 'The node running the sandbox became unreachable' },
] as const;

/** Dispersed node sites: the name prefix and everything the location filters need. */
export interface NodeSite {
  code: string;
  country: string;
  continent: string;
  subdivision: string;
  complianceTags: readonly string[];
}

export const NODE_SITES: readonly NodeSite[] = [
  { code: 'fra', country: 'DE', continent: 'EU', subdivision: 'DE-HE', complianceTags: ['GDPR', 'EEA'] },
  { code: 'ams', country: 'NL', continent: 'EU', subdivision: 'NL-NH', complianceTags: ['GDPR', 'EEA'] },
  { code: 'hel', country: 'FI', continent: 'EU', subdivision: 'FI-18', complianceTags: ['GDPR', 'EEA'] },
  { code: 'waw', country: 'PL', continent: 'EU', subdivision: 'PL-14', complianceTags: ['GDPR', 'EEA'] },
  { code: 'lon', country: 'GB', continent: 'EU', subdivision: 'GB-ENG', complianceTags: ['GDPR'] },
  { code: 'sfo', country: 'US', continent: 'NA', subdivision: 'US-CA', complianceTags: [] },
  { code: 'nyc', country: 'US', continent: 'NA', subdivision: 'US-NY', complianceTags: [] },
  { code: 'dal', country: 'US', continent: 'NA', subdivision: 'US-TX', complianceTags: [] },
  { code: 'yyz', country: 'CA', continent: 'NA', subdivision: 'CA-ON', complianceTags: [] },
  { code: 'sin', country: 'SG', continent: 'AS', subdivision: 'SG-01', complianceTags: [] },
  { code: 'tyo', country: 'JP', continent: 'AS', subdivision: 'JP-13', complianceTags: [] },
  { code: 'syd', country: 'AU', continent: 'OC', subdivision: 'AU-NSW', complianceTags: [] },
  { code: 'gru', country: 'BR', continent: 'SA', subdivision: 'BR-SP', complianceTags: [] },
  { code: 'jnb', country: 'ZA', continent: 'AF', subdivision: 'ZA-GP', complianceTags: [] },
];

export interface NodeGpuModel {
  name: string;
  vramGb: number;
  counts: readonly number[];
  weight: number;
}

/** Dispersed is a network of independent operators, so consumer cards dominate. */
export const NODE_GPUS: readonly NodeGpuModel[] = [
  { name: 'NVIDIA GeForce RTX 4090', vramGb: 24, counts: [1, 1, 2, 4, 8], weight: 8 },
  { name: 'NVIDIA GeForce RTX 3090', vramGb: 24, counts: [1, 2, 4], weight: 5 },
  { name: 'NVIDIA GeForce RTX 5090', vramGb: 32, counts: [1, 2, 4], weight: 2 },
  { name: 'NVIDIA RTX A6000', vramGb: 48, counts: [1, 2, 4], weight: 2 },
  { name: 'NVIDIA L40S', vramGb: 48, counts: [2, 4, 8], weight: 2 },
  { name: 'NVIDIA A100-SXM4-80GB', vramGb: 80, counts: [4, 8], weight: 2 },
  { name: 'NVIDIA H100 80GB HBM3', vramGb: 80, counts: [8], weight: 2 },
];

export const NODE_CPUS = [
  { name: 'AMD EPYC 7763 64-Core Processor', cores: 64, arch: 'x86_64', clock: 2450, chipset: 'Milan' },
  { name: 'AMD EPYC 9554 64-Core Processor', cores: 64, arch: 'x86_64', clock: 3100, chipset: 'Genoa' },
  { name: 'AMD Ryzen 9 7950X 16-Core Processor', cores: 16, arch: 'x86_64', clock: 4500, chipset: 'Raphael' },
  { name: 'Intel(R) Xeon(R) Platinum 8480+', cores: 56, arch: 'x86_64', clock: 2000, chipset: 'Sapphire Rapids' },
  { name: 'Intel(R) Core(TM) i9-14900K', cores: 24, arch: 'x86_64', clock: 3200, chipset: 'Raptor Lake' },
] as const;

export const NODE_DRIVES = [
  'Samsung SSD 990 PRO 2TB',
  'SAMSUNG MZQL27T6HBLA-00A07',
  'WD_BLACK SN850X 4000GB',
  'Micron_7450_MTFDKCC3T8TFS',
] as const;

export const NODE_OS = [
  { brand: 'Ubuntu', name: 'Ubuntu 22.04.4 LTS', version: '22.04' },
  { brand: 'Ubuntu', name: 'Ubuntu 24.04.1 LTS', version: '24.04' },
  { brand: 'Debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12' },
] as const;

export const NVIDIA_DRIVERS = ['550.120', '550.127.05', '560.35.03', '565.57.01'] as const;
export const DOCKER_VERSIONS = ['26.1.4', '27.3.1', '27.4.0'] as const;
export const CLIENT_VERSIONS = ['0.9.4', '0.9.6', '0.10.0', '0.10.1'] as const;

export const OPERATORS = [
  { name: 'Helios Compute', given: 'Mira', family: 'Okafor', domain: 'helios-compute.example' },
  { name: 'Northwind GPU', given: 'Jonas', family: 'Lindqvist', domain: 'northwind-gpu.example' },
  { name: 'Basalt Labs', given: 'Priya', family: 'Raman', domain: 'basalt-labs.example' },
  { name: 'Kestrel Hosting', given: 'Diego', family: 'Alvarez', domain: 'kestrel.example' },
  { name: 'Tern Systems', given: 'Aiko', family: 'Tanaka', domain: 'tern-systems.example' },
  { name: 'Quokka Cloud', given: 'Liam', family: 'Byrne', domain: 'quokka.example' },
] as const;
