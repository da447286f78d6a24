/**
 * What a person can do to a resource, declared by its view beside its
 * columns: the key, whether `--read-only` turns it off, whether it takes
 * several marked resources, and what its confirm dialog says. The shell reads
 * these declarations; it never asks which kind of resource it is showing. How
 * an action reaches the API is the shell's (src/app/sources.ts), so views
 * never call `fetch`.
 */
import type { Key } from 'ink';

/** The actions the shell knows how to carry out. */
export type ActionId = 'delete';

/** A key as the key map, the footer and the help show it. */
export interface ActionKey {
  /** As shown in the help, e.g. `D / Ctrl-D`. */
  keys: string;
  /** Short form for the footer, e.g. `D delete`. */
  footer: string;
  /** For the help, given the view's plural noun (`pods`). */
  describe: (noun: string) => string;
  matches: (input: string, key: Key) => boolean;
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

export interface ResourceAction<Row> {
  id: ActionId;
  key: ActionKey;
  /** Destroys something: `--read-only` turns it off. */
  destructive: boolean;
  /** Acts on every marked resource when some are marked (Space marks). */
  multiple: boolean;
  /** What the dialog shows about `row`, and what the action will act on. */
  target: (row: Row) => ActionTarget;
  /** The dialog's last word before the buttons, for one target and for several. */
  warning: { one: string; many: string };
  /** What to tell a person whose key was refused this (401/403). */
  permissionHint: string;
}

export const DELETE_KEY: ActionKey = {
  keys: 'D / Ctrl-D',
  footer: 'D delete',
  describe: (noun) => `Delete the selected (or marked) ${noun}, after a confirm`,
  matches: (input, key) => input === 'D' || (key.ctrl && input === 'd'),
};
