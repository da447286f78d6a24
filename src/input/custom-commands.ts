/**
 * Your own commands on the selected resource, as k9s's plugins: the config
 * file's `commands` bind a key, on the tabs named, to a program run with the
 * selected row's fields (`{id}`, `{name}`, `{status}`, and what the view
 * declares: a pod's `{ssh}`, `{ip}`…).
 *
 * Every value from the API is untrusted, so a row's field is never a word of
 * a command line: each argument of the entry is one argument of the program,
 * whatever the field holds (spaces, quotes, `;`, `$(…)`, a leading `-`), with
 * its control characters taken out. Nothing goes through a shell unless the
 * entry asks for one (`"shell": true`), and even then the fields are the
 * script's positional parameters (`"$1"`), never its text: a placeholder in
 * the program or the script is refused when the file is read.
 */
import { sanitize } from '../util/text.js';
import { viewFor, type AnyRow, type ResourceKind } from '../views/index.js';
import type { Chord } from './chords.js';

export interface CustomCommand {
  /** Its name in the file: the footer's word. */
  name: string;
  key: Chord;
  /** What the help says it does. */
  description: string;
  /** The program (or with `shell`, the `sh -c` script), as written: no placeholder in it. */
  program: string;
  /** Each a template of one argument: `{id}`, `--pod={name}`. */
  args: readonly string[];
  /** Run as `sh -c PROGRAM NAME ARG…`: the arguments are `"$1"`, `"$2"`… of the script. */
  shell: boolean;
  /** Run without the terminal; its exit status on the flash line. Otherwise the terminal is lent to it, as to ssh. */
  background: boolean;
  /** Changes or destroys something: not offered under `--read-only`. */
  destructive: boolean;
}

/** The commands of each tab. */
export type CustomCommands = Partial<Record<ResourceKind, readonly CustomCommand[]>>;

/** `{id}`, `{name}`: a placeholder in an argument. */
export const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The fields every view has. */
const COMMON_FIELDS = ['id', 'name', 'status'] as const;

/** The placeholders a tab's rows can fill, in the order the help lists them. */
export function fieldsOf(kind: ResourceKind): string[] {
  return [...COMMON_FIELDS, ...Object.keys(viewFor(kind).fields ?? {})];
}

/** The placeholders a template names. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

function fieldValue(kind: ResourceKind, row: AnyRow, field: string): string | null {
  const view = viewFor(kind);
  switch (field) {
    case 'id':
      return view.getId(row);
    case 'name':
      return view.getName(row);
    case 'status':
      return view.getStatus(row) || null;
    default:
      return view.fields?.[field]?.(row) ?? null;
  }
}

/**
 * The program's arguments for `row`: each template with its placeholders
 * filled, still one argument each; or the first field the row has none of
 * (a pod with no SSH connection yet), to say so rather than run with a hole.
 */
export function commandArguments(
  command: CustomCommand,
  kind: ResourceKind,
  row: AnyRow,
): { argv: string[] } | { missing: string } {
  const argv: string[] = [];
  for (const template of command.args) {
    let missing: string | null = null;
    const argument = template.replace(PLACEHOLDER, (_whole, field: string) => {
      const value = fieldValue(kind, row, field);
      if (value === null || value === '') missing ??= field;
      return sanitize(value ?? '');
    });
    if (missing !== null) return { missing };
    argv.push(argument);
  }
  return { argv };
}

/** What the help says: its name, the description or the command line as written, and how it runs. */
export function describeCommand(command: CustomCommand): string {
  const line = [command.shell ? `sh -c '${command.program}'` : command.program, ...command.args].join(' ');
  const how = command.background ? ' (in the background)' : '';
  return sanitize(`${command.name}: ${command.description || `runs ${line}`}${how}`);
}

const NONE: readonly CustomCommand[] = [];
const offered = new WeakMap<CustomCommands, Map<string, readonly CustomCommand[]>>();

/**
 * The tab's commands a person is offered: not the destructive ones under
 * `--read-only`. The same list each time it is asked, so what draws it
 * draws again only when it changes.
 */
export function offeredCommands(
  commands: CustomCommands,
  kind: ResourceKind,
  readOnly: boolean,
): readonly CustomCommand[] {
  let byTab = offered.get(commands);
  if (!byTab) offered.set(commands, (byTab = new Map()));
  const key = `${kind}:${readOnly}`;
  let list = byTab.get(key);
  if (!list) {
    const all = commands[kind] ?? NONE;
    byTab.set(key, (list = readOnly ? all.filter((command) => !command.destructive) : all));
  }
  return list;
}
