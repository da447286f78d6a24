/**
 * cloudtop's own config file: where it is, what a bad value says (one line,
 * naming the field), unknown keys as warnings, the permissions warning for a
 * file holding the Dispersed secret, precedence flag > env > file > default,
 * the themes, and `--print-config` with its sources and masked secrets.
 * Every test writes its own file under a temporary XDG_CONFIG_HOME: the real
 * user's files are never read.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseOptions } from '../../src/config/flags.js';
import { configFilePath, readConfigFile } from '../../src/config/cloudtop-file.js';
import { resolveConfig } from '../../src/config/api-accounts.js';
import { maskSecret, printConfig } from '../../src/config/print-settings.js';
import { resolveSettings } from '../../src/config/settings.js';
import { BASIC_COLOURS, COLOUR_ROLES, makePalette, THEMES } from '../../src/views/theme.js';

const HOME = '/nonexistent-home-for-tests';
const SECRET = 'sk_live_0123456789abcdefWXYZ';
const PUBLIC = 'pk_live_0123456789abcdef1234';

/** A fresh XDG_CONFIG_HOME holding `content` as cloudtop/config.json (or nothing). */
function configHome(content?: string | object, mode = 0o600): { env: Record<string, string>; path: string } {
  const xdg = mkdtempSync(join(tmpdir(), 'cloudtop-xdg-'));
  const path = join(xdg, 'cloudtop', 'config.json');
  if (content !== undefined) {
    mkdirSync(join(xdg, 'cloudtop'));
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    chmodSync(path, mode);
  }
  return { env: { HOME, XDG_CONFIG_HOME: xdg }, path };
}

function failure(content: string | object): string {
  const { env } = configHome(content);
  try {
    readConfigFile(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}

function settingsFor(content: object | undefined, argv: string[] = [], extraEnv: Record<string, string> = {}) {
  const { env } = configHome(content);
  const all = { ...env, ...extraEnv };
  return resolveSettings(parseOptions(argv), all, readConfigFile(all));
}

describe('where the file is', () => {
  it('is under XDG_CONFIG_HOME when set (and absolute), else ~/.config', () => {
    expect(configFilePath({ HOME: '/home/ada', XDG_CONFIG_HOME: '/etc/xdg-ada' })).toBe(
      '/etc/xdg-ada/cloudtop/config.json',
    );
    expect(configFilePath({ HOME: '/home/ada' })).toBe('/home/ada/.config/cloudtop/config.json');
    expect(configFilePath({ HOME: '/home/ada', XDG_CONFIG_HOME: 'relative/dir' })).toBe(
      '/home/ada/.config/cloudtop/config.json',
    );
  });

  it('is optional: no file, nothing set and no warning', () => {
    const file = readConfigFile(configHome().env);
    expect(file).toMatchObject({ found: false, settings: {}, warnings: [] });
  });
});

describe('bad values', () => {
  it.each([
    [{ interval: 'fast' }, 'interval must be a number of seconds from 1 to 3600 (got "fast")'],
    [{ interval: 0 }, 'interval must be at least 1 second (got 0)'],
    [{ highlight: 4000 }, 'highlight must be at most 3600 seconds (got 4000)'],
    [{ tab: 'gpus' }, 'tab must be one of disks, sandboxes, pods, nodes, history, availability (got "gpus")'],
    [{ readOnly: 'yes' }, 'readOnly must be true or false (got "yes")'],
    [{ theme: 'dark' }, 'theme.name must be one of default, light, basic16 (got "dark")'],
    [{ theme: { status: { failed: 'puce' } } }, 'theme.status.failed must be one of the 16 colour names'],
    [{ keys: { delete: 'foo' } }, 'keys.delete: "foo" is not a key'],
    [{ keys: { delete: 5 } }, 'keys.delete must be a key, a list of keys, or null for none (got 5)'],
    [
      { views: { pods: { columns: ['name', 'bogus'] } } },
      'views.pods.columns has no column "bogus" (pods has name, status, gpu, install, provider, price, ssh, age)',
    ],
    [{ views: { pods: { columns: ['status', 'gpu'] } } }, 'views.pods.columns must include name'],
    [{ views: { pods: { sort: 'colour' } } }, 'views.pods.sort has no column "colour"'],
    [
      { views: { disks: { filter: 'label:x' } } },
      "views.disks.filter is not usable: label: filters don't apply to Disks",
    ],
    [{ views: { pods: { filter: 'status:' } } }, 'views.pods.filter is not usable: status: needs a value'],
  ])('%j: one line naming the field and what is allowed', (content, expected) => {
    const message = failure(content);
    expect(message).toContain(expected);
    expect(message).toContain('cloudtop/config.json: ');
    expect(message).not.toContain('\n');
  });

  it('says a file that is not JSON is not JSON, without quoting it', () => {
    const message = failure(`{"dispersed": {"secretKey": "${SECRET}"`);
    expect(message).toMatch(/config\.json is not valid JSON/);
    expect(message).not.toContain(SECRET);
    expect(failure('[1, 2]')).toMatch(/must contain a JSON object$/);
  });

  it('never quotes a key, even a badly typed one', () => {
    const message = failure({ dispersed: { secretKey: ['sk_live_secret_in_a_list'] } });
    expect(message).toContain('dispersed.secretKey must be the secret key (sk_…)');
    expect(message).not.toContain('sk_live_secret_in_a_list');
  });

  it('cleans what it quotes from the file: escape sequences never reach the terminal', () => {
    const message = failure({ tab: '\u001b]0;owned\u0007pods\u001b[2J' });
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('unknown keys', () => {
  it('warns about each, in one line, and starts anyway', () => {
    const { env, path } = configHome({
      colour: 'red',
      views: { pods: { width: 3 }, gpus: {} },
      keys: { explode: 'x' },
      interval: 2,
    });
    const file = readConfigFile(env);
    expect(file.settings.interval).toBe(2);
    expect(file.warnings).toEqual([
      `${path}: unknown setting colour ignored (see the README's "Config file")`,
      `${path}: unknown setting views.gpus ignored (see the README's "Config file")`,
      `${path}: unknown setting views.pods.width ignored (see the README's "Config file")`,
      `${path}: unknown setting keys.explode (not a binding name) ignored (see the README's "Config file")`,
    ]);
  });
});

describe('the Dispersed key pair in the file', () => {
  it('is used when the environment sets neither half, and the environment wins when it does', () => {
    const { env, path } = configHome({ dispersed: { publicKey: PUBLIC, secretKey: SECRET } });
    const file = readConfigFile(env);
    const dispersedFile = { path, ...file.settings.dispersed };
    const fromFile = resolveConfig({}, env, { dispersedFile });
    expect(fromFile.dispersed).toMatchObject({ keys: { publicKey: PUBLIC, secretKey: SECRET }, keysSource: 'file' });
    const fromEnv = resolveConfig(
      {},
      { ...env, DISPERSED_PUBLIC_KEY: 'pk_env_123456', DISPERSED_SECRET_KEY: 'sk_env_123456' },
      { dispersedFile },
    );
    expect(fromEnv.dispersed).toMatchObject({
      keys: { publicKey: 'pk_env_123456', secretKey: 'sk_env_123456' },
      keysSource: 'env',
    });
  });

  it('reads commands per tab (a tab alone for a list of one), warns of a field it does not know, and refuses a bad one in one line', () => {
    const { env, path } = configHome({
      commands: { hello: { key: 'x', tabs: 'pods', command: 'echo', args: ['{name}'], colour: 'red' } },
    });
    const file = readConfigFile(env);
    expect(file.commands.pods?.map((command) => command.name)).toEqual(['hello']);
    expect(file.warnings).toEqual([
      `${path}: unknown setting commands.hello.colour ignored (see the README's "Config file")`,
    ]);
    expect(failure({ commands: { hello: { key: 'x', tabs: ['podz'], command: 'echo' } } })).toMatch(
      /commands\.hello\.tabs\.0 must be a tab: disks, sandboxes/,
    );
    expect(failure({ commands: { hello: { key: 'D', tabs: ['pods'], command: 'echo' } } })).toMatch(
      /: commands\.hello\.key D is already bound to delete in the list; give the command another key$/,
    );
  });

  it.each([0o644, 0o640, 0o604])('warns in one line with the fix when others can read the file (mode %o)', (mode) => {
    const { env, path } = configHome({ dispersed: { publicKey: PUBLIC, secretKey: SECRET } }, mode);
    const { warnings } = readConfigFile(env);
    expect(warnings).toEqual([
      `${path} holds a key and other users can read it (mode ${mode.toString(8)}); fix: chmod 600 ${path}`,
    ]);
  });

  it('does not warn about a private file, or a readable one without a secret', () => {
    expect(
      readConfigFile(configHome({ dispersed: { publicKey: PUBLIC, secretKey: SECRET } }, 0o600).env).warnings,
    ).toEqual([]);
    expect(readConfigFile(configHome({ interval: 3 }, 0o644).env).warnings).toEqual([]);
  });

  it('stops on swapped halves, naming the field and not the key', () => {
    const { env, path } = configHome({ dispersed: { publicKey: SECRET, secretKey: PUBLIC } });
    const dispersedFile = { path, ...readConfigFile(env).settings.dispersed };
    expect(() => resolveConfig({}, env, { dispersedFile })).toThrow(
      `dispersed.publicKey in ${path} holds a secret key`,
    );
    try {
      resolveConfig({}, env, { dispersedFile });
    } catch (error) {
      expect((error as Error).message).not.toContain(SECRET);
    }
  });
});

describe('precedence: flag > env > file > default', () => {
  const file = { tab: 'disks', interval: 7, highlight: 20, notify: true, readOnly: true, theme: 'light' };

  it('takes the file over the defaults', () => {
    const settings = settingsFor(file);
    expect(settings.options).toMatchObject({
      tab: 'disks',
      intervalSeconds: 7,
      highlightSeconds: 20,
      notify: true,
      readOnly: true,
    });
    expect(settings.sources).toMatchObject({
      tab: 'file',
      interval: 'file',
      highlight: 'file',
      notify: 'file',
      readOnly: 'file',
      all: 'default',
      theme: 'file',
    });
    expect(settings.theme.name).toBe('light');
  });

  it('takes the environment over the file', () => {
    const settings = settingsFor(file, [], {
      CLOUDTOP_TAB: 'nodes',
      CLOUDTOP_INTERVAL: '3',
      CLOUDTOP_READ_ONLY: 'false',
      CLOUDTOP_THEME: 'basic16',
    });
    expect(settings.options).toMatchObject({ tab: 'nodes', intervalSeconds: 3, highlightSeconds: 20, readOnly: false });
    expect(settings.sources).toMatchObject({
      tab: 'env',
      interval: 'env',
      highlight: 'file',
      readOnly: 'env',
      theme: 'env',
    });
    expect(settings.theme.name).toBe('basic16');
  });

  it('takes flags over both', () => {
    const settings = settingsFor(file, ['--tab', 'pods', '--interval', '2', '--read-only'], {
      CLOUDTOP_TAB: 'nodes',
      CLOUDTOP_INTERVAL: '3',
      CLOUDTOP_READ_ONLY: 'false',
    });
    expect(settings.options).toMatchObject({ tab: 'pods', intervalSeconds: 2, readOnly: true });
    expect(settings.sources).toMatchObject({ tab: 'flag', interval: 'flag', readOnly: 'flag', highlight: 'file' });
  });

  it('stops on a bad environment value, naming the variable', () => {
    expect(() => settingsFor(undefined, [], { CLOUDTOP_INTERVAL: 'soon' })).toThrow(
      'CLOUDTOP_INTERVAL must be a number of seconds (got "soon")',
    );
    expect(() => settingsFor(undefined, [], { CLOUDTOP_NOTIFY: 'maybe' })).toThrow(
      'CLOUDTOP_NOTIFY must be true or false',
    );
    expect(() => settingsFor(undefined, [], { CLOUDTOP_THEME: 'dark' })).toThrow(
      'CLOUDTOP_THEME must be one of default, light, basic16',
    );
  });

  it("makes a view's sort and filter its tab's start state, and keeps its columns in the file's order", () => {
    const { env } = configHome({
      views: {
        pods: { columns: ['name', 'price', 'status'], sort: 'price', descending: true, filter: 'status:active' },
      },
    });
    const loaded = readConfigFile(env);
    expect(loaded.columns).toEqual({ pods: ['name', 'price', 'status'] });
    expect(loaded.tabStarts.pods?.sort).toEqual({ columnId: 'price', descending: true });
    expect(loaded.tabStarts.pods?.filter?.source).toBe('status:active');
  });
});

describe('themes', () => {
  it('gives every role a colour entry in every theme', () => {
    for (const palette of Object.values(THEMES)) expect(Object.keys(palette).sort()).toEqual([...COLOUR_ROLES].sort());
  });

  it('basic16 uses only the 16 named colours', () => {
    for (const colour of Object.values(THEMES.basic16))
      if (colour !== undefined) expect(BASIC_COLOURS).toContain(colour);
  });

  it('light has no yellow or white text, which a white background swallows', () => {
    for (const [role, colour] of Object.entries(THEMES.light)) {
      if (role === 'match' || colour === undefined) continue;
      expect(colour).not.toMatch(/yellow|white/i);
      // Dark enough to read on white: no channel mix brighter than mid-grey.
      const [r, g, b] = [1, 3, 5].map((at) => parseInt(colour.slice(at, at + 2), 16));
      expect(0.2126 * r! + 0.7152 * g! + 0.0722 * b!).toBeLessThan(128);
    }
  });

  it('lets the file override any status category or accent, and null removes a colour', () => {
    const palette = makePalette('light', { failed: 'magenta', accent: null });
    expect(palette.failed).toBe('magenta');
    expect(palette.accent).toBeUndefined();
    expect(palette.healthy).toBe(THEMES.light.healthy);
    const { theme } = settingsFor({
      theme: { name: 'basic16', status: { failed: 'magentaBright' }, colours: { demo: '#ff00ff' } },
    });
    expect(theme.palette).toMatchObject({ failed: 'magentaBright', demo: '#ff00ff', healthy: 'green' });
  });
});

describe('--print-config', () => {
  it('shows every setting with its source, secrets masked', () => {
    const { env, path } = configHome({
      interval: 9,
      theme: 'light',
      keys: { delete: 'X', ssh: null },
      views: { pods: { filter: 'status:active' } },
      dispersed: { publicKey: PUBLIC, secretKey: SECRET },
    });
    const all = { ...env, PRIME_API_KEY: 'pit_prime_key_0123456789abcd', CLOUDTOP_HIGHLIGHT: '4' };
    const settings = resolveSettings(parseOptions(['--tab', 'pods', '--print-config']), all, readConfigFile(all));
    const config = resolveConfig({}, all, { dispersedFile: { path, ...settings.file.settings.dispersed } });
    const text = printConfig(settings, config);
    const row = (name: string): string => text.split('\n').find((line) => line.startsWith(`${name} `)) ?? '';
    expect(text).toContain(`config file: ${path}`);
    expect(row('tab')).toMatch(/pods +flag$/);
    expect(row('highlight')).toMatch(/4 +env$/);
    expect(row('interval')).toMatch(/9 +file$/);
    expect(row('notify')).toMatch(/false +default$/);
    expect(row('theme')).toMatch(/light +file$/);
    expect(row('keys.delete')).toMatch(/X +file$/);
    expect(row('keys.ssh')).toMatch(/\(none\) +file$/);
    expect(row('keys.refresh')).toMatch(/r +default$/);
    expect(row('views.pods.filter')).toMatch(/status:active +file$/);
    expect(row('prime.apiKey')).toMatch(/pit_••••••••abcd +env$/);
    expect(row('dispersed.secretKey')).toMatch(/sk_••••••••WXYZ +file$/);
    for (const secret of [SECRET, PUBLIC, 'pit_prime_key_0123456789abcd', '0123456789'])
      expect(text).not.toContain(secret);
  });

  it('masks short keys entirely', () => {
    expect(maskSecret('sk_short')).toBe('sk_••••••••');
    expect(maskSecret('abc')).toBe('••••••••');
    expect(maskSecret(undefined)).toBe('-');
  });
});
