/**
 * Where cloudtop finds its accounts. Prime Intellect follows the official
 * `prime` client exactly (env `PRIME_API_KEY`, `PRIME_TEAM_ID`,
 * `PRIME_API_BASE_URL`/`PRIME_BASE_URL`, `PRIME_CONTEXT`, then
 * `~/.prime/config.json` written by `prime login`; see prime-config.ts), so a
 * person who has logged in needs no further set-up. The Dispersed key pair
 * comes from the environment (dispersed-config.ts).
 * Precedence: flags, then environment, then the chosen context, then the file.
 *
 * There is deliberately no flag for a key: a key on the command line is
 * visible to every user of the machine in `ps`, and jump hosts are shared.
 */
import { ConfigError } from './config-error.js';
import { InvalidBaseUrlError } from '../api/errors.js';
import { checkBaseUrl } from '../api/http/client.js';
import { DISPERSED_DEFAULT_BASE_URL } from '../api/dispersed/client.js';
import type { DispersedKeyPair } from '../api/dispersed/signing.js';
import { PRIME_DEFAULT_BASE_URL } from '../api/prime/client.js';
import { readDispersedSettings, type DispersedFileKeys } from './dispersed-keys.js';
import { PRODUCTION_CONTEXT, primeConfigPath, readPrimeSettings, type Environment } from './prime-cli-files.js';

export type { Environment } from './prime-cli-files.js';

export interface ConfigFlags {
  baseUrl?: string | undefined;
  teamId?: string | undefined;
  dispersedBaseUrl?: string | undefined;
}

export type ValueSource = 'flag' | 'env' | 'context' | 'file' | 'default' | 'none';

export interface ResolvedConfig {
  prime: {
    baseUrl: string;
    apiKey: string | undefined;
    teamId: string | undefined;
    /** The official client's context in force (`production` unless one was chosen). */
    context: string;
    /** The private key for SSH into a pod, found as `prime pods ssh` finds it; `~` not yet expanded. */
    sshKeyPath: string;
    sources: {
      apiKey: ValueSource;
      baseUrl: ValueSource;
      teamId: ValueSource;
      context: ValueSource;
      sshKeyPath: ValueSource;
    };
  };
  dispersed: {
    baseUrl: string;
    baseUrlSource: ValueSource;
    keys: DispersedKeyPair | undefined;
    /** Where the key pair came from (the environment, or cloudtop's config file). */
    keysSource: ValueSource;
    /** Why there is no usable key pair, in one line, when there is none. */
    missingKeys: string | undefined;
  };
  /** The Prime config file that was consulted (it may not exist). */
  configFile: string;
  /** One-line warnings to show once at start-up (e.g. a config file readable by others). */
  warnings: string[];
}

/**
 * A key is one printable word. A control character or space inside one (a
 * pasted line break) cannot be sent as a header, and the HTTP library's error
 * for it would quote the key; stop here with a message that names where the
 * key came from, never the key.
 */
function checkKey(where: string, key: string | undefined): void {
  if (key !== undefined && /[\s\u0000-\u001f\u007f-\u009f]/.test(key)) {
    throw new ConfigError(`${where} contains a space, line break or control character; set it again without one`);
  }
}

/** `https://api.primeintellect.ai/api/v1/` → `https://api.primeintellect.ai`, as the official client tolerates. */
export function normalisePrimeBaseUrl(url: string): string {
  return url
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/api\/v1$/, '');
}

function firstOf(...candidates: [string | undefined, ValueSource][]): [string | undefined, ValueSource] {
  for (const [value, source] of candidates) {
    if (value !== undefined && value.trim() !== '') return [value.trim(), source];
  }
  return [undefined, 'none'];
}

export function resolveConfig(
  flags: ConfigFlags,
  env: Environment,
  options: { home?: string; dispersedFile?: DispersedFileKeys } = {},
): ResolvedConfig {
  const configFile = primeConfigPath(env, options.home);
  const warnings: string[] = [];
  const file = readPrimeSettings(env, warnings, options.home);
  // A value from a context file is the context's; one from config.json is the file's.
  const layer = (origin: string | undefined): ValueSource => (origin === configFile ? 'file' : 'context');

  const [apiKey, apiKeySource] = firstOf([env.PRIME_API_KEY, 'env'], [file.apiKey, layer(file.origin.apiKey)]);
  checkKey(apiKeySource === 'env' ? 'PRIME_API_KEY' : `api_key in ${file.origin.apiKey}`, apiKey);
  const [teamId, teamIdSource] = firstOf(
    [flags.teamId, 'flag'],
    [env.PRIME_TEAM_ID, 'env'],
    [file.teamId, layer(file.origin.teamId)],
  );
  const [baseUrl, baseUrlSource] = firstOf(
    [flags.baseUrl, 'flag'],
    [env.PRIME_API_BASE_URL, 'env'],
    [env.PRIME_BASE_URL, 'env'],
    [file.baseUrl, layer(file.origin.baseUrl)],
    [PRIME_DEFAULT_BASE_URL, 'default'],
  );
  const primeBaseUrl = normalisePrimeBaseUrl(baseUrl ?? PRIME_DEFAULT_BASE_URL);
  checkUrl(() => checkBaseUrl('Prime Intellect', primeBaseUrl, Boolean(apiKey)));
  const [sshKeyPath, sshKeyPathSource] = firstOf(
    [env.PRIME_SSH_KEY_PATH, 'env'],
    [file.sshKeyPath, 'file'],
    ['~/.ssh/id_rsa', 'default'],
  );

  const dispersed = readDispersedSettings(env, warnings, checkKey, options.dispersedFile);
  const [dispersedUrl, dispersedUrlSource] = firstOf(
    [flags.dispersedBaseUrl, 'flag'],
    [dispersed.baseUrl, 'env'],
    [DISPERSED_DEFAULT_BASE_URL, 'default'],
  );
  const dispersedBaseUrl = (dispersedUrl ?? DISPERSED_DEFAULT_BASE_URL).replace(/\/+$/, '');
  checkUrl(() => checkBaseUrl('Dispersed', dispersedBaseUrl, Boolean(dispersed.keys), 'key pair'));

  return {
    prime: {
      baseUrl: primeBaseUrl,
      apiKey,
      teamId,
      context: file.context,
      sshKeyPath: sshKeyPath ?? '~/.ssh/id_rsa',
      sources: {
        apiKey: apiKeySource,
        baseUrl: baseUrlSource,
        teamId: teamIdSource,
        context: file.contextFromEnv ? 'env' : file.context === PRODUCTION_CONTEXT ? 'default' : 'file',
        sshKeyPath: sshKeyPathSource,
      },
    },
    dispersed: {
      baseUrl: dispersedBaseUrl,
      baseUrlSource: dispersedUrlSource,
      keys: dispersed.keys,
      keysSource: dispersed.keysSource,
      missingKeys: dispersed.missingKeys,
    },
    configFile,
    warnings,
  };
}

/** A base URL the client would refuse is a configuration error, found before anything starts. */
function checkUrl(check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (error instanceof InvalidBaseUrlError) throw new ConfigError(error.message);
    throw error;
  }
}

/** With no Prime Intellect key anywhere, cloudtop runs against its embedded simulator. */
export function isDemo(config: ResolvedConfig, forceDemo: boolean): boolean {
  return forceDemo || !config.prime.apiKey;
}
