/**
 * Which of a tab's declared actions a person is offered, one gate for the
 * footer, the help and the keys: `--read-only` takes the destructive ones
 * away, a key whose permissions do not let it write the kind takes its
 * delete away (whoami's scope, data/permissions.ts; said in the footer too,
 * since nothing else on screen says it), and an account that cannot carry an
 * action out has none of it.
 */
import type { ActionId } from '../views/actions.js';
import { viewFor, type ResourceKind } from '../views/index.js';
import type { Account } from '../data/accounts.js';
import type { Deletions } from '../data/deletions.js';
import { keyWithholds } from '../data/permissions.js';
import { useIdentity, type Identity } from '../data/useIdentity.js';
import type { UiState } from '../model/ui-state.js';
import { offeredActions, type Offered } from './screen.js';

export interface ActionGate {
  identity: Identity;
  /** Why the key may not do `action` to `kind`, or null. */
  keyWithholds: (kind: ResourceKind, action: ActionId) => string | null;
  /** The tab's actions that can run here, and the rest with their reasons. */
  offeredTo: (state: UiState) => Offered;
}

export const READ_ONLY_REASON = 'cloudtop was started with --read-only';

export function useActionGate({
  account,
  readOnly,
  deletions,
}: {
  account: Account;
  readOnly: boolean;
  deletions: Deletions;
}): ActionGate {
  const identity = useIdentity(account.whoami, account.key);
  const keyWithholdsOn = (kind: ResourceKind, id: ActionId): string | null => {
    const action = viewFor(kind).actions.find((declared) => declared.id === id);
    return action ? keyWithholds(identity.whoami, viewFor(kind), action) : null;
  };
  const offeredTo = (state: UiState): Offered =>
    offeredActions(viewFor(state.tab), (action) => {
      if (action.destructive && readOnly) return READ_ONLY_REASON;
      const denied = keyWithholdsOn(state.tab, action.id);
      if (denied) return { why: denied, inFooter: true };
      return deletions.canRun(state.tab, action.id) ? null : 'this account cannot';
    });
  return { identity, keyWithholds: keyWithholdsOn, offeredTo };
}
