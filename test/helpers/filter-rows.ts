/** A minimal row shape for filter tests, and its accessors. */
import type { FilterAccessors } from '../../src/filter/match.js';

export interface FilterRow {
  id: string;
  name: string;
  status: string;
  labels: string[] | null;
}

export const rowAccessors: FilterAccessors<FilterRow> = {
  getId: (row) => row.id,
  getName: (row) => row.name,
  getStatus: (row) => row.status,
  getLabels: (row) => row.labels,
};

/** `count` sandbox-like rows with names, statuses and labels to filter on (a filter test's and the benchmark's). */
export function manyFilterRows(count: number): FilterRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `sb-${i.toString(36)}-${(i * 7919).toString(16)}`,
    name: `Sandbox ${i} eval-runner llama-${i % 97}`,
    status: ['RUNNING', 'PAUSED', 'TERMINATED', 'ERROR', 'PENDING'][i % 5] as string,
    labels: [`team:${i % 13}`, i % 2 ? 'eval' : 'train', `batch-${i % 101}`],
  }));
}

/** A filter as it is typed, one entry per keystroke: a word, then a label and a negated status. */
export const TYPED_FILTER = [
  'l',
  'll',
  'lla',
  'llam',
  'llama',
  'llama-',
  'llama-4',
  'llama-42',
  'llama-42 label:eval',
  'llama-42 label:eval -status:paused',
] as const;
