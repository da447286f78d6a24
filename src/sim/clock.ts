/**
 * Simulated time: real elapsed time scaled by a multiplier, plus whatever
 * `advance` added. A multiplier of 0 freezes the clock so only `advance`
 * moves it, which is what deterministic tests want.
 */
export class SimClock {
  private readonly realStart: number;
  private offset = 0;

  constructor(
    private readonly startTime: number,
    private readonly multiplier: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.realStart = realNow();
  }

  now(): number {
    const realElapsed = this.realNow() - this.realStart;
    return Math.floor(this.startTime + this.offset + realElapsed * this.multiplier);
  }

  advance(ms: number): void {
    this.offset += ms;
  }
}
