/** What the simulator received, for tests to assert on ("check what the simulator received"). */
export interface RequestLogEntry {
  seq: number;
  /** Real (not sim) epoch ms at arrival. */
  at: number;
  api: 'prime' | 'dispersed';
  method: string;
  path: string;
  /** Decoded, multi-valued: `?labels=a&labels=b` is `{ labels: ['a', 'b'] }`. */
  query: Record<string, string[]>;
  /** Whether a key was presented and matched; the key itself is never kept. */
  auth: 'none' | 'valid' | 'invalid';
  userAgent?: string;
  /** Status sent; 0 when the socket was reset by a fault. */
  status: number;
  /**
   * The parsed JSON body of a request to the one route that reads a body,
   * the bulk sandbox delete (`{sandbox_ids: [...], ...}`): what the
   * simulator received. Absent for every other request and for a body that
   * was empty, not JSON, or over the size limit.
   */
  body?: unknown;
  /** That request's `Content-Type`, as sent. */
  contentType?: string;
}

/** Enough for any test; a demo left running for days must not grow without bound. */
const MAX_ENTRIES = 20_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private nextSeq = 1;

  /** Sequence numbers are assigned at arrival, so they order requests as received. */
  takeSeq(): number {
    return this.nextSeq++;
  }

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  /** In arrival order: a slow request is recorded when answered, after ones that came later. */
  list(): RequestLogEntry[] {
    const byArrival = [...this.entries].sort((a, b) => a.seq - b.seq);
    return byArrival.map((e) => {
      const copy = { ...e, query: Object.fromEntries(Object.entries(e.query).map(([k, v]) => [k, [...v]])) };
      if (e.body !== undefined) copy.body = structuredClone(e.body);
      return copy;
    });
  }

  clear(): void {
    this.entries = [];
  }
}
