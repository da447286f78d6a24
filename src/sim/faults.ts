/**
 * Injected failures: the next `count` requests matching a rule misbehave in a
 * chosen way, so clients can be tested against everything a real network and
 * a real proxy do to them.
 */

export type BodyFault = 'html' | 'empty' | 'truncated' | 'wrong-shape' | 'huge';
export const BODY_FAULTS: readonly BodyFault[] = ['html', 'empty', 'truncated', 'wrong-shape', 'huge'];

export interface FaultMatch {
  /** Exact path, or a prefix ending in `*` (`/api/v1/pods/*`). Query strings are not part of it. */
  path: string;
  /** HTTP method; any when absent. */
  method?: string;
  /** How many matching requests fail; default 1. */
  count?: number;
}

/**
 * The failure itself:
 * - `status`: answer with that status (`retryAfter` seconds sets Retry-After;
 *   `body` replaces the API-shaped error body; a `BodyFault` name there sends
 *   that kind of body with this status).
 * - `delayMs`: wait, then answer normally (longer than a client timeout = a timeout).
 * - `body` alone: status 200 with a broken body.
 * - `reset`: destroy the socket (a network error).
 */
export type FaultEffect =
  { status: number; retryAfter?: number; body?: string } | { delayMs: number } | { body: BodyFault } | { reset: true };

/** A rule as stored: which requests, and what happens to them. */
export interface FaultRule extends FaultMatch {
  fault: FaultEffect;
}

/**
 * What `injectFault` accepts: the nested form `{ path, count, fault: { status: 503 } }`
 * or the same fields flat, `{ path, count, status: 503 }` (handy with curl).
 */
export type FaultRuleInput = FaultRule | (FaultMatch & FaultEffect);

/** Brings either input form to the nested one, validating as it goes. */
export function normalizeFaultRule(input: unknown): FaultRule | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'fault rule must be a JSON object';
  const r = input as Record<string, unknown>;
  if (typeof r['path'] !== 'string' || !r['path'].startsWith('/')) return "fault rule needs a 'path' starting with '/'";
  if (r['method'] !== undefined && typeof r['method'] !== 'string') return "'method' must be a string";
  if (r['count'] !== undefined && (typeof r['count'] !== 'number' || !Number.isInteger(r['count']) || r['count'] < 1)) {
    return "'count' must be a positive integer";
  }
  const effect = parseEffect(r['fault'] !== undefined ? r['fault'] : r);
  if (typeof effect === 'string') return effect;
  const rule: FaultRule = { path: r['path'], fault: effect };
  if (typeof r['method'] === 'string') rule.method = r['method'];
  if (typeof r['count'] === 'number') rule.count = r['count'];
  return rule;
}

function parseEffect(input: unknown): FaultEffect | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return "'fault' must be a JSON object";
  const r = input as Record<string, unknown>;
  if (r['reset'] === true) return { reset: true };
  if (r['delayMs'] !== undefined) {
    if (typeof r['delayMs'] !== 'number' || !(r['delayMs'] >= 0)) return "'delayMs' must be a number >= 0";
    return { delayMs: r['delayMs'] };
  }
  if (r['status'] !== undefined) {
    if (typeof r['status'] !== 'number' || !Number.isInteger(r['status']) || r['status'] < 100 || r['status'] > 599) {
      return "'status' must be an HTTP status code (100-599)";
    }
    if (r['retryAfter'] !== undefined && (typeof r['retryAfter'] !== 'number' || r['retryAfter'] < 0))
      return "'retryAfter' must be a number of seconds";
    if (r['body'] !== undefined && typeof r['body'] !== 'string') return "'body' must be a string";
    const effect: { status: number; retryAfter?: number; body?: string } = { status: r['status'] };
    if (typeof r['retryAfter'] === 'number') effect.retryAfter = r['retryAfter'];
    if (typeof r['body'] === 'string') effect.body = r['body'];
    return effect;
  }
  if (typeof r['body'] === 'string' && isBodyFault(r['body'])) return { body: r['body'] };
  return `a fault needs one of: status (100-599), delayMs (>= 0), body (${BODY_FAULTS.join(', ')}), reset: true`;
}

export function isBodyFault(value: string): value is BodyFault {
  return (BODY_FAULTS as readonly string[]).includes(value);
}

interface ArmedRule {
  rule: FaultRule;
  remaining: number;
}

export class FaultBook {
  private rules: ArmedRule[] = [];

  /** Throws on an invalid rule: a mistyped fault silently doing nothing would hide test bugs. */
  add(input: FaultRuleInput): FaultRule {
    const rule = normalizeFaultRule(input);
    if (typeof rule === 'string') throw new TypeError(`invalid fault rule: ${rule}`);
    this.rules.push({ rule, remaining: rule.count ?? 1 });
    return rule;
  }

  clear(): void {
    this.rules = [];
  }

  /** The first armed rule matching this request, consuming one use of it. */
  take(method: string, path: string): FaultRule | undefined {
    const armed = this.rules.find((a) => matches(a.rule, method, path));
    if (!armed) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.rules = this.rules.filter((a) => a !== armed);
    return armed.rule;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path.endsWith('*')) return path.startsWith(rule.path.slice(0, -1));
  return path === rule.path;
}
