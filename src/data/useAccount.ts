/**
 * The account in use, and `:team` / `:ctx` moving to another. A switch
 * replaces the whole Account (accounts.ts); the caller clears what referred
 * to the old one's resources (marks, selection, dialogs).
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { ConfigError } from '../config/config-error.js';
import type { Team } from '../api/prime/schemas.js';
import { findTeam, teamName, type Account, type AccountSwitcher } from './accounts.js';

export interface SwitchOutcome {
  /** The one line the flash shows. */
  text: string;
  switched: boolean;
}

export interface AccountState {
  account: Account;
  /** What `:team` and `:ctx` complete from. */
  names: { teams: readonly string[]; contexts: readonly string[] };
  toTeam(name: string | null): SwitchOutcome;
  toContext(name: string): SwitchOutcome;
}

const NO_TEAMS: readonly Team[] = [];

export function useAccount(initial: Account, switcher: AccountSwitcher | undefined): AccountState {
  const [account, setAccount] = useState(initial);
  const { data: teams = NO_TEAMS, isSuccess } = useQuery({
    queryKey: ['teams', account.key],
    queryFn: ({ signal }) => switcher!.teams(signal),
    enabled: switcher !== undefined,
    // Teams change rarely; the list is asked for again only after a switch.
    staleTime: Infinity,
  });
  const contexts = useMemo(() => switcher?.contexts() ?? [], [switcher]);
  const names = useMemo(() => ({ teams: teams.map(teamName), contexts }), [teams, contexts]);

  const toTeam = useCallback(
    (name: string | null): SwitchOutcome => {
      if (!switcher) return { text: 'Switching teams needs an account (not the demo without one)', switched: false };
      if (name === null) {
        setAccount(switcher.toTeam(null));
        return { text: 'Now polling your personal account', switched: true };
      }
      if (!isSuccess) return { text: 'The list of teams has not loaded yet; try again in a moment', switched: false };
      const team = findTeam(teams, name);
      if (!team)
        return {
          text: `No team named ${name} (Tab after :team lists ${teams.length === 0 ? 'none: the key belongs to no team' : 'them'})`,
          switched: false,
        };
      setAccount(switcher.toTeam(team));
      return { text: `Now polling team ${teamName(team)}`, switched: true };
    },
    [switcher, teams, isSuccess],
  );

  const toContext = useCallback(
    (name: string): SwitchOutcome => {
      if (!switcher) return { text: 'Switching contexts needs an account', switched: false };
      if (!contexts.includes(name))
        return { text: `No saved context named ${name} (saved: ${contexts.join(', ')})`, switched: false };
      try {
        setAccount(switcher.toContext(name));
        return { text: `Now polling context ${name}`, switched: true };
      } catch (error) {
        if (error instanceof ConfigError) return { text: error.message, switched: false };
        throw error;
      }
    },
    [switcher, contexts],
  );

  // A team's account named by its team's name once the teams are known, however it was reached (`:ctx`, PRIME_TEAM_ID).
  const team = account.teamId ? teams.find((candidate) => candidate.teamId === account.teamId) : undefined;
  const shown = useMemo(
    () => (team && account.describe ? { ...account, source: account.describe(team) } : account),
    [account, team],
  );
  return { account: shown, names, toTeam, toContext };
}
