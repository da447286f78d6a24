/**
 * cloudtop's own settings file, `$XDG_CONFIG_HOME/cloudtop/config.json`
 * (`~/.config/cloudtop/config.json` where XDG_CONFIG_HOME is unset), checked
 * with zod. Its keys are named like the long flags (`tab`, `interval`,
 * `readOnly`, …); see the README's "Config file" for every one.
 *
 * - A bad value stops start-up with one line naming the field and what is
 *   allowed (exit status 2, as a bad flag does): cloudtop should not run
 *   half-configured, least of all with a delete key the person did not mean.
 * - A key cloudtop does not know is a warning, not an error: a file written
 *   for a newer version still starts an older one.
 * - The Dispersed key pair may live here. Like `~/.prime/config.json`, a file
 *   holding a secret that others can read gets one warning line, and no
 *   message ever quotes a key (a bad one is named by its field only).
 *
 * Every string in the file is untrusted: messages quote values only through
 * `sanitize`, and the views' columns, sorts and filters are checked here
 * against the views, so nothing unknown reaches the dashboard.
 */
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { xdgPath } from './xdg.js';
import { RESOURCE_KINDS, viewFor, type ResourceKind } from '../views/index.js';
import { sanitize, truncate } from '../util/text.js';
import {
  COLOUR_ROLES,
  isColour,
  makePalette,
  THEME_NAMES,
  type ColourRole,
  type Palette,
  type ThemeName,
} from '../views/theme.js';
import { STATUS_CATEGORIES } from '../views/status.js';
import { filterFor, MAX_WATCHES, WATCH_KIND, type FilterExpression } from '../filter/index.js';
import { isBindingName, resolveKeyMap } from './custom-keys.js';
import { resolveCommands } from './custom-commands.js';
import type { CustomCommands } from '../input/custom-commands.js';
import { DEFAULT_KEYMAP, type KeyMap } from '../input/bindings.js';
import { warnIfReadableByOthers, type Environment } from './prime-cli-files.js';
import { readJsonObjectFile } from './json-file.js';

const seconds = (field: string, minimum: number) =>
  z
    .number({ error: `${field} must be a number of seconds from ${minimum} to 3600` })
    .min(minimum, { error: `${field} must be at least ${minimum} second${minimum === 1 ? '' : 's'}` })
    .max(3600, { error: `${field} must be at most 3600 seconds` });
const flag = (field: string) => z.boolean({ error: `${field} must be true or false` });
const COLOUR_RULE = 'must be one of the 16 colour names (red, greenBright, gray, …), "#rrggbb", or null for none';
const colour = z.string({ error: COLOUR_RULE }).refine(isColour, { error: COLOUR_RULE }).nullable();

/**
 * An object whose keys are all optional, one per name: unlike a record over
 * an enum, a name it does not know is left out (and warned about by
 * unknownKeys), not refused.
 */
function optionalFields<K extends string, T extends z.ZodType>(names: readonly K[], schema: T, error: string) {
  return z.object(Object.fromEntries(names.map((name) => [name, schema.optional()])) as Record<K, z.ZodOptional<T>>, {
    error,
  });
}

const viewSettings = z.object({
  columns: z
    .array(z.string(), { error: 'columns must be a list of column names' })
    .min(1, { error: 'columns must name at least one column' })
    .optional(),
  sort: z.string({ error: 'sort must be a column name' }).optional(),
  descending: flag('descending').optional(),
  filter: z.string({ error: 'filter must be a filter expression, as typed after /' }).optional(),
});

const themeObject = z.object(
  {
    name: z.enum(THEME_NAMES, { error: `name must be one of ${THEME_NAMES.join(', ')}` }).optional(),
    /** A colour per status category. */
    status: optionalFields(
      STATUS_CATEGORIES,
      colour,
      `status must be an object of status categories (${STATUS_CATEGORIES.join(', ')})`,
    ).optional(),
    /** A colour per accent role (accent, added, unseen, demo, warning, error, success, match). */
    colours: optionalFields(
      COLOUR_ROLES,
      colour,
      `colours must be an object of colour roles (${COLOUR_ROLES.join(', ')})`,
    ).optional(),
  },
  { error: `theme must be one of ${THEME_NAMES.join(', ')}, or an object with name, status and colours` },
);

const tabName = z.enum(RESOURCE_KINDS, { error: `must be a tab: ${RESOURCE_KINDS.join(', ')}` });

/** A command on the selected resource (config/custom-commands.ts checks the rest). */
const commandEntry = z.object(
  {
    key: z.string({ error: 'key must be one key, as in keys' }),
    // `"tabs": "pods"` is short for `["pods"]`.
    tabs: z.preprocess(
      (value) => (typeof value === 'string' ? [value] : value),
      z.array(tabName, { error: 'tabs must be a tab or a list of tabs' }).min(1, { error: 'tabs must name a tab' }),
    ),
    command: z.string({ error: 'command must be the program to run' }).min(1, { error: 'command must not be empty' }),
    args: z.array(z.string(), { error: 'args must be a list of strings, one argument each' }).optional(),
    description: z.string({ error: 'description must be text' }).optional(),
    shell: flag('shell').optional(),
    background: flag('background').optional(),
    destructive: flag('destructive').optional(),
  },
  { error: 'must be an object with key, tabs, command and args' },
);

const keyList = z.union([z.string(), z.array(z.string()), z.null()], {
  error: 'must be a key, a list of keys, or null for none',
});

export const configFileSchema = z.object({
  tab: z.enum(RESOURCE_KINDS, { error: `tab must be one of ${RESOURCE_KINDS.join(', ')}` }).optional(),
  interval: seconds('interval', 1).optional(),
  highlight: seconds('highlight', 0).optional(),
  notify: flag('notify').optional(),
  readOnly: flag('readOnly').optional(),
  all: flag('all').optional(),
  // `"theme": "light"` is short for `"theme": {"name": "light"}`.
  theme: z.preprocess((value) => (typeof value === 'string' ? { name: value } : value), themeObject).optional(),
  keys: z.record(z.string(), keyList, { error: 'keys must be an object of binding names' }).optional(),
  /** Your own commands on the selected resource, by name (the footer's word). */
  commands: z.record(z.string(), commandEntry, { error: 'commands must be an object of command names' }).optional(),
  views: optionalFields(
    RESOURCE_KINDS,
    viewSettings,
    `views must be an object of tab names (${RESOURCE_KINDS.join(', ')})`,
  ).optional(),
  dispersed: z
    .object({
      publicKey: z.string({ error: 'must be the public key (pk_…)' }).optional(),
      secretKey: z.string({ error: 'must be the secret key (sk_…)' }).optional(),
    })
    .optional(),
  /** Filters over the offers, as typed after `/` on the Availability tab: an offer that comes to match one is told. */
  watches: z
    .array(z.string({ error: 'watches must be filter expressions, as typed after :watch' }), {
      error: 'watches must be a list of filter expressions, e.g. ["gpu:H200 count:8 price<3 stock:high"]',
    })
    .max(MAX_WATCHES, { error: `watches may hold at most ${MAX_WATCHES} filters` })
    .optional(),
});

export type ConfigFileSettings = z.infer<typeof configFileSchema>;

/** What the file says, checked, in the forms the app uses. */
export interface ConfigFile {
  path: string;
  /** Whether there was a file at all. */
  found: boolean;
  settings: ConfigFileSettings;
  /** Each tab's start sort and filter, from `views`. */
  tabStarts: Partial<
    Record<ResourceKind, { sort?: { columnId: string; descending: boolean }; filter?: FilterExpression }>
  >;
  /** Each tab's columns, from `views`. */
  columns: Partial<Record<ResourceKind, readonly string[]>>;
  /** The keys in force: `keys` over the defaults, checked for collisions. */
  keymap: KeyMap;
  /** `watches`, each checked as `:watch` checks it. */
  watches: FilterExpression[];
  /** `commands`, each tab's, checked against the keys in force. */
  commands: CustomCommands;
  /** One line each: unknown keys, a secret others can read. */
  warnings: string[];
}

/** Where the file is: XDG_CONFIG_HOME (when absolute, as the XDG spec asks), else ~/.config. */
export function configFilePath(env: Environment, home?: string): string {
  return xdgPath('config', 'config.json', env, home);
}

/** Reads and checks the file; absent is fine (nothing set). Throws ConfigError, one line, for anything wrong in it. */
export function readConfigFile(env: Environment, home?: string): ConfigFile {
  const path = configFilePath(env, home);
  const raw = readRaw(path);
  if (raw === null)
    return {
      path,
      found: false,
      settings: {},
      tabStarts: {},
      columns: {},
      keymap: DEFAULT_KEYMAP,
      watches: [],
      commands: {},
      warnings: [],
    };
  const warnings = unknownKeys(raw).map(
    (key) => `${path}: unknown setting ${key} ignored (see the README's "Config file")`,
  );
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${path}: ${describeIssue(parsed.error.issues[0], raw)}`);
  const settings = parsed.data;
  if (settings.dispersed?.secretKey) warnIfReadableByOthers(path, warnings);
  const { tabStarts, columns } = checkViews(path, settings.views ?? {});
  const keymap = resolveKeyMap(settings.keys ?? {}, `${path}: keys`);
  const watches = checkWatches(path, settings.watches ?? []);
  const commands = resolveCommands(settings.commands ?? {}, keymap, `${path}: commands`);
  return { path, found: true, settings, tabStarts, columns, keymap, watches, commands, warnings };
}

/** Each watch through the same parser and check as `:watch`: a syntax error or a term the offers cannot apply stops start-up. */
function checkWatches(path: string, sources: readonly string[]): FilterExpression[] {
  return sources.map((source, index) => {
    const { filter, error } = filterFor(source, viewFor(WATCH_KIND));
    // The whole reason (it quotes nothing of the file's but the column), cleaned.
    const why = truncate(sanitize(error ?? 'invalid filter'), 160);
    if (!filter) throw new ConfigError(`${path}: watches.${index} is not usable: ${why}`);
    if (filter.terms.length === 0) throw new ConfigError(`${path}: watches.${index} is empty: a watch needs a term`);
    return filter;
  });
}

/** The theme the file asks for with its overrides, or the default; `name` wins over the file's (CLOUDTOP_THEME). */
export function paletteFrom(
  theme: ConfigFileSettings['theme'],
  name?: ThemeName,
): { name: ThemeName; palette: Palette } {
  const chosen = name ?? theme?.name ?? 'default';
  const overrides: Partial<Record<ColourRole, string | null>> = { ...theme?.colours, ...theme?.status };
  return { name: chosen, palette: makePalette(chosen, overrides) };
}

function readRaw(path: string): Record<string, unknown> | null {
  return readJsonObjectFile(path);
}

const TOP_KEYS = Object.keys(configFileSchema.shape);
const VIEW_KEYS = Object.keys(viewSettings.shape);
const THEME_KEYS = Object.keys(themeObject.shape);
const DISPERSED_KEYS = ['publicKey', 'secretKey'];
const COMMAND_KEYS = Object.keys(commandEntry.shape);

/** Keys the schema does not know, as dotted paths (sanitized: they are the file's text). */
function unknownKeys(raw: Record<string, unknown>): string[] {
  const found: string[] = [];
  const check = (object: unknown, known: readonly string[], prefix: string): void => {
    if (!object || typeof object !== 'object' || Array.isArray(object)) return;
    for (const key of Object.keys(object)) if (!known.includes(key)) found.push(`${prefix}${safe(key)}`);
  };
  check(raw, TOP_KEYS, '');
  check(raw.views, RESOURCE_KINDS, 'views.');
  if (raw.views && typeof raw.views === 'object') {
    for (const kind of RESOURCE_KINDS) check((raw.views as Record<string, unknown>)[kind], VIEW_KEYS, `views.${kind}.`);
  }
  check(raw.theme, THEME_KEYS, 'theme.');
  if (raw.theme && typeof raw.theme === 'object') {
    const theme = raw.theme as Record<string, unknown>;
    check(theme.status, STATUS_CATEGORIES, 'theme.status.');
    check(theme.colours, COLOUR_ROLES, 'theme.colours.');
  }
  check(raw.dispersed, DISPERSED_KEYS, 'dispersed.');
  if (raw.commands && typeof raw.commands === 'object' && !Array.isArray(raw.commands)) {
    for (const [name, entry] of Object.entries(raw.commands)) check(entry, COMMAND_KEYS, `commands.${safe(name)}.`);
  }
  if (raw.keys && typeof raw.keys === 'object' && !Array.isArray(raw.keys)) {
    for (const name of Object.keys(raw.keys))
      if (!isBindingName(name)) found.push(`keys.${safe(name)} (not a binding name)`);
  }
  return found;
}

/** One line for the first problem: the field, what is allowed, and what was there (never for a key). */
function describeIssue(issue: z.core.$ZodIssue | undefined, raw: Record<string, unknown>): string {
  if (!issue) return 'invalid settings';
  const path = issue.path.map((part) => safe(String(part))).join('.');
  const secret = issue.path[0] === 'dispersed';
  let got: unknown = raw;
  // `"theme": "dark"` is checked as theme.name: a plain value on the way is the value to show.
  for (const part of issue.path) if (got && typeof got === 'object') got = (got as Record<PropertyKey, unknown>)[part];
  const shown = secret || got === undefined ? '' : ` (got ${safe(truncate(JSON.stringify(got) ?? String(got), 40))})`;
  // Our messages start with the field's own name; say where it is when it is nested.
  const message = issue.message.startsWith(String(issue.path.at(-1)))
    ? issue.message.slice(String(issue.path.at(-1)).length).trimStart()
    : issue.message;
  return `${path || 'settings'} ${message}${shown}`;
}

const safe = (text: string): string => sanitize(text).slice(0, 60);

/** Columns, sort and filter of each view, against what the view has. */
function checkViews(
  path: string,
  views: NonNullable<ConfigFileSettings['views']>,
): Pick<ConfigFile, 'tabStarts' | 'columns'> {
  const tabStarts: ConfigFile['tabStarts'] = {};
  const columns: ConfigFile['columns'] = {};
  for (const kind of RESOURCE_KINDS) {
    const settings = views[kind];
    if (!settings) continue;
    const view = viewFor(kind);
    const ids = view.columns({ now: 0 }).map((column) => column.id);
    const fail = (field: string, message: string): never => {
      throw new ConfigError(`${path}: views.${kind}.${field} ${message}`);
    };
    if (settings.columns) {
      for (const id of settings.columns)
        if (!ids.includes(id)) fail('columns', `has no column "${safe(id)}" (${kind} has ${ids.join(', ')})`);
      if (!settings.columns.includes('name'))
        fail('columns', 'must include name: a row without its name cannot be told apart');
      columns[kind] = [...new Set(settings.columns)];
    }
    const start: NonNullable<ConfigFile['tabStarts'][ResourceKind]> = {};
    if (settings.sort !== undefined || settings.descending !== undefined) {
      const columnId = settings.sort ?? view.defaultSort.columnId;
      if (!ids.includes(columnId)) fail('sort', `has no column "${safe(columnId)}" (${kind} has ${ids.join(', ')})`);
      start.sort = { columnId, descending: settings.descending ?? false };
    }
    if (settings.filter !== undefined) {
      // The same parser and check as `/` and --filter: a syntax error or a term this tab cannot apply.
      const { filter, error } = filterFor(settings.filter, view);
      if (!filter) return fail('filter', `is not usable: ${safe(error ?? 'invalid filter')}`);
      start.filter = filter;
    }
    if (start.sort || start.filter) tabStarts[kind] = start;
  }
  return { tabStarts, columns };
}
