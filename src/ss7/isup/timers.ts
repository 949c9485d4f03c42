// ISUP timers (Q.764 Annex A, Table A.1): one table with the spec's names, default, allowed range,
// unit and what starts and stops each (CONVENTIONS.md 2). Only the timers of the procedures built so
// far are listed (circuit group reset, Q.764 §2.9.3.2 / §2.10.3); call control timers (T1, T5, T7,
// T9, ...) come with call control. Q.764 gives ranges, not defaults: the defaults here are values
// inside the range, chosen as common practice.

export type IsupTimerKey = 'T22' | 'T23';

export interface IsupTimerDef {
  key: IsupTimerKey;
  /** Name in Q.764 Table A.1. */
  name: string;
  defaultMs: number;
  minMs: number;
  maxMs: number;
  /** Started / stopped by. */
  description: string;
  section: string;
}

export const ISUP_TIMERS: readonly IsupTimerDef[] = [
  {
    key: 'T22',
    name: 'T22',
    defaultMs: 30_000,
    minMs: 15_000,
    maxMs: 60_000,
    section: 'Q.764 §2.10.3.1, Table A.1',
    description: 'Started when a circuit group reset (GRS) is sent, stopped by its acknowledgement (GRA); on expiry the GRS is repeated and T22 restarted',
  },
  {
    key: 'T23',
    name: 'T23',
    defaultMs: 300_000,
    minMs: 300_000,
    maxMs: 900_000,
    section: 'Q.764 §2.10.3.1, Table A.1',
    description: 'Started when the first GRS of a group is sent, stopped by GRA; on expiry maintenance is alerted, T22 stops and the GRS is repeated every T23',
  },
];

export type IsupTimers = Record<IsupTimerKey, number>;

/** The table's defaults with overrides applied; an override outside the range throws RangeError
 *  unless `allowOutOfRange` (tests under a fake clock). */
export function resolveIsupTimers(overrides: Partial<Record<IsupTimerKey, number>> = {}, allowOutOfRange = false): IsupTimers {
  const out = {} as IsupTimers;
  for (const t of ISUP_TIMERS) {
    const v = overrides[t.key] ?? t.defaultMs;
    if (!allowOutOfRange && (!Number.isFinite(v) || v < t.minMs || v > t.maxMs)) {
      throw new RangeError(`ISUP timer ${t.key} must be ${t.minMs}-${t.maxMs} ms (${t.section}), got ${v}`);
    }
    out[t.key] = v;
  }
  return out;
}
