/**
 * The Dispersed key pair, from the environment. The docs name no variables;
 * `DISPERSED_PUBLIC_KEY` / `DISPERSED_SECRET_KEY` are what public clients use,
 * and the reference client (`dispersed.py`, dispersednetwork/compute_examples)
 * reads `ZER_PUBLIC_KEY` / `ZER_SECRET_KEY` and `ZER_API_BASE_URL`, which are
 * accepted after them so its users need no new set-up.
 *
 * A configuration that cannot sign (no keys, one key, or the old single
 * `DISPERSED_API_KEY`) does not stop cloudtop: the Prime tabs work, and the
 * Nodes tab says in one line what is missing instead of polling into 401s.
 * A pair whose halves are swapped does stop it: the public key is sent with
 * every request, and a secret key must never be.
 */
import type { DispersedKeyPair } from '../api/dispersed/signing.js';
import { ConfigError } from './config-error.js';
import type { Environment } from './prime-cli-files.js';

export interface DispersedSettings {
  keys: DispersedKeyPair | undefined;
  /** Where the pair came from: the environment, cloudtop's config file, or nowhere. */
  keysSource: 'env' | 'file' | 'none';
  /** With a pair half set or the old single key: the one line the Nodes tab shows instead. */
  missingKeys: string | undefined;
  /** An explicit base URL from the environment, if any. */
  baseUrl: string | undefined;
}

/** The pair as cloudtop's config file holds it (`dispersed.publicKey`, `dispersed.secretKey`). */
export interface DispersedFileKeys {
  path: string;
  publicKey?: string | undefined;
  secretKey?: string | undefined;
}

/**
 * The environment's pair, or when it sets neither half, the config file's:
 * the two halves always come from one place, so a half left in the
 * environment is reported rather than silently completed from the file.
 */
export function readDispersedSettings(
  env: Environment,
  warnings: string[],
  checkKey: (where: string, key: string | undefined) => void,
  file?: DispersedFileKeys,
): DispersedSettings {
  let [publicKey, publicName] = firstSet(env, 'DISPERSED_PUBLIC_KEY', 'ZER_PUBLIC_KEY');
  let [secretKey, secretName] = firstSet(env, 'DISPERSED_SECRET_KEY', 'ZER_SECRET_KEY');
  let keysSource: DispersedSettings['keysSource'] = publicKey || secretKey ? 'env' : 'none';
  if (keysSource === 'none' && file && (file.publicKey?.trim() || file.secretKey?.trim())) {
    [publicKey, publicName] = [file.publicKey?.trim() || undefined, `dispersed.publicKey in ${file.path}`];
    [secretKey, secretName] = [file.secretKey?.trim() || undefined, `dispersed.secretKey in ${file.path}`];
    keysSource = 'file';
  }
  const [baseUrl] = firstSet(env, 'DISPERSED_BASE_URL', 'ZER_API_BASE_URL');
  checkKey(publicName, publicKey);
  checkKey(secretName, secretKey);
  if (publicKey?.startsWith('sk_')) {
    throw new ConfigError(
      `${publicName} holds a secret key (sk_…); it is sent with every request, so it must be the public key (pk_…)`,
    );
  }
  if (secretKey?.startsWith('pk_')) {
    throw new ConfigError(
      `${secretName} holds a public key (pk_…); set it to the secret key (sk_…) and ${publicName} to the public key`,
    );
  }
  if (publicKey && secretKey) return { keys: { publicKey, secretKey }, keysSource, missingKeys: undefined, baseUrl };

  // No keys at all needs no warning: the Nodes tab says what to set (DISPERSED_NO_KEYS).
  let missingKeys: string | undefined;
  if (publicKey || secretKey) {
    missingKeys = `Dispersed: ${publicKey ? secretName : publicName} is not set; requests are signed with both keys of the pair`;
  } else if (env.DISPERSED_API_KEY?.trim()) {
    missingKeys =
      'Dispersed: DISPERSED_API_KEY is not used: the API signs requests with a key pair; set DISPERSED_PUBLIC_KEY and DISPERSED_SECRET_KEY';
  }
  if (missingKeys) warnings.push(missingKeys);
  return { keys: undefined, keysSource: 'none', missingKeys, baseUrl };
}

function firstSet(env: Environment, ...names: [string, string]): [string | undefined, string] {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return [value, name];
  }
  return [undefined, names[0]];
}
