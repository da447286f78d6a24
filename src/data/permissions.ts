/**
 * What the key may do, as whoami's `scope` says (`prime whoami`'s "Token
 * Permissions"): where it may not write a kind, what would destroy one is
 * not offered, with the reason, rather than refused with a 403 after a
 * confirmed dialog. Where whoami did not answer, or names no permission a
 * view's `keyScope` matches, nothing is withheld: the API's answer still
 * decides, as it did before cloudtop asked.
 */
import type { Permission, Whoami } from '../api/prime/account.js';
import type { ResourceView } from '../views/resource.js';

/** The key's permission for what the view shows; undefined when whoami says nothing about it. */
export function keyPermission(
  whoami: Whoami | null,
  view: Pick<ResourceView<unknown>, 'keyScope'>,
): Permission | null | undefined {
  if (!whoami || !view.keyScope) return undefined;
  const names = new Set(view.keyScope.map((name) => name.toLowerCase()));
  const found = Object.entries(whoami.scope).find(([name]) => names.has(name.toLowerCase()));
  return found ? found[1] : undefined;
}

/**
 * Why the key keeps `action` from the view's resources, or null: only what
 * destroys (writes) is withheld, for a permission that cannot write (null, as
 * the official client shows `-`, grants nothing).
 */
export function keyWithholds(
  whoami: Whoami | null,
  view: Pick<ResourceView<unknown>, 'keyScope' | 'plural'>,
  action: { destructive: boolean },
): string | null {
  if (!action.destructive) return null;
  const permission = keyPermission(whoami, view);
  if (permission === undefined || permission?.write) return null;
  return permission?.read
    ? `this key is read-only for ${view.plural}`
    : `this key has no permission for ${view.plural}`;
}
