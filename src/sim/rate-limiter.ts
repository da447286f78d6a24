/**
 * Sliding-window limit per token (the Prime docs' "List Sandboxes": "1000 requests per
 * 60 seconds per IP and token"; every client of this server shares one IP,
 * so per token is the same thing). Real time, not sim time: clients back off
 * in real seconds.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly realNow: () => number = Date.now,
  ) {}

  /** Records a hit and returns 0, or returns the seconds to wait when over the limit. */
  hit(token: string): number {
    const now = this.realNow();
    const recent = (this.hits.get(token) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(token, recent);
      const oldest = recent[0] ?? now;
      return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.hits.set(token, recent);
    return 0;
  }
}
