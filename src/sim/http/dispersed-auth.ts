/**
 * How the simulated Dispersed API checks a request: the signed-request
 * scheme of the Dispersed docs ("Authenticate requests") and their reference
 * client (`dispersed.py` in dispersednetwork/compute_examples). Written
 * separately from src/api's signer, so the two cannot share a misreading;
 * test/sim/dispersed-auth.test.ts holds both to a vector computed by Python's
 * own `urlencode` and `hmac`, as the reference client computes it.
 *
 * Every request needs X-API-Key (the public key), X-Time (Unix ms), X-Nonce
 * and X-Signature = hex HMAC-SHA256(secret key, canonical string), where the
 * canonical string is
 *
 *   publicKey|time|nonce|METHOD|path|sorted, form-encoded query|sha256(body)
 *
 * Refused with 401: a missing header, a Bearer token instead of a signature,
 * an unknown public key, a time more than TIME_WINDOW_MS from the server's
 * clock, a nonce seen before, a signature that does not match. The docs give
 * no window; five minutes is what such APIs commonly allow.
 *
 * The clock here is the real one, not the simulated world's: a signature is
 * about the wall clocks of two machines, whatever time the world thinks it is.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface DispersedKeys {
  publicKey: string;
  secretKey: string;
}

export const TIME_WINDOW_MS = 5 * 60 * 1000;
/** The simulated API serves only GET, which has no body: its hash is that of the empty string. */
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');
/** Beyond this many remembered nonces (a client gone wild), the oldest are forgotten early. */
const MAX_NONCES = 100_000;

export type SignatureCheck = { ok: true } | { ok: false; presented: boolean; reason: string };

export class SignatureVerifier {
  /** Nonce → when it may be forgotten (once its time is outside the window, a replay is refused anyway). */
  private readonly nonces = new Map<string, number>();

  /** `now` is this server's wall clock; a test may set it apart from the client's. */
  constructor(
    private readonly keys: DispersedKeys,
    readonly now: () => number = Date.now,
  ) {}

  check(method: string, url: URL, headers: IncomingHttpHeaders): SignatureCheck {
    const header = (name: string): string | undefined => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const apiKey = header('x-api-key');
    const time = header('x-time');
    const nonce = header('x-nonce');
    const signature = header('x-signature');
    if (!apiKey && !time && !nonce && !signature) {
      return header('authorization')
        ? refuse(
            true,
            'Bearer tokens are not accepted: sign each request with your key pair (X-API-Key, X-Time, X-Nonce, X-Signature)',
          )
        : refuse(false, 'Missing authentication headers: X-API-Key, X-Time, X-Nonce, X-Signature');
    }
    const missing = [
      ['X-API-Key', apiKey],
      ['X-Time', time],
      ['X-Nonce', nonce],
      ['X-Signature', signature],
    ]
      .filter(([, value]) => !value)
      .map(([name]) => name);
    if (missing.length > 0 || !apiKey || !time || !nonce || !signature)
      return refuse(true, `Missing authentication header: ${missing.join(', ')}`);
    if (apiKey !== this.keys.publicKey) return refuse(true, 'Invalid API key');

    const now = this.now();
    const sentAt = /^\d{1,16}$/.test(time) ? Number(time) : Number.NaN;
    if (!Number.isFinite(sentAt) || Math.abs(now - sentAt) > TIME_WINDOW_MS) {
      return refuse(
        true,
        `Request timestamp is outside the allowed window of ${TIME_WINDOW_MS / 1000} seconds (X-Time is Unix time in milliseconds)`,
      );
    }
    if (!/^[0-9a-f]{16,64}$/i.test(nonce)) return refuse(true, 'Invalid nonce: expected random hex');

    const expected = createHmac('sha256', this.keys.secretKey)
      .update(canonical(apiKey, time, nonce, method, url), 'utf8')
      .digest();
    const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse(true, 'Invalid signature');

    // Remembered only once the signature proved the request genuine: a forged
    // request must not be able to burn a nonce the real client is about to use.
    this.forgetExpired(now);
    if (this.nonces.has(nonce)) return refuse(true, 'Nonce has already been used');
    this.nonces.set(nonce, Math.max(now, sentAt) + TIME_WINDOW_MS);
    return { ok: true };
  }

  private forgetExpired(now: number): void {
    for (const [nonce, until] of this.nonces) {
      if (until > now && this.nonces.size < MAX_NONCES) break;
      this.nonces.delete(nonce);
    }
  }
}

function refuse(presented: boolean, reason: string): SignatureCheck {
  return { ok: false, presented, reason };
}

function canonical(apiKey: string, time: string, nonce: string, method: string, url: URL): string {
  const pairs = [...url.searchParams].sort(([a, x], [b, y]) => compareCodePoints(a, b) || compareCodePoints(x, y));
  const query = pairs.map(([name, value]) => `${formEncode(name)}=${formEncode(value)}`).join('&');
  return [apiKey, time, nonce, method.toUpperCase(), url.pathname, query, EMPTY_SHA256].join('|');
}

/** application/x-www-form-urlencoded as Python's quote_plus writes it: unreserved bytes kept, space as `+`, the rest `%XX`. */
function formEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
