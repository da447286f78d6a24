import type { DispersedNode } from '../api/dispersed/schemas.js';
import { age, gigabytes, MISSING, percent, plain } from './format.js';
import { ageColumn, defineView, type TrendSpec, type ViewContext } from './resource.js';
import { sparkline } from './sparkline.js';
import type { Cell } from './table/cell.js';

/** Words in a GPU's marketing name that the VRAM figure or the column already say. */
const NOISE = /^(nvidia|geforce|amd|radeon|\d+gb|hbm\d*e?|pcie|sxm\d*|nvl)$/i;

/** `NVIDIA GeForce RTX 4090` → `RTX4090`; `NVIDIA H100 80GB HBM3` → `H100`. */
export function shortGpuModel(name: string): string {
  const words = name.split(/[\s-]+/).filter((word) => word !== '' && !NOISE.test(word));
  return words.length > 0 ? words.join('') : name;
}

/** `RTX4090×2 24GB`: the first GPU's model, how many GPUs, and the VRAM of one. */
function gpus(node: DispersedNode): string {
  const [first] = node.gpus;
  if (!first) return MISSING;
  const model = shortGpuModel(first.name ?? 'GPU');
  const count = node.gpus.length > 1 ? `×${node.gpus.length}` : '';
  const vram = first.vram_gb_max !== null ? ` ${Math.round(first.vram_gb_max)}GB` : '';
  return `${model}${count}${vram}`;
}

function gpuLoad(node: DispersedNode): number | null {
  return node.latest_hardware_event?.metadata?.gpu?.average ?? null;
}

/** Readings the GPU% column draws beside the figure; the detail pane draws more. */
export const LOAD_SPARK_WIDTH = 8;

/** The GPU load each heartbeat reports, kept per node: is it ramping up or idling? */
const loadTrend: TrendSpec<DispersedNode> = {
  label: 'GPU load',
  read: (node) => {
    const load = gpuLoad(node);
    const at = node.latest_hardware_event?.timestamp_ms ?? Date.parse(node.latest_hardware_event?.created_at ?? '');
    return load === null || !Number.isFinite(at) ? null : { value: load, at };
  },
  scale: { min: 0, max: 100 },
  format: percent,
};

/** `▂▃▅▇ 87%`: the last readings and the current one, coloured by how busy the node is. */
function loadCell(node: DispersedNode, context: ViewContext): Cell {
  const load = gpuLoad(node);
  if (load === null) return { text: MISSING };
  const spark =
    context.sparklines && context.trend ? sparkline(context.trend(node.id), LOAD_SPARK_WIDTH, loadTrend.scale) : '';
  // Padded so every row's sparkline starts, and its figure ends, in the same column.
  const figure = percent(load).padStart(4);
  return {
    text: spark ? `${spark.padEnd(LOAD_SPARK_WIDTH)} ${figure}` : figure,
    color: load >= 90 ? 'error' : load >= 60 ? 'warning' : undefined,
  };
}

function cpuCores(node: DispersedNode): number | null {
  if (node.cpus.length === 0) return null;
  return node.cpus.reduce((sum, cpu) => sum + (cpu.num_cores ?? 0), 0);
}

function ram(node: DispersedNode): number | null {
  if (node.ramTotal !== null) return node.ramTotal;
  if (node.rams.length === 0) return null;
  return node.rams.reduce((sum, r) => sum + (r.memory_gb_max ?? 0), 0);
}

export const nodesView = defineView<DispersedNode>({
  kind: 'nodes',
  api: 'Dispersed',
  title: 'Nodes',
  singular: 'node',
  trend: loadTrend,
  fields: { ip: (node) => node.ipv4_address },
  getTime: (node) => node.created_at,
  columns: (context) => [
    {
      id: 'gpus',
      title: 'GPUS',
      minWidth: 10,
      maxWidth: 26,
      priority: 1,
      render: gpus,
      sortValue: (n) => n.gpus.length,
    },
    {
      id: 'load',
      title: 'GPU%',
      width: context.sparklines ? LOAD_SPARK_WIDTH + 5 : 5,
      align: 'right',
      priority: 1,
      render: (node) => loadCell(node, context),
      sortValue: gpuLoad,
    },
    {
      id: 'cpu',
      title: 'CPU',
      width: 4,
      align: 'right',
      priority: 3,
      render: (n) => plain(cpuCores(n)),
      sortValue: cpuCores,
    },
    {
      id: 'ram',
      title: 'RAM',
      minWidth: 5,
      align: 'right',
      priority: 3,
      render: (n) => gigabytes(ram(n)),
      sortValue: ram,
    },
    {
      id: 'reputation',
      title: 'REP',
      width: 4,
      align: 'right',
      priority: 4,
      render: (n) => plain(n.reputation),
      sortValue: (n) => n.reputation,
    },
    ageColumn(
      (n) => n.last_seen_at,
      (t) => age(t, context.now),
      'SEEN',
      2,
    ),
  ],
});
