// RFC 3261 §17 transaction timers (Table 4 of RFC 3261 §A) and RFC 6026 §8.4 Timers L and M: one table
// with the spec's names, defaults, derivation from T1/T2/T4, unit and description. Every duration a
// transaction uses comes from `deriveTimers`; nothing else holds a timer constant.

/** The base timers of RFC 3261 §17.1.1.1 and Table 4, in milliseconds. */
export interface BaseTimers {
  /** RTT estimate, default 500 ms (§17.1.1.1). */
  T1: number;
  /** Maximum retransmit interval for non-INVITE requests and INVITE responses, default 4 s. */
  T2: number;
  /** Maximum duration a message will remain in the network, default 5 s. */
  T4: number;
}

export const DEFAULT_BASE_TIMERS: BaseTimers = { T1: 500, T2: 4000, T4: 5000 };

export type TimerName = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M';

export interface TimerSpec {
  name: TimerName;
  /** What the spec says the value is. */
  derivation: string;
  /** Default value over an unreliable transport (ms). */
  defaultMs: number;
  unit: 'ms';
  /** Value for the given base timers and transport (ms); for doubling timers, the first interval. */
  value(base: BaseTimers, reliable: boolean): number;
  section: string;
  description: string;
}

/** RFC 3261 Table 4 (Appendix A) plus RFC 6026 §8.4. Timer C (proxy INVITE) is listed for completeness. */
export const TIMER_TABLE: readonly TimerSpec[] = [
  {
    name: 'A',
    derivation: 'initially T1, doubles',
    defaultMs: 500,
    unit: 'ms',
    value: (b) => b.T1,
    section: 'RFC 3261 §17.1.1.2',
    description: 'INVITE request retransmit interval, for UDP only',
  },
  {
    name: 'B',
    derivation: '64*T1',
    defaultMs: 32000,
    unit: 'ms',
    value: (b) => 64 * b.T1,
    section: 'RFC 3261 §17.1.1.2',
    description: 'INVITE transaction timeout timer',
  },
  {
    name: 'C',
    derivation: '> 3 min',
    defaultMs: 180000,
    unit: 'ms',
    value: () => 180000,
    section: 'RFC 3261 §16.6 bullet 11',
    description: 'proxy INVITE transaction timeout (not used by a UA)',
  },
  {
    name: 'D',
    derivation: '> 32 s for UDP, 0 s for TCP/SCTP',
    defaultMs: 32000,
    unit: 'ms',
    value: (b, r) => (r ? 0 : Math.max(32000, 64 * b.T1)),
    section: 'RFC 3261 §17.1.1.2',
    description: 'Wait time for response retransmits',
  },
  {
    name: 'E',
    derivation: 'initially T1, doubles up to T2',
    defaultMs: 500,
    unit: 'ms',
    value: (b) => b.T1,
    section: 'RFC 3261 §17.1.2.2',
    description: 'non-INVITE request retransmit interval, UDP only',
  },
  {
    name: 'F',
    derivation: '64*T1',
    defaultMs: 32000,
    unit: 'ms',
    value: (b) => 64 * b.T1,
    section: 'RFC 3261 §17.1.2.2',
    description: 'non-INVITE transaction timeout timer',
  },
  {
    name: 'G',
    derivation: 'initially T1, doubles up to T2',
    defaultMs: 500,
    unit: 'ms',
    value: (b) => b.T1,
    section: 'RFC 3261 §17.2.1',
    description: 'INVITE response retransmit interval',
  },
  {
    name: 'H',
    derivation: '64*T1',
    defaultMs: 32000,
    unit: 'ms',
    value: (b) => 64 * b.T1,
    section: 'RFC 3261 §17.2.1',
    description: 'Wait time for ACK receipt',
  },
  {
    name: 'I',
    derivation: 'T4 for UDP, 0 s for TCP/SCTP',
    defaultMs: 5000,
    unit: 'ms',
    value: (b, r) => (r ? 0 : b.T4),
    section: 'RFC 3261 §17.2.1',
    description: 'Wait time for ACK retransmits',
  },
  {
    name: 'J',
    derivation: '64*T1 for UDP, 0 s for TCP/SCTP',
    defaultMs: 32000,
    unit: 'ms',
    value: (b, r) => (r ? 0 : 64 * b.T1),
    section: 'RFC 3261 §17.2.2',
    description: 'Wait time for non-INVITE request retransmits',
  },
  {
    name: 'K',
    derivation: 'T4 for UDP, 0 s for TCP/SCTP',
    defaultMs: 5000,
    unit: 'ms',
    value: (b, r) => (r ? 0 : b.T4),
    section: 'RFC 3261 §17.1.2.2',
    description: 'Wait time for response retransmits',
  },
  {
    name: 'L',
    derivation: '64*T1',
    defaultMs: 32000,
    unit: 'ms',
    value: (b) => 64 * b.T1,
    section: 'RFC 6026 §8.7',
    description: 'Wait time for accepted INVITE request retransmits (server, Accepted state)',
  },
  {
    name: 'M',
    derivation: '64*T1',
    defaultMs: 32000,
    unit: 'ms',
    value: (b) => 64 * b.T1,
    section: 'RFC 6026 §8.4',
    description:
      'Wait time for retransmission of 2xx to INVITE or additional 2xx from other branches of a forked INVITE (client, Accepted state)',
  },
];

export type TimerValues = Record<TimerName, number> & BaseTimers;

const BY_NAME = new Map(TIMER_TABLE.map((t) => [t.name, t]));

export function timerSpec(name: TimerName): TimerSpec {
  const spec = BY_NAME.get(name);
  if (!spec) throw new RangeError(`unknown SIP timer ${name}`);
  return spec;
}

/** All timer values for one transaction, from the base timers and whether the transport is reliable. */
export function deriveTimers(base: BaseTimers, reliable: boolean): TimerValues {
  const out = { ...base } as TimerValues;
  for (const t of TIMER_TABLE) out[t.name] = t.value(base, reliable);
  return out;
}

/** Checks the base timers (T1 > 0, T2 >= T1, T4 > 0); throws RangeError naming the timer. */
export function checkBaseTimers(b: BaseTimers): void {
  if (!(Number.isInteger(b.T1) && b.T1 > 0)) throw new RangeError('T1 must be a positive integer (ms)');
  if (!(Number.isInteger(b.T2) && b.T2 >= b.T1)) throw new RangeError('T2 must be an integer >= T1 (ms)');
  if (!(Number.isInteger(b.T4) && b.T4 > 0)) throw new RangeError('T4 must be a positive integer (ms)');
}
