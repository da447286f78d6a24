/**
 * The Dispersed request signature against values computed independently:
 * the worked vector in spec/dispersed/signing.json, Python's standard
 * library as the reference client uses it, and `openssl dgst -hmac`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  canonicalQuery,
  canonicalString,
  freshMoment,
  quotePlus,
  signatureHeaders,
} from '../../src/api/dispersed/signing.js';
import { pythonSignature } from '../helpers/python-signer.js';

const spec = JSON.parse(readFileSync(new URL('../../spec/dispersed/signing.json', import.meta.url), 'utf8')) as {
  vector: {
    publicKey: string;
    secretKey: string;
    time: string;
    nonce: string;
    method: string;
    url: string;
    canonicalQuery: string;
    bodySha256: string;
    signature: string;
  };
};
const vector = spec.vector;
const keys = { publicKey: vector.publicKey, secretKey: vector.secretKey };
const moment = { timeMs: Number(vector.time), nonce: vector.nonce };

describe('the signature of a fixed request', () => {
  // A query with brackets, a space (sent as `+`) and a repeated name whose values arrive out of order.
  const url = new URL(vector.url);

  it('matches the worked vector in spec/dispersed/signing.json', () => {
    expect(canonicalQuery(url.searchParams)).toBe(vector.canonicalQuery);
    expect(canonicalString(keys.publicKey, { method: 'GET', url }, moment)).toBe(
      [vector.publicKey, vector.time, vector.nonce, 'GET', '/v1/nodes', vector.canonicalQuery, vector.bodySha256].join(
        '|',
      ),
    );
    expect(signatureHeaders(keys, { method: 'get', url }, moment)).toEqual({
      'x-api-key': 'pk_test',
      'x-time': '1700000000000',
      'x-nonce': '00112233445566778899aabbccddeeff',
      'x-signature': vector.signature,
    });
  });

  it('matches Python computing it as the reference client does', () => {
    const python = pythonSignature({
      ...keys,
      time: vector.time,
      nonce: vector.nonce,
      method: 'GET',
      path: url.pathname,
      query: [...url.searchParams],
    });
    expect(python.signature).toBe(vector.signature);
    expect(canonicalString(keys.publicKey, { method: 'GET', url }, moment)).toBe(python.canonical);
  });

  it('matches openssl over the canonical string', () => {
    const canonical = canonicalString(keys.publicKey, { method: 'GET', url }, moment);
    const openssl = execFileSync('openssl', ['dgst', '-sha256', '-hmac', keys.secretKey], {
      input: canonical,
      encoding: 'utf8',
    });
    expect(openssl.trim().split(/\s+/).pop()).toBe(vector.signature);
  });
});

describe('canonicalisation, case by case against Python', () => {
  const cases: { name: string; query: [string, string][]; body?: unknown }[] = [
    { name: 'no parameters', query: [] },
    { name: "characters URLSearchParams encodes differently (* ~ ! ' ( ))", query: [['q', "a*b~c!d'e(f)g"]] },
    {
      name: 'a comma list, as filter[status] is sent',
      query: [
        ['filter[status]', 'AVAILABLE,WORKING'],
        ['limit', '50'],
        ['page', '2'],
      ],
    },
    {
      name: 'non-ASCII and an emoji',
      query: [
        ['filter[name]', 'grüße 🚀'],
        ['filter[name]', 'Ärger'],
      ],
    },
    {
      name: 'empty values and a name that sorts by code point',
      query: [
        ['b', ''],
        ['B', 'x'],
        ['a', ''],
        ['_', '1'],
      ],
    },
    {
      name: 'a JSON body with nested keys, unicode and a number',
      query: [['x', '1']],
      body: { z: [{ b: 1, a: 'é' }], a: { y: null, x: true }, m: 'tab\there', n: 12.5 },
    },
  ];

  it.each(cases)('$name', ({ query, body }) => {
    const url = new URL('https://api.dispersed.com/v1/nodes');
    for (const [name, value] of query) url.searchParams.append(name, value);
    const request = body === undefined ? { method: 'POST', url } : { method: 'POST', url, body };
    const python = pythonSignature({
      ...keys,
      time: vector.time,
      nonce: vector.nonce,
      method: 'POST',
      path: url.pathname,
      query,
      ...(body === undefined ? {} : { body }),
    });
    expect(canonicalString(keys.publicKey, request, moment)).toBe(python.canonical);
    expect(signatureHeaders(keys, request, moment)['x-signature']).toBe(python.signature);
    if (body !== undefined) expect(canonicalJson(body)).toBe(python.body);
  });

  it('quote_plus keeps only unreserved characters', () => {
    expect(quotePlus('a b+c/d?e=f&g~h.i_j-k')).toBe('a+b%2Bc%2Fd%3Fe%3Df%26g~h.i_j-k');
    expect(quotePlus('€')).toBe('%E2%82%AC');
  });
});

describe('every request is signed afresh', () => {
  it('a new nonce each time, 32 lower-case hex characters, and the current time in milliseconds', () => {
    const before = Date.now();
    const moments = Array.from({ length: 50 }, () => freshMoment());
    expect(new Set(moments.map((m) => m.nonce)).size).toBe(50);
    for (const m of moments) {
      expect(m.nonce).toMatch(/^[0-9a-f]{32}$/);
      expect(m.timeMs).toBeGreaterThanOrEqual(before);
      expect(m.timeMs).toBeLessThanOrEqual(Date.now());
    }
    const url = new URL('https://api.dispersed.com/v1/nodes');
    const first = signatureHeaders(keys, { method: 'GET', url });
    const second = signatureHeaders(keys, { method: 'GET', url });
    expect(first['x-nonce']).not.toBe(second['x-nonce']);
    expect(first['x-signature']).not.toBe(second['x-signature']);
  });

  it('never puts the secret key in a header', () => {
    const headers = signatureHeaders(keys, { method: 'GET', url: new URL('https://api.dispersed.com/v1/nodes') });
    expect(JSON.stringify(headers)).not.toContain(keys.secretKey);
  });
});
