// The timer service the transaction manager runs on: the real one (setTimeout) in the product, a fake
// clock in tests (advance by hand, timers fire in deadline order). Expiry is only an event fed to the
// machine (CONVENTIONS.md 2); there is no polling loop.

export interface TimerHandle {
  readonly id: number;
}

export interface TimerService {
  now(): number;
  set(ms: number, fn: () => void): TimerHandle;
  clear(h: TimerHandle): void;
}

export function realTimerService(): TimerService {
  const live = new Map<number, NodeJS.Timeout>();
  let next = 1;
  return {
    now: () => Date.now(),
    set(ms, fn) {
      const id = next++;
      const t = setTimeout(() => {
        live.delete(id);
        fn();
      }, ms);
      t.unref?.();
      live.set(id, t);
      return { id };
    },
    clear(h) {
      const t = live.get(h.id);
      if (t) {
        clearTimeout(t);
        live.delete(h.id);
      }
    },
  };
}

interface FakeTimer {
  id: number;
  at: number;
  seq: number;
  fn: () => void;
}

/** A manual clock: `advance(ms)` fires every timer due, in order of deadline then creation. */
export class FakeClock implements TimerService {
  private t = 0;
  private seq = 0;
  private nextId = 1;
  private readonly timers = new Map<number, FakeTimer>();

  now(): number {
    return this.t;
  }

  set(ms: number, fn: () => void): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.t + Math.max(0, ms), seq: this.seq++, fn });
    return { id };
  }

  clear(h: TimerHandle): void {
    this.timers.delete(h.id);
  }

  /** Number of timers pending. */
  get pending(): number {
    return this.timers.size;
  }

  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let due: FakeTimer | undefined;
      for (const x of this.timers.values()) {
        if (x.at <= end && (!due || x.at < due.at || (x.at === due.at && x.seq < due.seq))) due = x;
      }
      if (!due) break;
      this.timers.delete(due.id);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
}
