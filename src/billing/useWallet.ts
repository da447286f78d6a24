/**
 * The wallet, read slowly: one figure that moves with the burn rate and the
 * billing rows that explain it, not a list to poll every few seconds. A key that may not read
 * billing, or an account without a wallet, shows nothing about money: the
 * wallet is extra, and an error about it would only be noise.
 */
import { useQuery, type Query } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ApiError } from '../api/errors.js';
import type { Wallet } from '../api/prime/account.js';
import type { WalletReader } from '../data/sources.js';

/** Polled every this many intervals: once a minute at the default 5 s. */
export const WALLET_POLL_FACTOR = 12;

/** Answers that will not change by asking again: no permission, no wallet, a body that is not one. */
function isFinalRefusal(error: unknown): boolean {
  return error instanceof ApiError && (error.isRefusal || error.kind === 'not-found' || error.kind === 'bad-response');
}

/** The wallet as last read, and when it was read. */
export interface WalletRead {
  wallet: Wallet;
  readAt: number;
}

/**
 * The wallet as last read (its balance in US dollars, `balance_usd`, and its
 * newest billing rows), or null when there is none to show.
 */
export function useWallet(
  read: WalletReader | undefined,
  account: string,
  intervalMs: number,
  paused: boolean,
): WalletRead | null {
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: ['wallet', account],
    queryFn: ({ signal }) => read!(signal),
    enabled: read !== undefined,
    refetchInterval: (query: Query<Wallet>) =>
      paused || isFinalRefusal(query.state.error) ? false : intervalMs * WALLET_POLL_FACTOR,
    refetchIntervalInBackground: true,
  });
  const last = useMemo(() => (data ? { wallet: data, readAt: dataUpdatedAt } : null), [data, dataUpdatedAt]);
  if (isFinalRefusal(error)) return null;
  // After a transient failure the last wallet read stays: a minute old is still worth showing.
  return last;
}
