/**
 * Who the key belongs to and what it may do (`GET /user/whoami`), asked once
 * per account: a key's permissions do not change while it is in use. A
 * failure is kept to say why in `:whoami`, and changes nothing else: the
 * dashboard then works as it did before it asked.
 */
import { useQuery } from '@tanstack/react-query';
import { oneLine } from '../api/errors.js';
import type { Whoami } from '../api/prime/account.js';
import type { WhoamiReader } from './sources.js';

export interface Identity {
  whoami: Whoami | null;
  /** Why whoami could not be read, in one line; null when it was, or not yet asked. */
  error: string | null;
}

export function useIdentity(read: WhoamiReader | undefined, account: string): Identity {
  const { data, error } = useQuery({
    queryKey: ['whoami', account],
    queryFn: ({ signal }) => read!(signal),
    enabled: read !== undefined,
    staleTime: Infinity,
    retry: false,
  });
  return { whoami: data ?? null, error: error ? oneLine(error.message) : null };
}
