// MTP3 timers: one table with the spec's names, default, allowed range, unit and a line of
// description (CONVENTIONS.md 2). Q.704 §16.8 (timers of signalling network management) and Q.707
// §5.5 (signalling link test timers). Operators override values in config (ss7.timers.<key>, in ms);
// listed by `timerTable()`.

export interface TimerDef {
  /** Key in config (ss7.timers.<key>) and in logs. */
  key: Mtp3TimerKey;
  /** The Recommendation that defines it. */
  spec: 'Q.704' | 'Q.707';
  /** Its name there. */
  name: string;
  defaultMs: number;
  minMs: number;
  maxMs: number;
  description: string;
  /** Where it is used in this implementation. */
  section: string;
}

export type Mtp3TimerKey = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T10' | 'T17' | 'T21' | 'SLT_T1' | 'SLT_T2';

export const MTP3_TIMERS: readonly TimerDef[] = [
  { key: 'T1', spec: 'Q.704', name: 'T1', defaultMs: 800, minMs: 500, maxMs: 1200, section: '§5.6.2, §5.7', description: 'Delay to avoid message mis-sequencing on changeover (time-controlled changeover; not used yet, docs/mtp3.md)' },
  { key: 'T2', spec: 'Q.704', name: 'T2', defaultMs: 1400, minMs: 700, maxMs: 2000, section: '§5.7.2', description: 'Waiting for changeover acknowledgement (COA/ECA)' },
  { key: 'T3', spec: 'Q.704', name: 'T3', defaultMs: 800, minMs: 500, maxMs: 1200, section: '§6.4', description: 'Time-controlled diversion: delay to avoid mis-sequencing on changeback' },
  { key: 'T4', spec: 'Q.704', name: 'T4', defaultMs: 800, minMs: 500, maxMs: 1200, section: '§6.5', description: 'Waiting for changeback acknowledgement (first attempt)' },
  { key: 'T5', spec: 'Q.704', name: 'T5', defaultMs: 800, minMs: 500, maxMs: 1200, section: '§6.5', description: 'Waiting for changeback acknowledgement (second attempt)' },
  { key: 'T10', spec: 'Q.704', name: 'T10', defaultMs: 30000, minMs: 30000, maxMs: 60000, section: '§13.5', description: 'Waiting to repeat the signalling route set test message (RST) for a prohibited route' },
  { key: 'T17', spec: 'Q.704', name: 'T17', defaultMs: 1000, minMs: 800, maxMs: 1500, section: '§12.2', description: 'Delay to avoid oscillation of initial alignment failure and link restart' },
  { key: 'T21', spec: 'Q.704', name: 'T21', defaultMs: 64000, minMs: 63000, maxMs: 65000, section: '§9 (simplified)', description: 'Waiting for traffic restart allowed (TRA) from the adjacent point after its link set became available' },
  { key: 'SLT_T1', spec: 'Q.707', name: 'T1', defaultMs: 8000, minMs: 4000, maxMs: 12000, section: 'Q.707 §2.2', description: 'Supervision timer for the signalling link test acknowledgement (SLTA)' },
  { key: 'SLT_T2', spec: 'Q.707', name: 'T2', defaultMs: 60000, minMs: 30000, maxMs: 90000, section: 'Q.707 §2.2', description: 'Interval timer for sending periodic signalling link test messages (SLTM)' },
];

export type Mtp3Timers = Record<Mtp3TimerKey, number>;

export function defaultTimers(): Mtp3Timers {
  return Object.fromEntries(MTP3_TIMERS.map((t) => [t.key, t.defaultMs])) as Mtp3Timers;
}

export function timerDef(key: Mtp3TimerKey): TimerDef {
  return MTP3_TIMERS.find((t) => t.key === key) as TimerDef;
}

/** Defaults with overrides applied; an override outside the spec's range throws RangeError naming it.
 *  `allowOutOfRange` is for tests only. */
export function resolveTimers(overrides: Partial<Record<string, number>> = {}, allowOutOfRange = false): Mtp3Timers {
  const out = defaultTimers();
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined || v === null) continue;
    const def = MTP3_TIMERS.find((t) => t.key === k);
    if (!def) throw new RangeError(`unknown MTP3 timer ${k} (known: ${MTP3_TIMERS.map((t) => t.key).join(', ')})`);
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`timer ${k}: ${v} is not a positive number of ms`);
    if (!allowOutOfRange && (v < def.minMs || v > def.maxMs)) {
      throw new RangeError(`timer ${k} (${def.spec} ${def.name}): ${v} ms is outside ${def.minMs}-${def.maxMs} ms`);
    }
    out[def.key] = v;
  }
  return out;
}

/** The table as rows for the CLI / docs. */
export function timerTable(values: Mtp3Timers = defaultTimers()): string[][] {
  return MTP3_TIMERS.map((t) => [t.key, `${t.spec} ${t.name}`, `${values[t.key]} ms`, `${t.minMs}-${t.maxMs} ms`, t.description]);
}
