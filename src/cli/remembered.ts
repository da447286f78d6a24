/**
 * What one run leaves for the next: the last tab, each tab's sort and filter,
 * whether the events panel was open, the `:` history and the watches added
 * with `:watch` (the config file's stay in the config file). Kept in
 * `$XDG_STATE_HOME/cloudtop/state.json` (default `~/.local/state/cloudtop/`),
 * which is state, not configuration: cloudtop writes it, people need not.
 *
 * Reading never fails: a missing file is a first run, and a damaged one (or
 * one from another version) is ignored with a one-line warning. Every value
 * is checked against the views as they are now, so a column or filter that
 * no longer applies is dropped rather than trusted.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { RESOURCE_KINDS, viewFor, type ResourceKind } from '../views/index.js';
import { sanitize } from '../util/text.js';
import { xdgPath } from '../config/xdg.js';
import { HISTORY_MAX, remember } from '../input/command-line.js';
import { filterFor, type FilterExpression } from '../filter/index.js';
import type { Remembered, SortState, UiState } from '../model/ui-state.js';
import { MAX_WATCHES, WATCH_KIND } from '../model/watches.js';

const FILE_VERSION = 1;

const fileSchema = z.object({
  version: z.literal(FILE_VERSION),
  tab: z.string().optional(),
  tabs: z
    .record(
      z.string(),
      z.object({
        sort: z.object({ columnId: z.string(), descending: z.boolean() }).optional(),
        filter: z.string().max(2000).optional(),
      }),
    )
    .optional(),
  eventsOpen: z.boolean().optional(),
  commandHistory: z.array(z.string().max(500)).optional(),
  watches: z.array(z.string().max(2000)).optional(),
});
type StateFile = z.infer<typeof fileSchema>;

export function statePath(env: NodeJS.ProcessEnv, home?: string): string {
  return xdgPath('state', 'state.json', env, home);
}

export interface Restored extends Remembered {
  tab?: ResourceKind;
}

/** What the file holds, as far as it still applies; `warn` hears of a damaged file, once. */
export function readRemembered(path: string, warn: (line: string) => void): Restored {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR')
      warn(`ignoring the remembered state in ${path}: ${code ?? 'unreadable'}`);
    return {};
  }
  let parsed: StateFile;
  try {
    parsed = fileSchema.parse(JSON.parse(raw));
  } catch {
    warn(`ignoring the remembered state in ${path}: it is damaged (it will be written afresh)`);
    return {};
  }
  const restored: Restored = {};
  if (parsed.tab && (RESOURCE_KINDS as readonly string[]).includes(parsed.tab))
    restored.tab = parsed.tab as ResourceKind;
  const tabs: NonNullable<Remembered['tabs']> = {};
  for (const kind of RESOURCE_KINDS) {
    const kept = parsed.tabs?.[kind];
    if (!kept) continue;
    tabs[kind] = { sort: sortThatApplies(kind, kept.sort), filter: filterThatApplies(kind, kept.filter) };
  }
  restored.tabs = tabs;
  if (parsed.eventsOpen !== undefined) restored.eventsOpen = parsed.eventsOpen;
  // Typed text once, but cleaned again: the file is outside cloudtop's control.
  if (parsed.commandHistory)
    restored.commandHistory = parsed.commandHistory.slice(-HISTORY_MAX).map(sanitize).filter(Boolean);
  // Checked again as `:watch` checks them: one that no longer applies is dropped.
  if (parsed.watches)
    restored.watches = parsed.watches
      .slice(0, MAX_WATCHES)
      .flatMap((source) => filterFor(source, viewFor(WATCH_KIND)).filter ?? []);
  return restored;
}

function sortThatApplies(kind: ResourceKind, sort: SortState | undefined): SortState | undefined {
  if (!sort) return undefined;
  return viewFor(kind)
    .columns({ now: 0 })
    .some((column) => column.id === sort.columnId)
    ? sort
    : undefined;
}

function filterThatApplies(kind: ResourceKind, source: string | undefined): FilterExpression | undefined {
  if (!source) return undefined;
  return filterFor(source, viewFor(kind)).filter;
}

/** The part of the UI state the file keeps. */
export function toFile(state: UiState): StateFile {
  const tabs: NonNullable<StateFile['tabs']> = {};
  for (const kind of RESOURCE_KINDS)
    tabs[kind] = { sort: state.tabs[kind].sort, filter: state.tabs[kind].filter.source };
  return {
    version: FILE_VERSION,
    tab: state.tab,
    tabs,
    eventsOpen: state.events.open,
    commandHistory: [...state.commandHistory],
    watches: state.watches.filter((entry) => !entry.saved).map((entry) => entry.filter.source),
  };
}

/**
 * Writes the file whole (a temporary file renamed over it, so a crash never
 * leaves half of one), readable by its owner only: filters and commands may
 * name things others need not see. A failure is reported once, never thrown:
 * remembering is a convenience.
 *
 * The first state it is told of is the one the run started from: nothing
 * is written until something changes, so a run that changes nothing leaves
 * the file as it was. `kept`: the command lines and watches a `--fresh` run
 * started without; what it runs and watches is added to them rather than
 * put in their place (`--fresh` starts without the remembered state, it
 * does not erase it).
 */
export function createRememberer(
  path: string,
  warn: (line: string) => void,
  kept: Pick<Remembered, 'commandHistory' | 'watches'> = {},
): (state: UiState) => void {
  let last: string | null = null;
  let failed = false;
  return (state) => {
    const commandHistory = state.commandHistory.reduce<readonly string[]>(
      (lines, line) => remember(lines, line),
      kept.commandHistory ?? [],
    );
    const file = toFile({ ...state, commandHistory });
    const watches = [...new Set([...(kept.watches ?? []).map((watch) => watch.source), ...(file.watches ?? [])])];
    const text = `${JSON.stringify({ ...file, watches }, null, 2)}\n`;
    if (last === null) last = text;
    if (text === last || failed) return;
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, text, { mode: 0o600 });
      renameSync(temporary, path);
      last = text;
    } catch (error) {
      failed = true;
      warn(
        `cannot remember this run's tabs and filters in ${path}: ${(error as { code?: string }).code ?? 'write failed'}`,
      );
    }
  };
}
