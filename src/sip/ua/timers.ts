// Timers of the UA core (not transaction timers): the 2xx retransmission of §13.3.1.4 and the wait
// for its ACK, and the re-INVITE glare back-off of §14.1. Same shape as the transaction timer table.
import type { BaseTimers } from '../transaction/timers.js';

export type UaTimerName = '2xx-retransmit' | '2xx-ack-wait' | 'glare-owner' | 'glare-other';

export interface UaTimerSpec {
  name: UaTimerName;
  derivation: string;
  unit: 'ms';
  section: string;
  description: string;
  /** Value (first interval for doubling timers); glare timers return [min, max]. */
  value(b: BaseTimers): number | [number, number];
}

export const UA_TIMER_TABLE: readonly UaTimerSpec[] = [
  {
    name: '2xx-retransmit',
    derivation: 'initially T1, doubles up to T2',
    unit: 'ms',
    section: 'RFC 3261 §13.3.1.4',
    description: 'retransmission interval of a 2xx to INVITE until its ACK arrives',
    value: (b) => b.T1,
  },
  {
    name: '2xx-ack-wait',
    derivation: '64*T1',
    unit: 'ms',
    section: 'RFC 3261 §13.3.1.4',
    description: 'no ACK for a 2xx within this time: the session is ended with BYE',
    value: (b) => 64 * b.T1,
  },
  {
    name: 'glare-owner',
    derivation: '2.1 s to 4 s, 10 ms units',
    unit: 'ms',
    section: 'RFC 3261 §14.1',
    description: 're-INVITE retry after 491 when this UA chose the Call-ID',
    value: () => [2100, 4000],
  },
  {
    name: 'glare-other',
    derivation: '0 s to 2 s, 10 ms units',
    unit: 'ms',
    section: 'RFC 3261 §14.1',
    description: 're-INVITE retry after 491 when the peer chose the Call-ID',
    value: () => [0, 2000],
  },
];

/** §14.1: "T has a randomly chosen value between 2.1 and 4 seconds in units of 10 ms" (owner), "0 and 2 seconds" (other). */
export function glareDelay(owner: boolean, rnd: () => number = Math.random): number {
  const [min, max] = owner ? [2100, 4000] : [0, 2000];
  return min + Math.floor((rnd() * (max - min)) / 10) * 10;
}
