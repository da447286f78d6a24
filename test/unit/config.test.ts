import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/api/errors.js';
import { isDemo, resolveConfig } from '../../src/app/config.js';

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
    const home = homeWith({ api_key: 'file-key-123456', team_id: 'team-file', base_url: 'https://staging.example.com/api/v1' });
    const config = resolveConfig({}, { HOME: home });
    expect(config.prime).toMatchObject({ apiKey: 'file-key-123456', teamId: 'team-file', baseUrl: 'https://staging.example.com' });
    expect(config.prime.sources).toEqual({ apiKey: 'file', teamId: 'file', baseUrl: 'file' });
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
    expect(fromEnv.prime).toMatchObject({ apiKey: 'env-key-123456', teamId: 'team-env', baseUrl: 'https://env.example.com' });
    const fromFlags = resolveConfig({ teamId: 'team-flag', baseUrl: 'https://flag.example.com' }, env);
    expect(fromFlags.prime).toMatchObject({ apiKey: 'env-key-123456', teamId: 'team-flag', baseUrl: 'https://flag.example.com' });
    expect(fromFlags.prime.sources).toEqual({ apiKey: 'env', teamId: 'flag', baseUrl: 'flag' });
  });

  it('prefers PRIME_API_BASE_URL over PRIME_BASE_URL', () => {
    const config = resolveConfig({}, { HOME: homeWith(), PRIME_API_BASE_URL: 'https://a.example.com', PRIME_BASE_URL: 'https://b.example.com' });
    expect(config.prime.baseUrl).toBe('https://a.example.com');
  });

  it('reads the Dispersed key and base URL from the environment', () => {
    const config = resolveConfig({}, { HOME: homeWith(), DISPERSED_API_KEY: 'd-key-123456', DISPERSED_BASE_URL: 'https://nodes.example.com/' });
    expect(config.dispersed).toEqual({ apiKey: 'd-key-123456', baseUrl: 'https://nodes.example.com' });
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
    expect(config.warnings[0]).toMatch(/readable by other users.*chmod 600/);
    expect(config.warnings[0]).not.toContain('file-key-123456');
  });

  it('refuses to send a key over plain http except to loopback', () => {
    const env = { HOME: homeWith(), PRIME_API_KEY: 'env-key-123456' };
    expect(() => resolveConfig({ baseUrl: 'http://api.example.com' }, env)).toThrow(/plain http/);
    expect(resolveConfig({ baseUrl: 'http://127.0.0.1:8080' }, env).prime.baseUrl).toBe('http://127.0.0.1:8080');
    expect(resolveConfig({ baseUrl: 'http://localhost:8080' }, env).prime.baseUrl).toBe('http://localhost:8080');
    expect(() => resolveConfig({}, { ...env, DISPERSED_API_KEY: 'k-123456', DISPERSED_BASE_URL: 'http://nodes.example.com' })).toThrow(
      /Dispersed API key over plain http/,
    );
  });

  it('rejects a base URL that is not a URL, without echoing a key', () => {
    expect(() => resolveConfig({ baseUrl: 'not a url' }, { HOME: homeWith() })).toThrow(/not a valid URL/);
  });
});
