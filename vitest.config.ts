import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  define: { __CLOUDTOP_VERSION__: JSON.stringify(pkg.version) },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Test workers write to pipes, where chalk would turn styling off; component
    // tests check colours and the inverse selection bar, as a terminal shows them.
    // The CLIs the tests start read the locale to choose UTF-8 or ASCII (util/charset.ts): a UTF-8 one
    // whatever the machine's (CI may have none), and the tests of ASCII output set their own.
    env: { FORCE_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', LC_CTYPE: '' },
  },
});
