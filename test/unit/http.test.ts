import { describe, expect, it } from 'vitest';
import { oneLine } from '../../src/api/errors.js';
import { checkBaseUrl, isLoopbackHost, retryAfterMs, toSearchParams } from '../../src/api/http/client.js';
import { fetchAllPages } from '../../src/api/lists/paginate.js';

describe('toSearchParams', () => {
  it('repeats list values and drops absent ones', () => {
    const params = toSearchParams({
      labels: ['a', 'b'],
      status: 'RUNNING',
      is_active: true,
      team_id: undefined,
      user_id: null,
      page: 2,
    });
    expect(params.toString()).toBe('labels=a&labels=b&status=RUNNING&is_active=true&page=2');
  });
});

describe('oneLine', () => {
  it('removes escape sequences and control characters, folds whitespace and hides secrets', () => {
    expect(oneLine('bad\u001b]0;pwned\u0007 key sk-secret-123\n\tthere\u001b[2J', ['sk-secret-123'])).toBe(
      'bad key *** there',
    );
  });
  it('caps the length', () => {
    expect(oneLine('x'.repeat(1000)).length).toBeLessThanOrEqual(240);
  });
});

describe('checkBaseUrl', () => {
  it('allows https anywhere and http only to loopback when a key is sent', () => {
    expect(checkBaseUrl('Prime Intellect', 'https://api.example.com', true).host).toBe('api.example.com');
    expect(() => checkBaseUrl('Prime Intellect', 'http://api.example.com', true)).toThrow(/plain http/);
    expect(checkBaseUrl('Prime Intellect', 'http://api.example.com', false).protocol).toBe('http:');
    expect(() => checkBaseUrl('Prime Intellect', 'ftp://x', false)).toThrow(/https/);
    expect(() => checkBaseUrl('Prime Intellect', 'https://user:pw@x.com', false)).toThrow(/credentials/);
  });
  it('knows the loopback hosts', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['10.0.0.1', 'localhost.evil.com', '128.0.0.1']) expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    const later = new Date(Date.now() + 10_000).toUTCString();
    expect(retryAfterMs(later)).toBeGreaterThan(8000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('fetchAllPages', () => {
  const items = Array.from({ length: 95 }, (_, i) => ({ id: `item-${i}` }));
  const pager = (serverMax: number) => {
    const calls: number[] = [];
    return {
      calls,
      fetchPage: async (index: number, pageSize: number) => {
        calls.push(index);
        const size = Math.min(pageSize, serverMax);
        return { items: items.slice(index * size, index * size + size), total: items.length, pageSize: size };
      },
    };
  };

  it('plans pages from the size the server actually used', async () => {
    const { calls, fetchPage } = pager(20);
    const result = await fetchAllPages({ fetchPage, pageSize: 50, getId: (i) => i.id });
    expect(result.items.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(calls.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    await fetchAllPages({
      pageSize: 5,
      concurrency: 3,
      getId: (i: { id: string }) => i.id,
      fetchPage: async (index, size) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight -= 1;
        return { items: items.slice(index * size, index * size + size), total: items.length, pageSize: size };
      },
    });
    expect(peak).toBe(3);
  });

  it('drops duplicates when the list shifts between pages', async () => {
    const result = await fetchAllPages({
      pageSize: 2,
      getId: (i: { id: string }) => i.id,
      fetchPage: async (index) => ({
        items: index === 0 ? [{ id: 'a' }, { id: 'b' }] : [{ id: 'b' }, { id: 'c' }],
        total: 4,
        pageSize: 2,
      }),
    });
    expect(result.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('reports truncation at the cap and sums skipped items', async () => {
    const { fetchPage } = pager(10);
    const result = await fetchAllPages({
      fetchPage: async (i: number, s: number) => ({ ...(await fetchPage(i, s)), skipped: 1 }),
      pageSize: 10,
      cap: 25,
      getId: (i) => i.id,
    });
    expect(result).toMatchObject({ total: 95, truncated: true, skipped: 3 });
    expect(result.items).toHaveLength(25);
  });
});
