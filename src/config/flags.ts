/**
 * Command-line flags. Bad input is a one-line message and exit status 2,
 * never a stack trace.
 */
import { parseArgs } from 'node:util';
import { RESOURCE_KINDS, type ResourceKind } from '../views/resource.js';

export type OutputFormat = 'table' | 'wide' | 'json';

export interface Options {
  command: 'dashboard' | 'once' | 'help' | 'version' | 'sim' | 'print-config';
  tab: ResourceKind;
  /** `--fresh`: start as if for the first time, not from what the last run left. */
  fresh: boolean;
  /** The start tab's filter expression, as typed (parsed by the app, which knows the view). */
  filter: string | undefined;
  /** Show terminated / deleted resources too. */
  all: boolean;
  intervalSeconds: number;
  highlightSeconds: number;
  notify: boolean;
  readOnly: boolean;
  demo: boolean;
  output: OutputFormat;
  baseUrl: string | undefined;
  teamId: string | undefined;
  dispersedBaseUrl: string | undefined;
  /** Arguments after `sim`, for the simulator's own parser. */
  rest: string[];
  /** The settings given as flags, which neither the environment nor the config file may override (settings.ts). */
  fromFlags: ReadonlySet<FlagSetting>;
}

/** Settings that a flag, the environment (CLOUDTOP_…) and the config file can all give. */
export type FlagSetting = 'tab' | 'interval' | 'highlight' | 'notify' | 'readOnly' | 'all';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const MIN_INTERVAL_SECONDS = 1;
export const DEFAULT_INTERVAL_SECONDS = 5;
export const DEFAULT_HIGHLIGHT_SECONDS = 10;
const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'wide', 'json'];

export const USAGE = `Usage: cloudtop [options]
       cloudtop sim [--port N] [--seed S]

A live terminal dashboard for Prime Intellect disks, sandboxes, pods and GPU offers, and Dispersed nodes.

Options:
  --tab <name>             start on disks, sandboxes, pods, nodes, history or availability (default: pods)
  --filter "<expression>"  filter the start tab, e.g. "status:running label:eval -name"
  --all                    show terminated and deleted resources too
  --interval <seconds>     poll interval of the visible tab (default: ${DEFAULT_INTERVAL_SECONDS}, minimum: ${MIN_INTERVAL_SECONDS})
  --highlight <seconds>    how long a changed, new or removed row stays marked (default: ${DEFAULT_HIGHLIGHT_SECONDS})
  --notify                 ring the bell and send a desktop notification when something fails
  --read-only              never delete anything
  --demo                   use the built-in simulator even when an API key is configured
  --fresh                  start without the tab, sorts, filters and events panel the last run left
  --once                   print the start tab's rows once and exit (the default when stdout is not a terminal)
  --output <format>        with --once: table (default), wide (every column) or json (the full objects)
  --base-url <url>         Prime Intellect API base URL (else PRIME_API_BASE_URL, PRIME_BASE_URL, ~/.prime/config.json)
  --team-id <id>           Prime Intellect team (else PRIME_TEAM_ID, ~/.prime/config.json)
  --dispersed-base-url <url>  Dispersed API base URL (else DISPERSED_BASE_URL)
  --print-config           show the settings in force, where each comes from (secrets masked), and exit
  -h, --help               show this help
  -v, --version            show the version

Keys are read from PRIME_API_KEY (or ~/.prime/config.json, written by \`prime login\`;
PRIME_CONTEXT picks a saved context) and from DISPERSED_PUBLIC_KEY and DISPERSED_SECRET_KEY
(the Dispersed key pair); never from flags, which other users can see in \`ps\`.
With no Prime Intellect key, cloudtop runs in demo mode against its simulator.
Settings, keys and colours: ~/.config/cloudtop/config.json (README: Config file); flags win over
CLOUDTOP_* environment variables, which win over the file.`;

/** `interactive`: whether stdout is a terminal; when it is not, cloudtop prints once instead of drawing a dashboard. */
export function parseOptions(argv: readonly string[], interactive = true): Options {
  if (argv[0] === 'sim') {
    return { ...defaults(), command: 'sim', rest: argv.slice(1) };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        tab: { type: 'string' },
        filter: { type: 'string' },
        all: { type: 'boolean' },
        interval: { type: 'string' },
        highlight: { type: 'string' },
        notify: { type: 'boolean' },
        'read-only': { type: 'boolean' },
        demo: { type: 'boolean' },
        fresh: { type: 'boolean' },
        once: { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        'base-url': { type: 'string' },
        'team-id': { type: 'string' },
        'dispersed-base-url': { type: 'string' },
        'print-config': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const values = parsed.values;
  const options = defaults();
  if (values.help) return { ...options, command: 'help' };
  if (values.version) return { ...options, command: 'version' };
  if (values.tab !== undefined) options.tab = parseTab(values.tab);
  options.fresh = values.fresh === true;
  if (values.interval !== undefined)
    options.intervalSeconds = parseSeconds('--interval', values.interval, MIN_INTERVAL_SECONDS);
  if (values.highlight !== undefined) options.highlightSeconds = parseSeconds('--highlight', values.highlight, 0);
  if (values.output !== undefined) options.output = parseOutput(values.output);
  if (values.output !== undefined && !values.once && interactive) {
    throw new UsageError('--output goes with --once (or with output to a pipe or file)');
  }
  options.filter = values.filter;
  options.all = values.all === true;
  options.notify = values.notify === true;
  options.readOnly = values['read-only'] === true;
  options.demo = values.demo === true;
  options.baseUrl = values['base-url'];
  options.teamId = values['team-id'];
  options.dispersedBaseUrl = values['dispersed-base-url'];
  options.command = values['print-config'] ? 'print-config' : values.once || !interactive ? 'once' : 'dashboard';
  const given = {
    tab: values.tab,
    interval: values.interval,
    highlight: values.highlight,
    notify: values.notify,
    readOnly: values['read-only'],
    all: values.all,
  };
  options.fromFlags = new Set((Object.keys(given) as FlagSetting[]).filter((name) => given[name] !== undefined));
  return options;
}

function defaults(): Options {
  return {
    command: 'dashboard',
    tab: 'pods',
    fresh: false,
    filter: undefined,
    all: false,
    intervalSeconds: DEFAULT_INTERVAL_SECONDS,
    highlightSeconds: DEFAULT_HIGHLIGHT_SECONDS,
    notify: false,
    readOnly: false,
    demo: false,
    output: 'table',
    baseUrl: undefined,
    teamId: undefined,
    dispersedBaseUrl: undefined,
    rest: [],
    fromFlags: new Set(),
  };
}

export function parseTab(value: string): ResourceKind {
  const tab = value.trim().toLowerCase();
  const match = RESOURCE_KINDS.find((kind) => kind === tab || kind === `${tab}s`);
  if (!match) throw new UsageError(`--tab must be one of ${RESOURCE_KINDS.join(', ')} (got "${value}")`);
  return match;
}

function parseOutput(value: string): OutputFormat {
  const format = OUTPUT_FORMATS.find((name) => name === value.trim().toLowerCase());
  if (!format) throw new UsageError(`--output must be one of ${OUTPUT_FORMATS.join(', ')} (got "${value}")`);
  return format;
}

export function parseSeconds(flag: string, value: string, minimum: number): number {
  const seconds = Number(value);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value) || !Number.isFinite(seconds)) {
    throw new UsageError(`${flag} must be a number of seconds (got "${value}")`);
  }
  if (seconds < minimum)
    throw new UsageError(`${flag} must be at least ${minimum} second${minimum === 1 ? '' : 's'} (got ${value})`);
  if (seconds > 3600) throw new UsageError(`${flag} must be at most 3600 seconds (got ${value})`);
  return seconds;
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'([^']+)'/.exec(message)?.[1] ?? 'option';
    return `unknown option ${flag} (see cloudtop --help)`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${message.split('\n')[0]} (see cloudtop --help)`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = /'([^']+)'/.exec(message)?.[1] ?? '';
    return `unexpected argument ${arg} (see cloudtop --help)`;
  }
  return message.split('\n')[0] ?? 'invalid arguments';
}
