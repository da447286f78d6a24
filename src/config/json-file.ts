/**
 * Reading a JSON object file that people write by hand and that may hold a
 * key (~/.prime/config.json, cloudtop's config file): absent is null, and
 * every failure is one ConfigError line naming the file. A syntax error says
 * only where it is: V8's own message quotes the text around it, which could
 * be the key.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.js';

/** `hint`: what to do about a malformed file, added to its message. */
export function readJsonObjectFile(path: string, hint = ''): Record<string, unknown> | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new ConfigError(`Cannot read ${path}: ${code ?? 'unknown error'}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const at =
      error instanceof SyntaxError ? /position \d+(?: \(line \d+ column \d+\))?/.exec(error.message)?.[0] : undefined;
    throw new ConfigError(`${path} is not valid JSON${at ? ` at ${at}` : ''}${hint}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigError(`${path} must contain a JSON object${hint}`);
  return parsed as Record<string, unknown>;
}
