/**
 * `cloudtop --once` (and any run whose stdout is not a terminal): print the
 * start tab's filtered rows once and exit. An aligned plain table by default,
 * every column with `--output wide`, the full objects with `--output json`
 * (secrets masked). Problems go to stderr as one line, with a non-zero exit.
 */
import { ApiError } from '../api/errors.js';
import { toSafeJson } from '../views/detail.js';
import { viewFor } from '../views/index.js';
import { formatPlainTable, primaryColumns } from './plain-table.js';
import { sortRows } from '../views/table/columns.js';
import type { OutputFormat } from '../config/flags.js';
import { compileFilter, serverQueryFor, type FilterExpression } from '../filter/index.js';
import type { ResourceKind } from '../views/resource.js';
import { fetcherFor, type Fetchers } from '../data/sources.js';
import { chooseColumns } from '../model/derivations.js';

export interface OnceRequest {
  kind: ResourceKind;
  filter: FilterExpression;
  showGone: boolean;
  output: OutputFormat;
  /** The columns the config file chose for this tab, in order; all of them when absent. */
  columns?: readonly string[] | undefined;
  /** The config file's sort for this tab; the view's own when absent. */
  sort?: { columnId: string; descending: boolean } | undefined;
}

export interface OnceStreams {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** Exit status: 0 on success, 1 when the API failed. */
export async function printOnce(
  fetchers: Fetchers,
  request: OnceRequest,
  streams: OnceStreams,
  now = Date.now(),
): Promise<number> {
  const view = viewFor(request.kind);
  let data;
  try {
    data = await fetcherFor(fetchers, request.kind)(
      AbortSignal.timeout(120_000),
      serverQueryFor(request.kind, request.filter, request.showGone),
    );
  } catch (error) {
    const message = error instanceof ApiError ? error.message : `could not load ${view.plural}`;
    streams.stderr.write(`cloudtop: ${message}\n`);
    return 1;
  }
  const passes = compileFilter(request.filter, view, { showGone: request.showGone });
  // Wide is every column, those shown on request too, unless the file chose some.
  const columns = chooseColumns(view.columns({ now }), request.columns, request.output === 'wide');
  const rows = sortRows(data.items.filter(passes), columns, request.sort ?? view.defaultSort, view);
  if (data.truncated) {
    streams.stderr.write(
      `cloudtop: only the first ${data.items.length} of ${data.total} ${view.plural} were fetched (the list cap)\n`,
    );
  }
  if (data.skipped > 0)
    streams.stderr.write(`cloudtop: ${data.skipped} ${view.plural} could not be read and were left out\n`);
  if (request.output === 'json') {
    // Masked, and with C1 controls and bidi overrides escaped: JSON piped to a terminal must not act on it.
    streams.stdout.write(`${toSafeJson(rows)}\n`);
  } else {
    const shown = request.output === 'wide' ? columns : primaryColumns(columns);
    streams.stdout.write(`${formatPlainTable(rows, shown)}\n`);
  }
  return 0;
}
