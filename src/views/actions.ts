/**
 * What a person can do to a resource, declared by its view beside its
 * columns: the key, whether `--read-only` turns it off, whether it takes
 * several marked resources, and what it needs from the row (a confirm
 * dialog's contents, SSH connections, the text to copy). The shell reads
 * these declarations; it never asks which kind of resource it is showing. How
 * an action reaches the API or the system is the shell's (src/data/sources.ts,
 * src/terminal/ssh.ts, src/terminal/clipboard.ts), so views never call `fetch`.
 */
/** The actions the shell knows how to carry out. */
export type ActionId = 'delete' | 'ssh' | 'logs' | 'copy' | 'copyId';

/**
 * An action's default keys and how the footer and help name it. The keys in
 * force are the key map's (src/input/bindings.ts), which the config file can change
 * by the action's id.
 */
export interface ActionKey {
  /** The default keys, as the config file spells them (src/input/chords.ts): `D`, `ctrl+d`. */
  chords: readonly string[];
  /** The footer's word after the first key, e.g. `delete` for `D delete`; absent to leave the footer to the help. */
  footer?: string;
  /** For the help, given the view's singular and plural nouns (`pod`, `pods`). */
  describe: (noun: { one: string; many: string }) => string;
}

/** One line of a confirm dialog about one resource; what it shows is captured when the dialog opens. */
export type DialogField = { label: string } & (
  | { text: string }
  /** Coloured as a status. */
  | { status: string }
  | { money: number | null }
  /** How long since then, counted while the dialog is open. */
  | { since: string | null }
);

/** One column of the several-targets dialog, for one target. */
export type DialogColumn = { title: string; width: number; priority: number } & ({ text: string } | { status: string });

/** A resource as an action's dialog shows it and as the action acts on it. */
export interface ActionTarget {
  id: string;
  name: string;
  /** A single target's dialog: these lines after its name and id. */
  fields: readonly DialogField[];
  /**
   * Several targets' dialog: these columns after NAME and ID. `width` caps a
   * column; on a narrow dialog the highest `priority` gives way first (ID
   * has priority 2).
   */
  columns: readonly DialogColumn[];
  /** Adds a $/HR column and its total; absent for resources without a price. */
  priceHr?: number | null;
}

interface ActionBase {
  key: ActionKey;
  /** Destroys something: `--read-only` turns it off. */
  destructive: boolean;
  /** Acts on every marked resource when some are marked (Space marks). */
  multiple: boolean;
}

/** Looks up another resource's name, to name it in a message (a disk's pod). */
export type NameOf = (kind: 'pods', id: string) => string | undefined;

export interface DeleteAction<Row> extends ActionBase {
  id: 'delete';
  /** What the dialog shows about `row`, and what the action will act on. */
  target: (row: Row) => ActionTarget;
  /** The dialog's last word before the buttons, for one target and for several. */
  warning: { one: string; many: string };
  /** What to tell a person whose key was refused this (401/403). */
  permissionHint: string;
  /** Nothing that can be undone: the person types the resource's name before Delete is enabled. */
  typeNameToConfirm?: boolean;
  /** Why this resource cannot be deleted as it is (a disk still attached), or null. */
  refusal?: (row: Row, nameOf: NameOf) => string | null;
}

export interface SshAction<Row> extends ActionBase {
  id: 'ssh';
  /** `user@host -p port` for each node; empty while there is none. */
  connections: (row: Row) => readonly string[];
  /** Why there is no connection yet, in one line (still provisioning, its progress). */
  unavailable: (row: Row) => string;
}

export interface LogsAction extends ActionBase {
  id: 'logs';
}

/** What `c` copies: text as it is, or an SSH connection the shell turns into the full command. */
export type CopyText = { what: string } & ({ text: string } | { sshConnection: string });

export interface CopyAction<Row> extends ActionBase {
  id: 'copy' | 'copyId';
  copy: (row: Row) => CopyText;
}

export type ResourceAction<Row> = DeleteAction<Row> | SshAction<Row> | LogsAction | CopyAction<Row>;

export const DELETE_KEY: ActionKey = {
  chords: ['D', 'ctrl+d'],
  footer: 'delete',
  describe: ({ many }) => `Delete the selected (or marked) ${many}, after a confirm`,
};

export const SSH_KEY: ActionKey = {
  chords: ['s'],
  footer: 'ssh',
  describe: ({ one }) => `SSH into the selected ${one} (as \`prime pods ssh\` does); back here when it ends`,
};

export const LOGS_KEY: ActionKey = {
  chords: ['l'],
  footer: 'logs',
  describe: ({ one }) => `Logs of the selected ${one}: follow, search, wrap`,
};

export const COPY_KEY: ActionKey = {
  chords: ['c'],
  footer: 'copy',
  describe: ({ one }) => `Copy the selected ${one}'s id to the clipboard (OSC 52: works over SSH)`,
};

export const COPY_ID_KEY: ActionKey = {
  chords: ['C'],
  describe: ({ one }) => `Copy the selected ${one}'s id to the clipboard`,
};

/** What a view copies with `c` when something is more useful than the id: what to call it in the help, and the text. */
export interface BestCopy<Row> {
  /** `ssh command`: the help says `Copy the selected pod's ssh command`. */
  label: string;
  copy: (row: Row) => CopyText;
}

/** `c` and `C` on any resource: its id, unless the view has something better for `c`. */
export function copyActions<Row>(
  idOf: (row: Row) => string,
  singular: string,
  best?: BestCopy<Row>,
): CopyAction<Row>[] {
  const id = (row: Row): CopyText => ({ what: `the ${singular}'s id`, text: idOf(row) });
  const copyKey: ActionKey = best
    ? {
        ...COPY_KEY,
        describe: ({ one }) => `Copy the selected ${one}'s ${best.label} (its id when it has none) to the clipboard`,
      }
    : COPY_KEY;
  return [
    { id: 'copy', key: copyKey, destructive: false, multiple: false, copy: best?.copy ?? id },
    { id: 'copyId', key: COPY_ID_KEY, destructive: false, multiple: false, copy: id },
  ];
}

export function isDeleteAction<A extends { id: ActionId }>(action: A): action is Extract<A, { id: 'delete' }> {
  return action.id === 'delete';
}
