// Order SRV records for trying (RFC 2782 "Usage rules"; RFC 3263 §4.3 uses exactly this order): lowest
// priority first, and within one priority a weighted random order. The random source is injected so tests
// can check the distribution with a seeded generator.
import type { SrvRecord } from './dns.js';

/** A uniform random number in [0, 1). */
export type Rng = () => number;

/**
 * RFC 2782: "If there is precisely one SRV RR, and its Target is "." (the root domain), abort." — such a
 * record says the service is decidedly not available; we drop "." targets wherever they appear.
 *
 * "A client MUST attempt to contact the target host with the lowest-numbered priority it can reach".
 * Within a priority: "arrange all SRV RRs (that have not been ordered yet) in any order, except that all
 * those with weight 0 are placed at the beginning of the list. Compute the sum of the weights of those RRs,
 * and with each RR associate the running sum in the selected order. Then choose a uniform random number
 * between 0 and the sum computed (inclusive), and select the RR whose running sum value is the first in
 * the selected order which is greater than or equal to the random number selected. ... Continue the
 * ordering process until there are no unordered SRV RRs."
 */
export function orderSrv(records: readonly SrvRecord[], rng: Rng = Math.random): SrvRecord[] {
  const usable = records.filter((r) => r.name !== '.' && r.name !== '');
  const priorities = [...new Set(usable.map((r) => r.priority))].sort((a, b) => a - b);
  const out: SrvRecord[] = [];
  for (const p of priorities) {
    const left = usable.filter((r) => r.priority === p);
    left.sort((a, b) => (a.weight === 0 ? 0 : 1) - (b.weight === 0 ? 0 : 1));
    while (left.length > 0) {
      const sum = left.reduce((s, r) => s + r.weight, 0);
      // "between 0 and the sum (inclusive)": an integer in [0, sum].
      const pick = Math.min(sum, Math.floor(rng() * (sum + 1)));
      let running = 0;
      let idx = left.length - 1;
      for (let i = 0; i < left.length; i++) {
        running += (left[i] as SrvRecord).weight;
        if (running >= pick) {
          idx = i;
          break;
        }
      }
      out.push(left.splice(idx, 1)[0] as SrvRecord);
    }
  }
  return out;
}

/** A small seeded generator (mulberry32) for tests and reproducible runs. */
export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
