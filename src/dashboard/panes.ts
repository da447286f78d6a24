/**
 * The panes about the account rather than a row, drawn as the detail is:
 * the wallet (`$`, `:wallet`: billing/money-detail.ts) and who the key
 * belongs to with what it may do (`:whoami`, as `prime whoami` shows it, and
 * what cloudtop withholds for it).
 */
import type { DetailEntry } from '../views/detail.js';
import { MISSING } from '../views/format.js';
import { RESOURCE_KINDS, viewFor, type ResourceKind } from '../views/index.js';
import type { ActionId } from '../views/actions.js';
import type { PaneId } from '../input/command-line.js';
import type { ResourceState } from '../data/queries.js';
import type { Identity } from '../data/useIdentity.js';
import type { Billing } from '../billing/useBilling.js';
import { walletEntries, type NameOfResource } from '../billing/money-detail.js';

export interface PaneParts {
  billing: Pick<Billing, 'money' | 'wallet'>;
  identity: Identity;
  /** Whether whoami is asked at all (not without an account). */
  asksWhoami: boolean;
  resources: Record<ResourceKind, ResourceState>;
  /** What the header says the account is. */
  account: string;
  keyWithholds: (kind: ResourceKind, action: ActionId) => string | null;
  now: number;
}

export interface Pane {
  title: string;
  entries: DetailEntry[];
}

/** The kinds a billing row may name, by the lists cloudtop has: pods (and the ended ones), disks, sandboxes. */
const NAMED_KINDS: readonly ResourceKind[] = ['pods', 'history', 'disks', 'sandboxes'];

/** `pod llama3-70b-serve` for a resource a list has, by id; built when the pane is drawn. */
function namesFrom(resources: PaneParts['resources']): NameOfResource {
  const names = new Map<string, string>();
  for (const kind of NAMED_KINDS) {
    const view = viewFor(kind);
    for (const row of resources[kind].data?.items ?? []) {
      const id = view.getId(row);
      if (!names.has(id)) names.set(id, `${view.singular} ${view.getName(row)}`);
    }
  }
  return (id) => names.get(id);
}

export function paneOf(pane: PaneId, parts: PaneParts): Pane {
  if (pane === 'wallet') {
    const { money, wallet } = parts.billing;
    const nameOf = namesFrom(parts.resources);
    return {
      title: `The wallet (${parts.account})`,
      entries: walletEntries({ wallet, money, nameOf, now: parts.now }),
    };
  }
  return { title: 'Who this key belongs to', entries: whoamiEntries(parts) };
}

const DELETE: ActionId = 'delete';

function whoamiEntries({ identity, asksWhoami, account, keyWithholds }: PaneParts): DetailEntry[] {
  const { whoami, error } = identity;
  if (!asksWhoami) return [{ key: 'Key', value: 'none: the dashboard is not using an account of yours' }];
  if (!whoami) {
    const value = error
      ? `could not be read (${error}); nothing is withheld for the key's sake, and the API still decides`
      : 'asking the API (GET /user/whoami)…';
    return [{ key: 'Whoami', value }];
  }
  const entries: DetailEntry[] = [
    { key: 'Name', value: whoami.name ?? MISSING },
    { key: 'Email', value: whoami.email ?? MISSING },
    { key: 'Username', value: whoami.slug ?? 'not set' },
    { key: 'User id', value: whoami.id ?? MISSING },
    { key: 'Account', value: account },
    { key: '', value: '' },
  ];
  const scope = Object.entries(whoami.scope);
  if (scope.length === 0)
    entries.push({ key: 'Permissions', value: 'none listed: the key may do what the API allows' });
  scope.forEach(([name, permission], index) => {
    const may = !permission ? 'none' : permission.write ? 'read and write' : permission.read ? 'read only' : 'none';
    entries.push({ key: index === 0 ? 'Permissions' : '', value: `${name}: ${may}` });
  });
  entries.push({ key: '', value: '' });
  const deletable = RESOURCE_KINDS.filter((kind) => viewFor(kind).actions.some((action) => action.id === DELETE));
  deletable.forEach((kind, index) => {
    const why = keyWithholds(kind, DELETE);
    entries.push({
      key: index === 0 ? 'cloudtop offers' : '',
      value: `delete ${viewFor(kind).plural}: ${why ? `no, ${why}` : 'yes'}`,
    });
  });
  return entries;
}
