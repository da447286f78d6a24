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
