// Proves the PTY harness itself with tiny Node programs, so that a failing
// end-to-end test points at cloudtop, not at the harness.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawnPty, type PtyOptions, type PtySession } from './pty.js';

const PROGRAMS = {
  // Prints, then exits with the status given as argv[2].
  print: `
    process.stdout.write('hello from the child\\n');
    process.stdout.write('世界|wide\\n');
    process.stdout.write('\\u001b[4;1H世界\\u001b[4;5Hx');
    process.exitCode = Number(process.argv[2] ?? 0);
  `,
  // Raw mode; reports each read as hex; 'q' quits.
  keys: `
    process.stdin.setRawMode(true);
    process.stdout.write('ready\\r\\n');
    process.stdin.on('data', (data) => {
      process.stdout.write('got ' + [...data].map((b) => b.toString(16).padStart(2, '0')).join(' ') + '\\r\\n');
      if (data.includes(0x71)) process.exit(0);
    });
  `,
  // Reports its size at start and on every SIGWINCH. Node refreshes
  // process.stdout.columns/rows in its own SIGWINCH listener and then emits
  // 'resize' (as Ink's useWindowSize sees it); a raw process.on('SIGWINCH')
  // registered first would still read the old size.
  size: `
    let winches = 0;
    process.on('SIGWINCH', () => { winches += 1; });
    const report = (why) => process.stdout.write(why + ' ' + process.stdout.columns + 'x' + process.stdout.rows + ' after ' + winches + ' SIGWINCH\\r\\n');
    process.stdout.on('resize', () => report('resize'));
    report('start');
    process.stdin.resume();
  `,
  // Stays alive until signalled; prints its pid.
  idle: `
    process.stdout.write('pid ' + process.pid + '\\n');
    setInterval(() => {}, 1000);
  `,
  // Full-screen program: alternate screen, hidden cursor; restores both on 'q'.
  fullscreen: `
    process.stdout.write('on the normal screen\\r\\n');
    process.stdin.setRawMode(true);
    process.stdout.write('\\u001b[?1049h\\u001b[?25l\\u001b[2J\\u001b[Hfull screen app');
    process.stdin.on('data', (data) => {
      if (data.includes(0x71)) {
        process.stdout.write('\\u001b[?25h\\u001b[?1049l');
        process.exit(0);
      }
    });
  `,
  // Asks the terminal where the cursor is, as some programs do, and shows the answer.
  query: `
    process.stdin.setRawMode(true);
    process.stdout.write('abc\\u001b[6n');
    process.stdin.once('data', (data) => {
      process.stdout.write('\\r\\nanswer ' + JSON.stringify(data.toString('latin1')) + '\\r\\n');
      process.exit(0);
    });
  `,
  // A burst far larger than the terminal's buffers, then an immediate exit.
  burst: `
    process.stdout.write('x'.repeat(Number(process.argv[2])), () => process.exit(4));
  `,
  env: `
    const pick = ['CI', 'CONTINUOUS_INTEGRATION', 'TERM', 'COLORTERM', 'LANG', 'HARNESS_EXTRA'];
    const env = Object.fromEntries(pick.map((k) => [k, process.env[k] ?? null]));
    process.stdout.write('ENV ' + JSON.stringify({ ...env, tty: [process.stdin.isTTY, process.stdout.isTTY] }) + '\\n');
  `,
} as const;

let dir: string;
const sessions: PtySession[] = [];

function run(program: keyof typeof PROGRAMS, args: string[] = [], options: PtyOptions = {}): PtySession {
  const session = spawnPty(process.execPath, [join(dir, `${program}.cjs`), ...args], {
    cols: 40,
    rows: 10,
    ...options,
  });
  sessions.push(session);
  return session;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cloudtop-pty-'));
  for (const [name, source] of Object.entries(PROGRAMS)) writeFileSync(join(dir, `${name}.cjs`), source);
});

afterEach(() => {
  for (const session of sessions.splice(0)) session.kill();
  vi.unstubAllEnvs();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('pty harness', () => {
  it('shows what the child prints, wide characters included, and keeps the raw bytes', async () => {
    const session = run('print');
    await session.waitFor('hello from the child');
    expect(await session.waitForExit()).toBe(0);
    const lines = session.screenLines();
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('hello from the child');
    // Each ideograph is two columns wide, so 'x' at column 5 lands right after them.
    expect(lines[1]).toBe('世界|wide');
    expect(lines[3]).toBe('世界x');
    // The terminal's ONLCR turned '\n' into '\r\n' on the way out.
    expect(session.output().toString('utf8')).toContain('hello from the child\r\n');
    expect(session.bytesWritten()).toBe(session.output().length);
  });

  it('delivers typed keys to a raw-mode child byte for byte', async () => {
    const session = run('keys');
    await session.waitFor('ready');
    // The child may read several keystrokes at once, as with fast typing; what
    // matters is the byte stream, and that Escape stands alone.
    const typed = (): string => [...session.screen().matchAll(/got ([0-9a-f ]+)/g)].map((m) => m[1]).join(' ');
    session.press('down', 'pageUp', 'shiftTab', 'ctrlC');
    await session.waitFor(() => typed().endsWith('03'));
    expect(typed()).toBe('1b 5b 42 1b 5b 35 7e 1b 5b 5a 03');
    session.write('é');
    await session.waitFor(() => typed().endsWith('c3 a9'));
    // A person pauses after Escape, so it is not read as Alt+j.
    session.press('escape', 'j');
    await session.waitFor(/^got 1b\n^got 6a$/m);
    expect(() => session.press('f13')).toThrow(/unknown key "f13"/);
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it('relays every byte of a large burst before reporting the exit', async () => {
    const session = run('burst', ['300000']);
    expect(await session.waitForExit()).toBe(4);
    expect(session.bytesWritten()).toBe(300_000);
    expect(session.screenLines().at(-1)).toBe('x'.repeat(40));
  });

  it('answers terminal queries like a real terminal', async () => {
    const session = run('query');
    await session.waitFor('answer');
    expect(await session.waitForExit()).toBe(0);
    // Cursor position report: row 1, column 4 (after "abc").
    expect(session.screen()).toContain('answer "\\u001b[1;4R"');
  });

  it('resizes: the child gets SIGWINCH and the new size, the emulator follows', async () => {
    const session = run('size');
    await session.waitFor('start 40x10 after 0 SIGWINCH');
    session.resize(72, 16);
    expect([session.cols, session.rows]).toEqual([72, 16]);
    expect(session.screenLines()).toHaveLength(16);
    await session.waitFor('resize 72x16 after 1 SIGWINCH');
    session.resize(30, 6);
    await session.waitFor('resize 30x6 after 2 SIGWINCH');
  });

  it('propagates exit statuses: 0, 3, a signal, and Ctrl-C in cooked mode', async () => {
    const ok = run('print', ['0']);
    const three = run('print', ['3']);
    const term = run('idle');
    const interrupt = run('idle');
    expect(await ok.waitForExit()).toBe(0);
    expect(await three.waitForExit()).toBe(3);
    await term.waitFor(/pid \d+/);
    term.signal('SIGTERM');
    expect(await term.waitForExit()).toBe(128 + 15);
    // The line discipline turns ^C into SIGINT for the foreground process group.
    await interrupt.waitFor(/pid \d+/);
    interrupt.press('ctrlC');
    expect(await interrupt.waitForExit()).toBe(128 + 2);
  });

  it('detects the alternate screen and hidden cursor, and their restoration', async () => {
    const session = run('fullscreen');
    await session.waitFor('full screen app');
    expect(session.isAlternateScreen()).toBe(true);
    expect(session.cursorHidden()).toBe(true);
    expect(session.screen()).not.toContain('on the normal screen');
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
    expect(session.isAlternateScreen()).toBe(false);
    expect(session.cursorHidden()).toBe(false);
    expect(session.screen()).toContain('on the normal screen');
    expect(session.screen()).not.toContain('full screen app');
    expect(session.output().toString('latin1').endsWith('\u001b[?25h\u001b[?1049l')).toBe(true);
  });

  it('gives the child a terminal environment without CI, unless the caller says otherwise', async () => {
    vi.stubEnv('CI', 'true');
    vi.stubEnv('CONTINUOUS_INTEGRATION', 'true');
    vi.stubEnv('COLORTERM', 'truecolor');
    vi.stubEnv('HARNESS_EXTRA', 'inherited');
    const plain = run('env');
    const overridden = run('env', [], { env: { CI: 'true', HARNESS_EXTRA: undefined } });
    const envOf = async (session: PtySession): Promise<Record<string, unknown>> => {
      expect(await session.waitForExit()).toBe(0);
      // The JSON may wrap across rows; the raw bytes hold it whole.
      const line = /ENV (\{.*\})/.exec(session.output().toString('utf8'));
      return JSON.parse(line?.[1] ?? 'null') as Record<string, unknown>;
    };
    expect(await envOf(plain)).toEqual({
      CI: null,
      CONTINUOUS_INTEGRATION: null,
      TERM: 'xterm-256color',
      COLORTERM: null,
      LANG: 'C.UTF-8',
      HARNESS_EXTRA: 'inherited',
      tty: [true, true],
    });
    expect(await envOf(overridden)).toMatchObject({ CI: 'true', HARNESS_EXTRA: null });
  });

  it('kill() takes the child down with the driver and is idempotent', async () => {
    const session = run('idle');
    const screen = await session.waitFor(/pid \d+/);
    const childPid = Number(/pid (\d+)/.exec(screen)?.[1]);
    session.kill();
    session.kill();
    expect(await session.waitForExit()).toBe(128 + 15);
    expect(() => process.kill(childPid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });

  it('explains a failed wait with the screen it saw', async () => {
    const session = run('idle');
    await session.waitFor('pid');
    const error = await session.waitFor('never shown', { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /waitFor\("never shown"\) timed out after 150 ms[\s\S]*Screen 40x10[\s\S]*1│pid \d+/,
    );
    // A wait that can no longer succeed fails as soon as the child exits, not at its timeout.
    const printed = run('print');
    await expect(printed.waitFor('never shown', { timeoutMs: 15_000 })).rejects.toThrow(
      /never matched before the child exited; the child exited with status 0/,
    );
  });
});
