/**
 * Who the simulated key belongs to and what it may do: `GET /user/whoami`,
 * as `prime whoami` reads it (prime_cli/commands/whoami.py: the body wrapped
 * in `data`; `scope` maps a permission's name to `{read, write}` or null).
 * The whole envelope is the service's published `WhoamiResponse` (spec/prime/user.schema.json).
 *
 * The scope's names are not published: the docs' prose speaks of
 * "Instances", "Disks", "Sandboxes", "Availability" and "Teams" permissions,
 * and the simulator sends those words in lower case. It enforces them too:
 * a route of a kind the key may not read, or a DELETE of one it may not
 * write, is a 403, as the live API refuses a key without the permission.
 */
import { USERS } from '../catalog.js';
import { DAY, isoMillis } from '../time.js';

export interface Permission {
  read: boolean;
  write: boolean;
}

/** Permission name → what the key may do with it; null as the service sends for a permission not granted. */
export type Scope = Record<string, Permission | null>;

/** The permissions the simulator knows, and what the demo key has: everything, billing to read. */
export const FULL_SCOPE: Readonly<Scope> = {
  instances: { read: true, write: true },
  disks: { read: true, write: true },
  sandboxes: { read: true, write: true },
  availability: { read: true, write: false },
  billing: { read: true, write: false },
  teams: { read: true, write: false },
};

export interface WhoamiBody {
  data: {
    id: string;
    role: string;
    createdAt: string;
    name: string;
    slug: string | null;
    email: string;
    image: string | null;
    emailVerified: boolean | null;
    hasBetaAccess: boolean;
    isBanned: boolean;
    skipPrepay: boolean;
    blacklist: string[];
    scope: Scope;
  };
  status: string;
}

export class SimIdentity {
  private current: Scope = structuredClone(FULL_SCOPE) as Scope;

  constructor(private readonly startTime: number) {}

  get scope(): Scope {
    return this.current;
  }

  /** The key's scope from now on (control API: "this key is read-only for pods"). */
  setScope(scope: Scope): void {
    this.current = structuredClone(scope);
  }

  /**
   * Whether the key may `need` what the permission `name` covers. A
   * permission the scope does not name at all is allowed: an empty scope is
   * what a key made before scopes existed answers with.
   */
  allows(name: string, need: keyof Permission): boolean {
    if (Object.keys(this.current).length === 0 || !(name in this.current)) return true;
    return this.current[name]?.[need] === true;
  }

  body(): WhoamiBody {
    return {
      data: {
        // The first of the simulated users, whose pods and sandboxes these are among others'.
        id: USERS[0],
        role: 'USER',
        createdAt: isoMillis(this.startTime - 400 * DAY),
        name: 'Ada Lovelace',
        slug: 'ada',
        email: 'ada@example.com',
        image: null,
        emailVerified: true,
        hasBetaAccess: false,
        isBanned: false,
        skipPrepay: false,
        blacklist: [],
        scope: structuredClone(this.current),
      },
      status: 'ok',
    };
  }
}
