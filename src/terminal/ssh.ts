/**
 * SSH into a pod the way the official client does (`prime pods ssh`,
 * PrimeIntellect-ai/prime `commands/pods.py`): the connection string is
 * `user@host -p port` (22 when there is no ` -p `), the key comes from
 * `ssh_key_path` or `PRIME_SSH_KEY_PATH` (config.ts), and the command is
 *
 *   ssh -i KEY -o StrictHostKeyChecking=no -p PORT user@host
 *
 * (host keys of rented machines change as addresses are reused, which is why
 * the official client does not check them). The dashboard hands the terminal
 * over while it runs (Ink's suspendTerminal) and takes it back after.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { oneLine } from '../api/errors.js';

export interface SshTarget {
  host: string;
  port: string;
}

/** `root@1.2.3.4 -p 2222` → host `root@1.2.3.4`, port `2222`. */
export function parseConnection(connection: string): SshTarget {
  const [host = '', port] = connection.split(' -p ');
  return { host: host.trim(), port: port?.trim() || '22' };
}

/** `~/x` as the shell would read it. */
export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

export function sshArguments(keyPath: string, connection: string): string[] {
  const { host, port } = parseConnection(connection);
  return ['-i', expandHome(keyPath), '-o', 'StrictHostKeyChecking=no', '-p', port, host];
}

/** The whole command, for copying: what `prime pods ssh` would run. */
export function sshCommand(keyPath: string, connection: string): string {
  return ['ssh', ...sshArguments(keyPath, connection)]
    .map((word) => (/^[\w@%+=:,./~-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

/** Before handing the terminal over: a missing key is one line naming the path and where it is set, not a failed ssh. */
export function missingKey(keyPath: string): string | null {
  const path = expandHome(keyPath);
  return existsSync(path)
    ? null
    : `SSH key ${path} not found: set ssh_key_path in ~/.prime/config.json or PRIME_SSH_KEY_PATH`;
}

export interface SshOutcome {
  /** ssh's exit status, or null when a signal ended it (or it never ran). */
  code: number | null;
  /** The signal that ended it, if one did (Ctrl-C while connecting). */
  signal?: NodeJS.Signals | null;
  /** The last line ssh wrote to stderr (`Connection refused`, `Permission denied`), cleaned. */
  lastError: string;
}

/**
 * Runs ssh on this terminal until it exits. Its stderr passes through to the
 * terminal as it comes, and its last line is kept for the flash line. The
 * caller hands the terminal over first (Ink's suspendTerminal, and
 * lendTerminal so that Ctrl-C is ssh's).
 */
export function runSsh(keyPath: string, connection: string): Promise<SshOutcome> {
  return new Promise((resolve) => {
    let tail = '';
    const child = spawn('ssh', sshArguments(keyPath, connection), { stdio: ['inherit', 'inherit', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      // Only the end matters; keep it short.
      tail = (tail + chunk.toString('utf8')).slice(-4096);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      resolve({
        code: null,
        lastError: error.code === 'ENOENT' ? 'ssh is not installed (not found in PATH)' : oneLine(error.message),
      });
    });
    child.on('close', (code, signal) => {
      const lines = tail
        .split(/\r?\n/)
        .map((line) => oneLine(line))
        .filter(Boolean);
      resolve({ code, signal, lastError: lines[lines.length - 1] ?? '' });
    });
  });
}

/** One line for the flash line about how an ssh session ended. */
export function describeSsh(name: string, outcome: SshOutcome): { text: string; tone: 'info' | 'error' } {
  if (outcome.code === 0) return { text: `SSH session to ${name} ended`, tone: 'info' };
  const status =
    outcome.code !== null
      ? `ssh exited with ${outcome.code}`
      : outcome.signal
        ? `ssh was stopped (${outcome.signal})`
        : 'ssh did not run';
  return { text: outcome.lastError ? `${status}: ${outcome.lastError}` : status, tone: 'error' };
}
