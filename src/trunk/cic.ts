// CIC <-> (span, timeslot) mapping (ARCHITECTURE.md "CIC mapping"): CIC = cicBase + timeslot, with
// cicBase = 32 x span index by default (span 0: CIC 1..15 -> TS1..15, CIC 17..31 -> TS17..31).
// Q.763 §3.1: the CIC is 12 bits in ITU ISUP.

export const MAX_CIC = 4095;

export function defaultCicBase(spanIndex: number): number {
  return 32 * spanIndex;
}

export class CicMap {
  constructor(
    readonly cicBase: number,
    /** Timeslots that carry circuits (bearer timeslots: 1..31 minus signalling timeslots). */
    readonly bearerTimeslots: readonly number[],
  ) {
    if (!Number.isInteger(cicBase) || cicBase < 0 || cicBase + 31 > MAX_CIC) {
      throw new RangeError(`cicBase ${cicBase} puts CICs outside 0-${MAX_CIC}`);
    }
  }

  /** The CIC of a bearer timeslot, or undefined if the timeslot carries no circuit. */
  cicOf(ts: number): number | undefined {
    return this.bearerTimeslots.includes(ts) ? this.cicBase + ts : undefined;
  }

  /** The bearer timeslot of a CIC on this span, or undefined. */
  timeslotOf(cic: number): number | undefined {
    const ts = cic - this.cicBase;
    return this.bearerTimeslots.includes(ts) ? ts : undefined;
  }

  /** All CICs of the span, in timeslot order. */
  cics(): number[] {
    return this.bearerTimeslots.map((ts) => this.cicBase + ts);
  }
}

/** Bearer timeslots of an E1 span: TS1..31 without the signalling ones (TS0 is framing). */
export function bearerTimeslots(signallingTimeslots: readonly number[]): number[] {
  const out: number[] = [];
  for (let ts = 1; ts <= 31; ts++) if (!signallingTimeslots.includes(ts)) out.push(ts);
  return out;
}
