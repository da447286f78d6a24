import type { Sandbox } from '../api/prime-schemas.js';
import { age, gigabytes, MISSING, plain } from './format.js';
import { ageColumn, leadingColumns, type ResourceView } from './resource.js';

function gpu(sandbox: Sandbox): string {
  if (!sandbox.gpuCount) return MISSING;
  const type = sandbox.gpuType ?? 'GPU';
  return sandbox.gpuCount > 1 ? `${type}×${sandbox.gpuCount}` : type;
}

function cores(value: number | null): string {
  return value === null ? MISSING : `${value}`;
}

function timeout(sandbox: Sandbox): string {
  const minutes = sandbox.timeoutMinutes;
  if (minutes === null) return MISSING;
  return minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

export const sandboxesView: ResourceView<Sandbox> = {
  kind: 'sandboxes',
  title: 'Sandboxes',
  singular: 'sandbox',
  getId: (sandbox) => sandbox.id,
  // An empty name shows the id rather than a blank cell.
  getName: (sandbox) => sandbox.name || sandbox.id,
  getStatus: (sandbox) => sandbox.status,
  getLabels: (sandbox) => sandbox.labels,
  defaultSort: { columnId: 'name', descending: false },
  columns: (context) => [
    ...leadingColumns(sandboxesView, context),
    { id: 'image', title: 'IMAGE', minWidth: 12, flex: 2, maxWidth: 36, priority: 2, render: (s) => plain(s.dockerImage) },
    { id: 'cpu', title: 'CPU', width: 4, align: 'right', priority: 3, render: (s) => cores(s.cpuCores), sortValue: (s) => s.cpuCores },
    { id: 'memory', title: 'MEM', width: 7, align: 'right', priority: 3, render: (s) => gigabytes(s.memoryGB), sortValue: (s) => s.memoryGB },
    { id: 'disk', title: 'DISK', width: 7, align: 'right', priority: 4, render: (s) => gigabytes(s.diskSizeGB), sortValue: (s) => s.diskSizeGB },
    { id: 'gpu', title: 'GPU', minWidth: 5, flex: 1, maxWidth: 18, priority: 2, render: gpu },
    { id: 'labels', title: 'LABELS', minWidth: 10, flex: 2, maxWidth: 40, priority: 1, render: (s) => (s.labels.length ? s.labels.join(',') : MISSING) },
    ageColumn((s) => s.createdAt, (t) => age(t, context.now)),
    { id: 'timeout', title: 'TIMEOUT', width: 7, align: 'right', priority: 4, render: timeout, sortValue: (s) => s.timeoutMinutes },
  ],
};
