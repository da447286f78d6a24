/** A hand-written JSON file that may hold a key: its errors say where, never what. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonObjectFile } from '../../src/config/json-file.js';
import { resolveConfig } from '../../src/config/api-accounts.js';

const dir = mkdtempSync(join(tmpdir(), 'cloudtop-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const KEY = 'pit_live_9f8e7d6c5b4a39281706';

describe('readJsonObjectFile', () => {
  it('is null for a missing file, the object for a good one', () => {
    expect(readJsonObjectFile(join(dir, 'absent.json'))).toBeNull();
    writeFileSync(join(dir, 'good.json'), '{"a": 1}');
    expect(readJsonObjectFile(join(dir, 'good.json'))).toEqual({ a: 1 });
  });

  it('says no more than that a syntax error is one: V8 quotes the text around it, which could be the key', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, `{"api_key": ${KEY}}`);
    expect(() => readJsonObjectFile(path)).toThrow(/broken\.json is not valid JSON/);
    try {
      readJsonObjectFile(path);
    } catch (error) {
      expect((error as Error).message).not.toContain(KEY.slice(0, 12));
    }
  });

  it('keeps a malformed ~/.prime/config.json holding a key out of the error, with the fix', () => {
    const home = join(dir, 'home');
    const prime = join(home, '.prime');
    mkdirSync(prime, { recursive: true });
    writeFileSync(join(prime, 'config.json'), `{"api_key": "${KEY}",}`);
    let message = '';
    try {
      resolveConfig({}, { HOME: home });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/config\.json is not valid JSON at position \d+.*; fix it or run `prime login` again$/);
    expect(message).not.toContain(KEY.slice(0, 12));
  });
});
