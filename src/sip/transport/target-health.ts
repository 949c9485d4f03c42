// Which located targets failed recently (RFC 3263 §4.3 failover memory across requests). A target that
// failed (transport error, timeout without response, 503) is tried after the others for a while, so every
// call does not wait for Timer B on a dead server first; a 503's Retry-After sets how long (RFC 3261
// §21.5.4: "the client ... SHOULD NOT retry the request to that server for the Retry-After duration").
// Down targets are moved to the end, never dropped: when all are down they are still tried, in order.
import type { Destination } from './types.js';

export interface TargetHealthOptions {
  /** How long a failed target stays at the end of the list, ms (0: no memory). */
  downMs: number;
  /** Most targets remembered (oldest forgotten first). */
  maxEntries?: number;
  now?: () => number;
}

function keyOf(t: Destination): string {
  return `${t.transport}|${t.address.toLowerCase()}|${t.port}`;
}

export class TargetHealth {
  private readonly down = new Map<string, number>();
  private readonly now: () => number;
  readonly counters = { 'sip.locate.marked_down': 0 };

  constructor(private readonly o: TargetHealthOptions) {
    this.now = o.now ?? Date.now;
  }

  /** Remember a failure; `ms` overrides the configured time (a 503's Retry-After). */
  markDown(t: Destination, ms: number = this.o.downMs): void {
    if (!(ms > 0)) return;
    const k = keyOf(t);
    this.down.delete(k);
    const max = this.o.maxEntries ?? 1000;
    while (this.down.size >= max) {
      const oldest = this.down.keys().next();
      if (oldest.done) break;
      this.down.delete(oldest.value);
    }
    this.down.set(k, this.now() + ms);
    this.counters['sip.locate.marked_down']++;
  }

  isDown(t: Destination): boolean {
    const k = keyOf(t);
    const until = this.down.get(k);
    if (until === undefined) return false;
    if (until <= this.now()) {
      this.down.delete(k);
      return false;
    }
    return true;
  }

  /** The targets with those that failed recently moved to the end (order otherwise kept). */
  order<T extends Destination>(targets: readonly T[]): T[] {
    const up = targets.filter((t) => !this.isDown(t));
    return up.length === targets.length ? [...targets] : [...up, ...targets.filter((t) => this.isDown(t))];
  }
}
