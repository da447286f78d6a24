/**
 * Which account the dashboard polls and acts through, and how `:team` and
 * `:ctx` move it to another without a restart. An `Account` is everything
 * that depends on it (the fetchers, the operations, the wallet, what the
 * header says); its `key` changes exactly when the account does, and is part
 * of every query key, so another account's data is never shown as this one's
 * and the switch itself is a first load, not a story of changes.
 */
import type { Team } from '../api/prime/schemas.js';
import {
  createFetchers,
  createOperations,
  createWalletReader,
  createWhoamiReader,
  type Clients,
  type Fetchers,
  type Operations,
  type WalletReader,
  type WhoamiReader,
} from './sources.js';

/** What the header says the data is. */
export interface SourceInfo {
  demo: boolean;
  /** e.g. `team acme · api.primeintellect.ai`, or `simulated data`. */
  description: string;
  /** A note for the message line while it has nothing else to say (demo mode: how to connect). */
  hint?: string;
}

export interface Account {
  key: string;
  fetchers: Fetchers;
  operations: Operations;
  wallet?: WalletReader | undefined;
  /** Who the key belongs to and what it may do; without it nothing is withheld for the key's sake. */
  whoami?: WhoamiReader | undefined;
  source: SourceInfo;
  /** The team polled, by id, when the account is a team's. */
  teamId?: string | undefined;
  /** What the header says once the team is known by name (useAccount asks for the teams). */
  describe?: ((team: Team | null) => SourceInfo) | undefined;
}

export interface AccountSwitcher {
  /** The user's teams, for `:team` (completion and the switch). */
  teams(signal: AbortSignal): Promise<readonly Team[]>;
  /** The official client's saved contexts, for `:ctx`. */
  contexts(): readonly string[];
  /** The same key and host, another team (null: the personal account). */
  toTeam(team: Team | null): Account;
  /** Another saved context; throws ConfigError (one line) when it cannot be used. */
  toContext(name: string): Account;
}

/** The account over `clients`, with the key that tells it apart. */
export function accountOver(
  clients: Clients,
  describe: (team: Team | null) => SourceInfo,
  key: string,
  readOnly: boolean,
  teamId?: string,
): Account {
  return {
    key,
    fetchers: createFetchers(clients),
    operations: createOperations(clients, { readOnly }),
    wallet: createWalletReader(clients),
    whoami: createWhoamiReader(clients),
    source: describe(null),
    teamId,
    describe,
  };
}

/** The team `name` means: its name, slug or id, ignoring case; null when none or several match. */
export function findTeam(teams: readonly Team[], name: string): Team | null {
  const wanted = name.toLowerCase();
  const exact = teams.filter((team) =>
    [team.name, team.slug, team.teamId].some((field) => field?.toLowerCase() === wanted),
  );
  return exact.length === 1 ? exact[0]! : null;
}

/** How a team is named in completion and messages: its name, else its slug or id. */
export function teamName(team: Team): string {
  return team.name ?? team.slug ?? team.teamId;
}
