/**
 * Where cloudtop finds its accounts. Prime Intellect follows the official
 * `prime` client exactly (env `PRIME_API_KEY`, `PRIME_TEAM_ID`,
 * `PRIME_API_BASE_URL`/`PRIME_BASE_URL`, then `~/.prime/config.json` written
 * by `prime login`), so a person who has logged in needs no further set-up.
 * Precedence: flags, then environment, then the file.
 *
 * There is deliberately no flag for an API key: a key on the command line is
 * visible to every user of the machine in `ps`, and jump hosts are shared.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../api/errors.js';
import { checkBaseUrl } from '../api/http.js';
import { DISPERSED_DEFAULT_BASE_URL } from '../api/dispersed.js';
import { PRIME_DEFAULT_BASE_URL } from '../api/prime.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ConfigFlags {
  baseUrl?: string | undefined;
  teamId?: string | undefined;
  dispersedBaseUrl?: string | undefined;
}

export type ValueSource = 'flag' | 'env' | 'file' | 'default' | 'none';

export interface ResolvedConfig {
  prime: {
    baseUrl: string;
    apiKey: string | undefined;
    teamId: string | undefined;
    sources: { apiKey: ValueSource; baseUrl: ValueSource; teamId: ValueSource };
  };
  dispersed: {
    baseUrl: string;
    apiKey: string | undefined;
  };
  /** The Prime config file that was consulted (it may not exist). */
  configFile: string;
  /** One-line warnings to show once at start-up (e.g. a config file readable by others). */
  warnings: string[];
}

interface PrimeConfigFile {
  api_key?: string;
  team_id?: string;
  base_url?: string;
}

export function primeConfigPath(env: Environment, home: string = homedir()): string {
  return join(env.HOME || home, '.prime', 'config.json');
}

/**
 * Reads `~/.prime/config.json`. Absent is fine; unreadable or malformed is a
 * one-line ConfigError naming the file. Values of the wrong type are ignored.
 */
export function readPrimeConfigFile(path: string, warnings: string[] = []): PrimeConfigFile {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    throw new ConfigError(`Cannot read ${path}: ${code ?? 'unknown error'}`);
  }
  warnIfReadableByOthers(path, warnings);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message.split('\n')[0] : 'invalid JSON';
    throw new ConfigError(`${path} is not valid JSON (${reason}); fix it or run \`prime login\` again`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`${path} must contain a JSON object; fix it or run \`prime login\` again`);
  }
  const record = parsed as Record<string, unknown>;
  const pick = (key: string): string | undefined => {
    const value = record[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  return { api_key: pick('api_key'), team_id: pick('team_id'), base_url: pick('base_url') };
}

function warnIfReadableByOthers(path: string, warnings: string[]): void {
  if (process.platform === 'win32') return;
  try {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o044) {
      warnings.push(
        `Warning: ${path} holds an API key and is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${path}`,
      );
    }
  } catch {
    // The file was just read; a stat failure here changes nothing.
  }
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
  return url.trim().replace(/\/+$/, '').replace(/\/api\/v1$/, '');
}

function firstOf(...candidates: [string | undefined, ValueSource][]): [string | undefined, ValueSource] {
  for (const [value, source] of candidates) {
    if (value !== undefined && value.trim() !== '') return [value.trim(), source];
  }
  return [undefined, 'none'];
}

export function resolveConfig(flags: ConfigFlags, env: Environment, options: { home?: string } = {}): ResolvedConfig {
  const configFile = primeConfigPath(env, options.home);
  const warnings: string[] = [];
  const file = readPrimeConfigFile(configFile, warnings);

  const [apiKey, apiKeySource] = firstOf([env.PRIME_API_KEY, 'env'], [file.api_key, 'file']);
  checkKey(apiKeySource === 'file' ? `api_key in ${configFile}` : 'PRIME_API_KEY', apiKey);
  const [teamId, teamIdSource] = firstOf([flags.teamId, 'flag'], [env.PRIME_TEAM_ID, 'env'], [file.team_id, 'file']);
  const [baseUrl, baseUrlSource] = firstOf(
    [flags.baseUrl, 'flag'],
    [env.PRIME_API_BASE_URL, 'env'],
    [env.PRIME_BASE_URL, 'env'],
    [file.base_url, 'file'],
    [PRIME_DEFAULT_BASE_URL, 'default'],
  );
  const primeBaseUrl = normalisePrimeBaseUrl(baseUrl ?? PRIME_DEFAULT_BASE_URL);
  checkBaseUrl('Prime Intellect', primeBaseUrl, Boolean(apiKey));

  const [dispersedKey] = firstOf([env.DISPERSED_API_KEY, 'env']);
  checkKey('DISPERSED_API_KEY', dispersedKey);
  const [dispersedUrl] = firstOf([flags.dispersedBaseUrl, 'flag'], [env.DISPERSED_BASE_URL, 'env'], [DISPERSED_DEFAULT_BASE_URL, 'default']);
  const dispersedBaseUrl = (dispersedUrl ?? DISPERSED_DEFAULT_BASE_URL).replace(/\/+$/, '');
  checkBaseUrl('Dispersed', dispersedBaseUrl, Boolean(dispersedKey));

  return {
    prime: {
      baseUrl: primeBaseUrl,
      apiKey,
      teamId,
      sources: { apiKey: apiKeySource, baseUrl: baseUrlSource, teamId: teamIdSource },
    },
    dispersed: { baseUrl: dispersedBaseUrl, apiKey: dispersedKey },
    configFile,
    warnings,
  };
}

/** With no Prime Intellect key anywhere, cloudtop runs against its embedded simulator. */
export function isDemo(config: ResolvedConfig, forceDemo: boolean): boolean {
  return forceDemo || !config.prime.apiKey;
}
