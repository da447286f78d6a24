import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, repo), 'utf8');
const command = new URL('bin/cloudtop', repo).pathname;

describe('how cloudtop is launched', () => {
  const pkg = JSON.parse(read('package.json')) as { bin: Record<string, string>; scripts: Record<string, string> };

  it('the installed command and `npm start` are the same script, which passes the flags to node', () => {
    expect(pkg.bin.cloudtop).toBe('bin/cloudtop');
    expect(pkg.scripts.start).toBe('bin/cloudtop');
    const script = read('bin/cloudtop');
    expect(script.split('\n')[0]).toBe('#!/bin/sh');
    expect(script.trimEnd().split('\n').pop()).toMatch(
      /^exec node( --[\w-]+(=\S+)?)+ "\$\(dirname "\$script"\)\/cloudtop\.js" "\$@"$/,
    );
  });

  it('starts through a symlink (as `npm install -g` links it) with a plain POSIX shell, no `env -S`', () => {
    const link = join(mkdtempSync(join(tmpdir(), 'cloudtop-bin-')), 'cloudtop');
    symlinkSync(command, link);
    const env = { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: '/nonexistent-home-for-tests' };
    expect(execFileSync('sh', [link, '--version'], { env, encoding: 'utf8' })).toMatch(/^cloudtop \d+\.\d+\.\d+/);
  });

  it('says in one line what it needs when there is no node on PATH', () => {
    let stderr = '';
    let status = 0;
    try {
      execFileSync('/bin/sh', [command, '--version'], {
        env: { PATH: '/nonexistent' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      ({ stderr, status } = error as { stderr: string; status: number });
    }
    expect(status).toBe(127);
    expect(stderr).toBe(
      'cloudtop: needs Node.js 22.19 or later on PATH, or the standalone executable (README: Install)\n',
    );
  });

  it('ships a bundle of ASCII only, which V8 keeps at one byte per character (`npm test` builds it first)', () => {
    const bundle = read('dist/cloudtop.js');
    expect(bundle.length).toBeGreaterThan(100_000);
    expect(bundle.match(/[^\x00-\x7f]/)?.[0]).toBeUndefined();
  });
});
