import type { ErrorDetail } from './responses.js';

/**
 * Reads and validates query parameters, collecting every problem (as FastAPI
 * does) instead of stopping at the first, so a 422 lists them all.
 */
export class QueryReader {
  readonly errors: ErrorDetail[] = [];

  constructor(readonly params: URLSearchParams) {}

  private fail(param: string, details: string): undefined {
    this.errors.push({ param, details });
    return undefined;
  }

  /** Last value wins for scalar parameters, like most servers. */
  string(name: string): string | undefined {
    const all = this.params.getAll(name);
    return all.length ? all[all.length - 1] : undefined;
  }

  strings(name: string): string[] {
    return this.params.getAll(name);
  }

  int(name: string, options: { default: number; min?: number; max?: number }): number {
    const raw = this.string(name);
    if (raw === undefined) return options.default;
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(Number(raw))) {
      this.fail(name, 'Input should be a valid integer');
      return options.default;
    }
    const value = Number(raw);
    if (options.min !== undefined && value < options.min) {
      this.fail(name, `Input should be greater than or equal to ${options.min}`);
      return options.default;
    }
    if (options.max !== undefined && value > options.max) {
      this.fail(name, `Input should be less than or equal to ${options.max}`);
      return options.default;
    }
    return value;
  }

  /**
   * Booleans as pydantic parses them (the Prime server is FastAPI), case-insensitive.
   */
  bool(name: string): boolean | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const v = raw.trim().toLowerCase();
    if (['true', '1', 'yes', 'on', 't', 'y'].includes(v)) return true;
    if (['false', '0', 'no', 'off', 'f', 'n'].includes(v)) return false;
    return this.fail(name, 'Input should be a valid boolean');
  }

  oneOf(name: string, allowed: readonly string[]): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    if (!allowed.includes(raw)) return this.fail(name, `Input should be ${describeChoices(allowed)}`);
    return raw;
  }

  /** A comma-separated list whose every item must be one of `allowed`. */
  listOf(name: string, allowed: readonly string[]): string[] | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const items = raw.split(',').map((s) => s.trim());
    const bad = items.filter((i) => !allowed.includes(i));
    if (bad.length > 0 || items.length === 0)
      return this.fail(name, `Each value should be ${describeChoices(allowed)}; got '${bad.join(',')}'`);
    return items;
  }

  /** `from,to` date range; either side may be empty. A date-only `to` includes that whole day. */
  dateRange(name: string): { from: number; to: number } | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const parts = raw.split(',');
    if (parts.length !== 2) return this.fail(name, "Expected 'from,to', e.g. '2023-01-01,2024-01-01'");
    const [fromRaw = '', toRaw = ''] = parts.map((p) => p.trim());
    const from = fromRaw === '' ? -Infinity : Date.parse(fromRaw);
    let to = toRaw === '' ? Infinity : Date.parse(toRaw);
    if (Number.isNaN(from) || Number.isNaN(to) || (fromRaw === '' && toRaw === '')) {
      return this.fail(name, "Expected 'from,to' with ISO 8601 dates, e.g. '2023-01-01,2024-01-01'");
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(toRaw)) to += 24 * 60 * 60 * 1000 - 1;
    if (from > to) return this.fail(name, "'from' must not be after 'to'");
    return { from, to };
  }
}

function describeChoices(allowed: readonly string[]): string {
  return allowed.map((a) => `'${a}'`).join(', ');
}
