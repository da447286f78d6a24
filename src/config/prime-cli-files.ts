/**
 * The official `prime` client's saved settings, read the way it reads them
 * (PrimeIntellect-ai/prime, `packages/prime/src/prime_cli/core/config.py`):
 *
 * - `~/.prime/config.json`, written by `prime login` and `prime config …`:
 *   `api_key`, `team_id`, `base_url`, `ssh_key_path`, and
 *   `current_environment`, the name of the context `prime config use` last
 *   copied into this file.
 * - Saved contexts, `~/.prime/environments/<name>.json` (`prime config save`).
 *   `PRIME_CONTEXT=<name>` lays one over config.json for one process: its
 *   `api_key` only if it has one; its team and base URL always (a context
 *   without a base URL means the default one, not config.json's). The
 *   built-in context `production` keeps config.json's key and clears the
 *   team and base URL.
 *
 * Environment variables still win over a context, as in the official client
 * (config.ts applies them). One difference, deliberately: the official client
 * silently falls back to config.json when PRIME_CONTEXT names no saved
 * context; cloudtop stops with a message, because watching (and deleting in)
 * an account other than the one asked for is worse than not starting.
 */
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error.js';
import { readJsonObjectFile } from './json-file.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/** The settings config.json and a context provide, before the environment and flags. */
export interface PrimeFileSettings {
  apiKey?: string | undefined;
  teamId?: string | undefined;
  baseUrl?: string | undefined;
  sshKeyPath?: string | undefined;
  /** Which file (or context) each value came from, for messages. */
  origin: { apiKey?: string; teamId?: string; baseUrl?: string };
  /** The context in force: PRIME_CONTEXT's, else config.json's `current_environment`, else `production`. */
  context: string;
  /** Whether the context was chosen for this process (PRIME_CONTEXT) rather than saved. */
  contextFromEnv: boolean;
}

export const PRODUCTION_CONTEXT = 'production';
/** The official client's rule for context names (`_sanitize_environment_name`). */
const CONTEXT_NAME = /^[A-Za-z0-9_-]+$/;

export function primeDirectory(env: Environment, home: string = homedir()): string {
  return join(env.HOME || home, '.prime');
}

export function primeConfigPath(env: Environment, home?: string): string {
  return join(primeDirectory(env, home), 'config.json');
}

/** config.json with PRIME_CONTEXT's context laid over it. Throws ConfigError (one line, naming the file). */
export function readPrimeSettings(env: Environment, warnings: string[], home?: string): PrimeFileSettings {
  const directory = primeDirectory(env, home);
  const configPath = join(directory, 'config.json');
  const file = readJsonObject(configPath, warnings);
  const settings: PrimeFileSettings = {
    apiKey: pick(file, 'api_key'),
    teamId: pick(file, 'team_id'),
    baseUrl: pick(file, 'base_url'),
    sshKeyPath: pick(file, 'ssh_key_path'),
    origin: { apiKey: configPath, teamId: configPath, baseUrl: configPath },
    context: pick(file, 'current_environment') ?? PRODUCTION_CONTEXT,
    contextFromEnv: false,
  };
  const requested = env.PRIME_CONTEXT?.trim();
  if (!requested) return settings;

  if (requested.toLowerCase() === PRODUCTION_CONTEXT) {
    return {
      ...settings,
      teamId: undefined,
      baseUrl: undefined,
      origin: { apiKey: configPath },
      context: PRODUCTION_CONTEXT,
      contextFromEnv: true,
    };
  }
  if (!CONTEXT_NAME.test(requested)) {
    throw new ConfigError(
      'PRIME_CONTEXT must be a context name (letters, digits, - and _), as `prime config save` makes them',
    );
  }
  const contextPath = join(directory, 'environments', `${requested}.json`);
  const context = readJsonObject(contextPath, warnings);
  if (context === null) {
    const saved = savedContexts(directory);
    throw new ConfigError(
      `PRIME_CONTEXT names the context '${requested}', which is not saved in ${join(directory, 'environments')} (saved: ${[PRODUCTION_CONTEXT, ...saved].join(', ')})`,
    );
  }
  const contextKey = pick(context, 'api_key');
  return {
    apiKey: contextKey ?? settings.apiKey,
    teamId: pick(context, 'team_id'),
    baseUrl: pick(context, 'base_url'),
    sshKeyPath: settings.sshKeyPath,
    origin: { apiKey: contextKey ? contextPath : configPath, teamId: contextPath, baseUrl: contextPath },
    context: requested,
    contextFromEnv: true,
  };
}

/** The names of the saved contexts, as `prime config envs` lists them. */
export function savedContexts(directory: string): string[] {
  try {
    return readdirSync(join(directory, 'environments'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter((name) => name.toLowerCase() !== PRODUCTION_CONTEXT && CONTEXT_NAME.test(name))
      .sort();
  } catch {
    return [];
  }
}

/**
 * A JSON object file: null when absent; a ConfigError naming the file when
 * unreadable or malformed. A file that holds an API key and that other users
 * can read adds one warning with the exact fix.
 */
function readJsonObject(path: string, warnings: string[]): Record<string, unknown> | null {
  const record = readJsonObjectFile(path, '; fix it or run `prime login` again');
  if (record === null) return null;
  if (pick(record, 'api_key')) warnIfReadableByOthers(path, warnings);
  return record;
}

/** A non-blank string setting; values of other types are ignored, as if absent. */
function pick(record: Record<string, unknown> | null, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * `prime login` writes its files with the default permissions, readable by
 * every user of a shared jump host. One line, with the exact fix, once per
 * start; it never stops cloudtop.
 */
export function warnIfReadableByOthers(path: string, warnings: string[]): void {
  if (process.platform === 'win32') return;
  try {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o044)
      warnings.push(
        `${path} holds a key and other users can read it (mode ${mode.toString(8)}); fix: chmod 600 ${path}`,
      );
  } catch {
    // The file was just read; a stat failure here changes nothing.
  }
}
