import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { isDemo, resolveConfig } from '../../src/config/api-accounts.js';

function homeWith(config?: string | object, mode = 0o600): string {
  const home = mkdtempSync(join(tmpdir(), 'cloudtop-home-'));
  if (config !== undefined) {
    mkdirSync(join(home, '.prime'));
    const file = join(home, '.prime', 'config.json');
    writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
    chmodSync(file, mode);
  }
  return home;
}

describe('resolveConfig', () => {
  it('uses defaults and demo mode with nothing configured', () => {
    const config = resolveConfig({}, { HOME: homeWith() });
    expect(config.prime.baseUrl).toBe('https://api.primeintellect.ai');
    expect(config.prime.apiKey).toBeUndefined();
    expect(config.dispersed.baseUrl).toBe('https://api.dispersed.com');
    expect(isDemo(config, false)).toBe(true);
  });

  it('reads the file written by `prime login`', () => {
    const home = homeWith({
      api_key: 'file-key-123456',
      team_id: 'team-file',
      base_url: 'https://staging.example.com/api/v1',
    });
    const config = resolveConfig({}, { HOME: home });
    expect(config.prime).toMatchObject({
      apiKey: 'file-key-123456',
      teamId: 'team-file',
      baseUrl: 'https://staging.example.com',
    });
    expect(config.prime.sources).toEqual({
      apiKey: 'file',
      teamId: 'file',
      baseUrl: 'file',
      context: 'default',
      sshKeyPath: 'default',
    });
    expect(isDemo(config, false)).toBe(false);
    expect(isDemo(config, true)).toBe(true);
  });

  it('lets the environment override the file, and flags override both', () => {
    const home = homeWith({ api_key: 'file-key-123456', team_id: 'team-file', base_url: 'https://file.example.com' });
    const env = {
      HOME: home,
      PRIME_API_KEY: 'env-key-123456',
      PRIME_TEAM_ID: 'team-env',
      PRIME_BASE_URL: 'https://env.example.com/',
    };
    const fromEnv = resolveConfig({}, env);
    expect(fromEnv.prime).toMatchObject({
      apiKey: 'env-key-123456',
      teamId: 'team-env',
      baseUrl: 'https://env.example.com',
    });
    const fromFlags = resolveConfig({ teamId: 'team-flag', baseUrl: 'https://flag.example.com' }, env);
    expect(fromFlags.prime).toMatchObject({
      apiKey: 'env-key-123456',
      teamId: 'team-flag',
      baseUrl: 'https://flag.example.com',
    });
    expect(fromFlags.prime.sources).toEqual({
      apiKey: 'env',
      teamId: 'flag',
      baseUrl: 'flag',
      context: 'default',
      sshKeyPath: 'default',
    });
  });

  it('prefers PRIME_API_BASE_URL over PRIME_BASE_URL', () => {
    const config = resolveConfig(
      {},
      { HOME: homeWith(), PRIME_API_BASE_URL: 'https://a.example.com', PRIME_BASE_URL: 'https://b.example.com' },
    );
    expect(config.prime.baseUrl).toBe('https://a.example.com');
  });

  it('reads the Dispersed key pair and base URL from the environment', () => {
    const env = {
      HOME: homeWith(),
      DISPERSED_PUBLIC_KEY: 'pk_live_123456',
      DISPERSED_SECRET_KEY: 'sk_live_abcdef',
      DISPERSED_BASE_URL: 'https://nodes.example.com/',
    };
    const config = resolveConfig({}, env);
    expect(config.dispersed).toEqual({
      keys: { publicKey: 'pk_live_123456', secretKey: 'sk_live_abcdef' },
      keysSource: 'env',
      missingKeys: undefined,
      baseUrl: 'https://nodes.example.com',
      baseUrlSource: 'env',
    });
    expect(config.warnings).toEqual([]);
  });

  it("takes the reference client's ZER_* names when the DISPERSED_* ones are not set", () => {
    const config = resolveConfig(
      {},
      {
        HOME: homeWith(),
        ZER_PUBLIC_KEY: 'pk_zer_123456',
        ZER_SECRET_KEY: 'sk_zer_abcdef',
        ZER_API_BASE_URL: 'https://api.compute.example',
      },
    );
    expect(config.dispersed).toMatchObject({
      keys: { publicKey: 'pk_zer_123456', secretKey: 'sk_zer_abcdef' },
      baseUrl: 'https://api.compute.example',
    });
    const both = resolveConfig(
      {},
      {
        HOME: homeWith(),
        DISPERSED_PUBLIC_KEY: 'pk_a_123456',
        DISPERSED_SECRET_KEY: 'sk_a_123456',
        ZER_PUBLIC_KEY: 'pk_z_123456',
        ZER_SECRET_KEY: 'sk_z_123456',
      },
    );
    expect(both.dispersed.keys).toEqual({ publicKey: 'pk_a_123456', secretKey: 'sk_a_123456' });
  });

  it('explains in one line, and does not stop, when Dispersed has only the old single key or half a pair', () => {
    const legacy = resolveConfig({}, { HOME: homeWith(), DISPERSED_API_KEY: 'd-key-123456' });
    expect(legacy.dispersed.keys).toBeUndefined();
    expect(legacy.dispersed.missingKeys).toBe(
      'Dispersed: DISPERSED_API_KEY is not used: the API signs requests with a key pair; set DISPERSED_PUBLIC_KEY and DISPERSED_SECRET_KEY',
    );
    expect(legacy.warnings).toEqual([legacy.dispersed.missingKeys]);
    const half = resolveConfig({}, { HOME: homeWith(), DISPERSED_PUBLIC_KEY: 'pk_only_123456' });
    expect(half.dispersed.missingKeys).toBe(
      'Dispersed: DISPERSED_SECRET_KEY is not set; requests are signed with both keys of the pair',
    );
    const none = resolveConfig({}, { HOME: homeWith() });
    expect(none.dispersed).toMatchObject({ keys: undefined, missingKeys: undefined });
    expect(none.warnings).toEqual([]);
    for (const config of [legacy, half])
      for (const line of config.warnings) expect(line).not.toMatch(/d-key-123456|pk_only_123456|\n/);
  });

  it('gives a one-line error naming a malformed file', () => {
    const home = homeWith('{ "api_key": ');
    expect(() => resolveConfig({}, { HOME: home })).toThrow(ConfigError);
    try {
      resolveConfig({}, { HOME: home });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain(join(home, '.prime', 'config.json'));
      expect(message).not.toMatch(/\n/);
    }
  });

  it('rejects a file that is not a JSON object', () => {
    expect(() => resolveConfig({}, { HOME: homeWith('[1,2]') })).toThrow(/must contain a JSON object/);
  });

  it('warns, as ssh does, when the key file is readable by others', () => {
    const config = resolveConfig({}, { HOME: homeWith({ api_key: 'file-key-123456' }, 0o644) });
    expect(config.warnings).toHaveLength(1);
    expect(config.warnings[0]).toBe(
      `${join(config.configFile)} holds a key and other users can read it (mode 644); fix: chmod 600 ${config.configFile}`,
    );
    expect(config.warnings[0]).not.toContain('file-key-123456');
  });

  it('refuses to send a key over plain http except to loopback', () => {
    const env = { HOME: homeWith(), PRIME_API_KEY: 'env-key-123456' };
    expect(() => resolveConfig({ baseUrl: 'http://api.example.com' }, env)).toThrow(/plain http/);
    expect(resolveConfig({ baseUrl: 'http://127.0.0.1:8080' }, env).prime.baseUrl).toBe('http://127.0.0.1:8080');
    expect(resolveConfig({ baseUrl: 'http://localhost:8080' }, env).prime.baseUrl).toBe('http://localhost:8080');
    expect(() =>
      resolveConfig(
        {},
        {
          ...env,
          DISPERSED_PUBLIC_KEY: 'pk_123456',
          DISPERSED_SECRET_KEY: 'sk_123456',
          DISPERSED_BASE_URL: 'http://nodes.example.com',
        },
      ),
    ).toThrow(/Refusing to send the Dispersed key pair over plain http/);
  });

  it('rejects a base URL that is not a URL, without echoing a key', () => {
    expect(() => resolveConfig({ baseUrl: 'not a url' }, { HOME: homeWith() })).toThrow(/not a valid URL/);
  });
});

describe("the official client's saved contexts", () => {
  /** A home with config.json and saved contexts under ~/.prime/environments/. */
  function homeWithContexts(config: object, contexts: Record<string, object>, mode = 0o600): string {
    const home = homeWith(config);
    mkdirSync(join(home, '.prime', 'environments'));
    for (const [name, body] of Object.entries(contexts)) {
      const file = join(home, '.prime', 'environments', `${name}.json`);
      writeFileSync(file, JSON.stringify(body));
      chmodSync(file, mode);
    }
    return home;
  }
  const saved = {
    staging: { api_key: 'staging-key-123456', team_id: 'team-staging', base_url: 'https://staging.example.com/api/v1' },
    'team-b': { team_id: 'team-b' },
  };
  const file = {
    api_key: 'file-key-123456',
    team_id: 'team-file',
    base_url: 'https://file.example.com',
    current_environment: 'production',
  };

  it('without PRIME_CONTEXT: config.json as it stands, named by its current_environment', () => {
    const config = resolveConfig({}, { HOME: homeWithContexts({ ...file, current_environment: 'staging' }, saved) });
    expect(config.prime).toMatchObject({
      apiKey: 'file-key-123456',
      teamId: 'team-file',
      baseUrl: 'https://file.example.com',
      context: 'staging',
    });
  });

  it('PRIME_CONTEXT lays a saved context over config.json: its key, team and base URL', () => {
    const config = resolveConfig({}, { HOME: homeWithContexts(file, saved), PRIME_CONTEXT: 'staging' });
    expect(config.prime).toMatchObject({
      apiKey: 'staging-key-123456',
      teamId: 'team-staging',
      baseUrl: 'https://staging.example.com',
      context: 'staging',
    });
    expect(config.prime.sources).toEqual({
      apiKey: 'context',
      teamId: 'context',
      baseUrl: 'context',
      context: 'env',
      sshKeyPath: 'default',
    });
  });

  it("a context without a key keeps config.json's; without a base URL it means the default, not config.json's", () => {
    const config = resolveConfig({}, { HOME: homeWithContexts(file, saved), PRIME_CONTEXT: 'team-b' });
    expect(config.prime).toMatchObject({
      apiKey: 'file-key-123456',
      teamId: 'team-b',
      baseUrl: 'https://api.primeintellect.ai',
      context: 'team-b',
    });
    expect(config.prime.sources).toEqual({
      apiKey: 'file',
      teamId: 'context',
      baseUrl: 'default',
      context: 'env',
      sshKeyPath: 'default',
    });
  });

  it("PRIME_CONTEXT=production keeps config.json's key and clears the team and base URL", () => {
    const config = resolveConfig({}, { HOME: homeWithContexts(file, saved), PRIME_CONTEXT: 'Production' });
    expect(config.prime).toMatchObject({
      apiKey: 'file-key-123456',
      teamId: undefined,
      baseUrl: 'https://api.primeintellect.ai',
      context: 'production',
    });
  });

  it('environment variables and flags still win over a context', () => {
    const env = {
      HOME: homeWithContexts(file, saved),
      PRIME_CONTEXT: 'staging',
      PRIME_API_KEY: 'env-key-123456',
      PRIME_TEAM_ID: 'team-env',
    };
    expect(resolveConfig({ baseUrl: 'https://flag.example.com' }, env).prime).toMatchObject({
      apiKey: 'env-key-123456',
      teamId: 'team-env',
      baseUrl: 'https://flag.example.com',
    });
  });

  it('an unknown context stops start-up in one line that lists the saved ones', () => {
    const home = homeWithContexts(file, saved);
    expect(() => resolveConfig({}, { HOME: home, PRIME_CONTEXT: 'stagign' })).toThrow(
      `PRIME_CONTEXT names the context 'stagign', which is not saved in ${join(home, '.prime', 'environments')} (saved: production, staging, team-b)`,
    );
    expect(() => resolveConfig({}, { HOME: home, PRIME_CONTEXT: '../config' })).toThrow(/must be a context name/);
  });

  it('a context file that holds a key and others can read gets the same one-line warning', () => {
    const home = homeWithContexts(file, saved, 0o644);
    const config = resolveConfig({}, { HOME: home, PRIME_CONTEXT: 'staging' });
    const contextFile = join(home, '.prime', 'environments', 'staging.json');
    expect(config.warnings).toEqual([
      `${contextFile} holds a key and other users can read it (mode 644); fix: chmod 600 ${contextFile}`,
    ]);
  });

  it('finds the SSH key as `prime pods ssh` does', () => {
    expect(resolveConfig({}, { HOME: homeWith() }).prime.sshKeyPath).toBe('~/.ssh/id_rsa');
    expect(resolveConfig({}, { HOME: homeWith({ ssh_key_path: '/keys/prime' }) }).prime.sshKeyPath).toBe('/keys/prime');
    expect(
      resolveConfig({}, { HOME: homeWith({ ssh_key_path: '/keys/prime' }), PRIME_SSH_KEY_PATH: '/env/key' }).prime
        .sshKeyPath,
    ).toBe('/env/key');
  });
});
