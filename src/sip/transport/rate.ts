// Per-source request rate limit: a fixed one-second window per source address. Cheap enough for every
// request; the table is swept at each window change so it never grows without bound.
export class SourceRateLimiter {
  private window = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly maxPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request from `source`; false when it is over the limit for the current second. */
  allow(source: string): boolean {
    const w = Math.floor(this.now() / 1000);
    if (w !== this.window) {
      this.window = w;
      this.counts = new Map();
    }
    const n = (this.counts.get(source) ?? 0) + 1;
    this.counts.set(source, n);
    return n <= this.maxPerSecond;
  }
}
