import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const flagsIn = (command: string): string[] => command.split(/\s+/).filter((word) => word.startsWith('--'));

describe('how cloudtop is launched', () => {
  const shebang = read('bin/cloudtop.js').split('\n')[0]!;
  const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start!;

  it('runs Node with the same flags from the installed command and from `npm start`', () => {
    expect(shebang).toMatch(/^#!\/usr\/bin\/env (-S )?node( --[\w-]+(=\S+)?)*$/);
    expect(flagsIn(start)).toEqual(flagsIn(shebang));
    expect(start).toMatch(/^node .*bin\/cloudtop\.js$/);
  });

  it('ships a bundle of ASCII only, which V8 keeps at one byte per character (`npm test` builds it first)', () => {
    const bundle = read('dist/cloudtop.js');
    expect(bundle.length).toBeGreaterThan(100_000);
    expect(bundle.match(/[^\x00-\x7f]/)?.[0]).toBeUndefined();
  });
});
