/**
 * The Dispersed API's request signature. The API takes no Bearer token: every
 * request carries the public key, a time, a one-use nonce and an HMAC-SHA256,
 * keyed with the secret key, of a canonical string describing the request.
 *
 * The scheme is the Dispersed docs' "Authenticate requests" page, read
 * against their reference client (`dispersed.py` in the public repository
 * dispersednetwork/compute_examples), which is what the live service accepts:
 *
 *   publicKey|timeMs|nonce|METHOD|pathname|canonicalQuery|sha256(canonicalBody)
 *
 * - canonicalQuery: pairs sorted by name, then by value, each side encoded as
 *   Python's `urlencode` does (quote_plus: space is `+`, every byte but
 *   `A-Z a-z 0-9 - _ . ~` is `%XX` in upper-case hex), joined with `&`. The
 *   reference client's own signing path takes a dict and so cannot repeat a
 *   name; the docs sort repeated values, which is what we do (cloudtop never
 *   repeats a Dispersed parameter, so the two cannot disagree in practice).
 * - canonicalBody: JSON with keys sorted at every depth, no whitespace,
 *   non-ASCII as `\uXXXX` (Python's `json.dumps(sort_keys=True,
 *   separators=(",", ":"), ensure_ascii=True)`); no body hashes the empty string.
 *
 * The server canonicalises the parameters it receives (the reference client
 * sends them unsorted), so only their decoded names and values matter, not
 * how the URL on the wire happens to encode them.
 *
 * The secret key never leaves this module's caller: it keys the HMAC and is
 * never put in a header, a URL or a message.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

export interface DispersedKeyPair {
  /** `pk_…`: identifies the caller; sent as `X-API-Key`. */
  publicKey: string;
  /** `sk_…`: keys the signature; never sent. */
  secretKey: string;
}

export interface SignableRequest {
  method: string;
  url: URL;
  /** A JSON body, canonicalised before hashing; absent for GET and DELETE. */
  body?: unknown;
}

/** What varies per request; fixed values make a signature reproducible in tests. */
export interface SigningMoment {
  timeMs: number;
  /** 32 lower-case hex characters. */
  nonce: string;
}

/** The header names the scheme uses, lower-case: none of them may follow a redirect to another origin. */
export const SIGNATURE_HEADERS = ['x-api-key', 'x-time', 'x-nonce', 'x-signature'] as const;

const EMPTY_BODY_SHA256 = createHash('sha256').update('').digest('hex');

/** A fresh moment: the current time and 16 random bytes. */
export function freshMoment(now: number = Date.now()): SigningMoment {
  return { timeMs: now, nonce: randomBytes(16).toString('hex') };
}

/** The four headers that authenticate `request`. */
export function signatureHeaders(
  keys: DispersedKeyPair,
  request: SignableRequest,
  moment: SigningMoment = freshMoment(),
): Record<(typeof SIGNATURE_HEADERS)[number], string> {
  const time = String(Math.trunc(moment.timeMs));
  const canonical = canonicalString(keys.publicKey, request, { timeMs: moment.timeMs, nonce: moment.nonce });
  return {
    'x-api-key': keys.publicKey,
    'x-time': time,
    'x-nonce': moment.nonce,
    'x-signature': createHmac('sha256', keys.secretKey).update(canonical, 'utf8').digest('hex'),
  };
}

/** The string the signature is an HMAC of. */
export function canonicalString(publicKey: string, request: SignableRequest, moment: SigningMoment): string {
  const bodyHash =
    request.body === undefined
      ? EMPTY_BODY_SHA256
      : createHash('sha256').update(canonicalJson(request.body), 'utf8').digest('hex');
  return [
    publicKey,
    String(Math.trunc(moment.timeMs)),
    moment.nonce,
    request.method.toUpperCase(),
    request.url.pathname,
    canonicalQuery(request.url.searchParams),
    bodyHash,
  ].join('|');
}

/** Sorted by name, then value (by code point, as Python sorts), each encoded as quote_plus does. */
export function canonicalQuery(params: Iterable<[string, string]>): string {
  return [...params]
    .sort(([nameA, valueA], [nameB, valueB]) => byCodePoint(nameA, nameB) || byCodePoint(valueA, valueB))
    .map(([name, value]) => `${quotePlus(name)}=${quotePlus(value)}`)
    .join('&');
}

/** Python's `urllib.parse.quote_plus` with its default safe set. */
export function quotePlus(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.~-]/.test(char)) out += char;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** JSON with sorted keys at every depth, no whitespace, and every non-ASCII character escaped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort(byCodePoint)
      .map((key) => [key, sortKeys(record[key])]),
  );
}

/** UTF-8 byte order is code point order; JavaScript's `<` compares UTF-16 units, which differs above U+FFFF. */
function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
