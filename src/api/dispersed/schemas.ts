/**
 * Zod schemas for the Dispersed API (the docs page "List Nodes"; spec/dispersed/).
 * The documented node object has no `status` field although `filter[status]`
 * exists; we read `status` when the API sends it and show UNKNOWN otherwise.
 */
import { z } from 'zod';
import { count, list, number, rawItems, status, text } from '../lenient.js';

const gpuSchema = z.looseObject({ name: text, vram_gb_available: number, vram_gb_max: number });
const cpuSchema = z.looseObject({ name: text, num_cores: number });
const ramSchema = z.looseObject({ memory_gb_available: number, memory_gb_max: number });
const gpuLoadSchema = z.looseObject({ load: number, name: text });

const hardwareEventSchema = z.looseObject({
  timestamp_ms: number,
  created_at: text,
  metadata: z
    .looseObject({
      gpu: z.looseObject({ average: number, gpus: list(gpuLoadSchema) }).nullish(),
      cpu: z.looseObject({ average: number }).nullish(),
    })
    .nullish(),
});

export const nodeSchema = z
  .looseObject({
    _id: text,
    uuid: text,
    name: text,
    status,
    reputation: number,
    created_at: text,
    updated_at: text,
    last_seen_at: text,
    cpus: list(cpuSchema),
    gpus: list(gpuSchema),
    rams: list(ramSchema),
    ramTotal: number,
    latest_hardware_event: hardwareEventSchema.nullish().catch(null),
    ipv4_address: text,
    suspended_at: text,
    deleted_at: text,
  })
  // Nodes are identified by uuid; `_id` is the fallback the docs also show.
  .refine((node) => Boolean(node.uuid ?? node._id), { message: 'node without uuid or _id' })
  .transform((node) => ({ ...node, id: (node.uuid ?? node._id) as string }));
export type DispersedNode = z.output<typeof nodeSchema>;

export const nodePageSchema = z.looseObject({
  data: rawItems,
  limit: count.optional(),
  page: count.optional(),
  total: count.optional(),
});
