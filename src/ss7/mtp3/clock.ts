// Time for MTP3 and the fake MTP2 link: a small clock interface, the real one (setTimeout), and a
// fake one for tests (CONVENTIONS.md 16: state machines and timers tested under a fake clock). Timers
// are one-shot; a timer's expiry is just another event for the state machine that started it.

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Calls fn once after ms milliseconds (0: as soon as possible, after the current call returns). */
  setTimeout(fn: () => void, ms: number): TimerHandle;
}

/** The process clock (performance.now and setTimeout). */
export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

interface FakeTimer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A deterministic clock: time moves only through advance(); callbacks due at the same time run in
 *  the order they were scheduled. */
export class FakeClock implements Clock {
  private t = 0;
  private seq = 0;
  private timers: FakeTimer[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: FakeTimer = { at: this.t + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Runs everything due within the next ms milliseconds, moving time to each callback's due time. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.nextDue(end);
      if (!next) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.t = next.at;
      if (!next.cancelled) next.fn();
    }
    this.t = end;
  }

  /** Runs what is due now (zero-delay callbacks), without moving time. */
  flush(): void {
    this.advance(0);
  }

  /** Number of live (not cancelled) timers. */
  pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  private nextDue(end: number): FakeTimer | undefined {
    let best: FakeTimer | undefined;
    for (const t of this.timers) {
      if (t.at > end) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
