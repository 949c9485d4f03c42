// A minimal ISUP user part (SI 5): circuit group reset only, so that ISUP crosses the signalling
// link in both directions between two signalling points. Call control (Q.764 §2.1-2.5), blocking and
// the per-circuit supervision state machines are a later issue (docs/ss7.md "What is missing").
//
// What it does (Q.764 §2.9.3.2 and §2.10.3, circuit group reset):
//  - MTP-RESUME for a destination whose circuits it knows: a GRS for every group of circuits
//    (contiguous CICs, at most 32 per GRS, Q.763 §3.43: range 1-31, range 0 is reserved for GRS), each
//    with T22 and T23 (timers.ts). T22 expiry repeats the GRS; T23 expiry alerts maintenance, stops
//    T22 and repeats the GRS every T23 (§2.10.3.1). A GRA with the same CIC and range stops both.
//  - MTP-PAUSE: no GRS is repeated while the destination is inaccessible (timers stopped); the next
//    MTP-RESUME starts the reset again.
//  - A received GRS is answered with GRA: same CIC and range, status bit 0 for every circuit ("not
//    blocked for maintenance reasons": this exchange blocks nothing yet). A GRS that names none of
//    the circuits known for its originating point is discarded and logged (Q.764 §2.12, unequipped
//    circuit, ITU option: no UCIC).
//  - Any other message is logged as isup.unexpected (no call control yet) and discarded.
// Events: isup.grsSent / isup.grsReceived / isup.graSent / isup.graReceived {opc, dpc, cic, range},
// isup.grsRepeated {timer}, isup.maintenanceAlert, isup.unexpected, isup.decodeError, isup.pause,
// isup.resume.
import { componentLogger, nullLogger, type Logger } from '../../log/logger.js';
import { realClock, type Clock, type TimerHandle } from '../mtp3/clock.js';
import type { MtpStatusIndication, MtpTransferIndication, MtpTransferRequest, MtpUser, TransferResult } from '../mtp3/primitives.js';
import { decodeIsup } from './decode.js';
import { encodeIsup } from './encode.js';
import { paramValue, type IsupMessage } from './message.js';
import { P } from './parameter-codes.js';
import { resolveIsupTimers, type IsupTimerKey, type IsupTimers } from './timers.js';

/** Service indicator of ISUP (Q.704 §14.2.1). */
export const SI_ISUP = 5;
const GRS = 0x17;
const GRA = 0x29;
/** Q.763 §3.43: a group supervision message affects at most 32 circuits. */
export const MAX_GROUP = 32;

/** A circuit group: `range + 1` circuits from `cic` on. */
export interface CircuitGroup {
  cic: number;
  range: number;
}

/** Splits CICs into GRS groups: runs of consecutive CICs, at most 32 circuits each. A lone circuit
 *  cannot be reset by GRS (range 0 is reserved) and is returned in `single` (reset by RSC, which
 *  comes with call control). */
export function circuitGroups(cics: readonly number[]): { groups: CircuitGroup[]; single: number[] } {
  const sorted = [...new Set(cics)].sort((a, b) => a - b);
  const groups: CircuitGroup[] = [];
  const single: number[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i] as number;
    let n = 1;
    while (i + n < sorted.length && sorted[i + n] === start + n && n < MAX_GROUP) n++;
    if (n === 1) single.push(start);
    else groups.push({ cic: start, range: n - 1 });
    i += n;
  }
  return { groups, single };
}

/** MTP-TRANSFER request, as Mtp3.transfer. */
export interface MtpTransfer {
  transfer(req: MtpTransferRequest): TransferResult;
}

export interface IsupUserPartOptions {
  pointCode: number;
  /** The circuits shared with each adjacent or remote point: DPC -> CICs. */
  circuits: ReadonlyMap<number, readonly number[]>;
  mtp: MtpTransfer;
  timers?: Partial<Record<IsupTimerKey, number>>;
  /** Tests: accept timer values outside Q.764's ranges. */
  allowTimersOutOfRange?: boolean;
  clock?: Clock;
  logger?: Logger;
}

interface PendingReset {
  dpc: number;
  group: CircuitGroup;
  t22?: TimerHandle;
  t23?: TimerHandle;
}

export class IsupUserPart implements MtpUser {
  readonly pointCode: number;
  readonly timers: IsupTimers;
  private readonly circuits: ReadonlyMap<number, readonly number[]>;
  private readonly mtp: MtpTransfer;
  private readonly clock: Clock;
  private readonly log: Logger;
  /** Outstanding GRS by "dpc:cic". */
  private readonly pending = new Map<string, PendingReset>();
  private stopped = false;

  constructor(opts: IsupUserPartOptions) {
    this.pointCode = opts.pointCode;
    this.circuits = opts.circuits;
    this.mtp = opts.mtp;
    this.clock = opts.clock ?? realClock;
    this.timers = resolveIsupTimers(opts.timers, opts.allowTimersOutOfRange);
    this.log = componentLogger(opts.logger ?? nullLogger(), 'isup', { pc: this.pointCode });
  }

  /** Outstanding circuit group resets (no GRA yet). */
  pendingResets(): { dpc: number; cic: number; range: number }[] {
    return [...this.pending.values()].map((p) => ({ dpc: p.dpc, ...p.group }));
  }

  /** Stops every timer; nothing is sent afterwards. */
  stop(): void {
    this.stopped = true;
    for (const p of this.pending.values()) this.cancel(p);
    this.pending.clear();
  }

  // ---- MTP primitives (MtpUser) ----

  resume(dpc: number): void {
    if (this.stopped) return;
    this.log.info({ event: 'isup.resume', destination: dpc }, `MTP-RESUME ${dpc}`);
    const cics = this.circuits.get(dpc);
    if (!cics || cics.length === 0) return;
    const { groups, single } = circuitGroups(cics);
    if (single.length > 0) {
      this.log.warn({ event: 'isup.notReset', dpc, cics: single }, 'lone circuits cannot be reset by GRS (RSC comes with call control)');
    }
    for (const g of groups) {
      const key = `${dpc}:${g.cic}`;
      const old = this.pending.get(key);
      if (old) this.cancel(old);
      const p: PendingReset = { dpc, group: g };
      this.pending.set(key, p);
      this.sendGrs(p, 'resume');
      p.t22 = this.clock.setTimeout(() => this.t22Expired(p), this.timers.T22);
      p.t23 = this.clock.setTimeout(() => this.t23Expired(p), this.timers.T23);
    }
  }

  pause(dpc: number): void {
    this.log.warn({ event: 'isup.pause', destination: dpc }, `MTP-PAUSE ${dpc}`);
    for (const [key, p] of this.pending) {
      if (p.dpc !== dpc) continue;
      this.cancel(p);
      this.pending.delete(key);
    }
  }

  status(ind: MtpStatusIndication): void {
    this.log.warn({ event: 'isup.mtpStatus', ...ind }, `MTP-STATUS ${ind.affectedDpc}: ${ind.cause}`);
  }

  transferIndication(ind: MtpTransferIndication): void {
    if (this.stopped) return;
    const r = decodeIsup(ind.data);
    if (!r.ok) {
      this.log.warn({ event: 'isup.decodeError', opc: ind.opc, error: r.error }, 'undecodable ISUP message discarded');
      return;
    }
    const m = r.value;
    switch (m.type) {
      case GRS:
        return this.grsReceived(ind, m);
      case GRA:
        return this.graReceived(ind, m);
      default:
        this.log.info(
          { event: 'isup.unexpected', opc: ind.opc, dpc: ind.dpc, cic: m.cic, type: m.acronym },
          `ISUP ${m.acronym} on CIC ${m.cic} discarded: no call control yet`,
        );
    }
  }

  // ---- circuit group reset ----

  private grsReceived(ind: MtpTransferIndication, m: IsupMessage): void {
    const rs = paramValue(m, P.rangeAndStatus, 'range-status');
    const range = rs?.range;
    const fields = { opc: ind.opc, dpc: ind.dpc, cic: m.cic, range };
    if (range === undefined || range < 1 || range >= MAX_GROUP) {
      // Q.763 §3.43: GRS range 1-31 (0 reserved); Q.764 §2.9.3.2: such a GRS is discarded.
      this.log.warn({ event: 'isup.unexpected', type: 'GRS', reason: `range ${range} outside 1-31`, ...fields }, 'GRS with a bad range discarded');
      return;
    }
    this.log.info({ event: 'isup.grsReceived', ...fields }, `GRS received for CIC ${m.cic}-${m.cic + range}`);
    const known = this.circuits.get(ind.opc) ?? [];
    const inGroup = known.filter((c) => c >= m.cic && c <= m.cic + range);
    if (inGroup.length === 0) {
      this.log.warn({ event: 'isup.unexpected', type: 'GRS', reason: 'no circuit of the range is equipped towards this point', ...fields }, 'GRS for unequipped circuits discarded');
      return;
    }
    // GRA: status bits 0 = "not blocked for maintenance reasons" (Q.763 §3.43 b), one per circuit.
    const status = new Uint8Array(Math.ceil((range + 1) / 8));
    if (this.send(ind.opc, { cic: m.cic, type: GRA, acronym: 'GRA', range, status })) {
      this.log.info({ event: 'isup.graSent', opc: this.pointCode, dpc: ind.opc, cic: m.cic, range }, `GRA sent for CIC ${m.cic}-${m.cic + range}`);
    }
  }

  private graReceived(ind: MtpTransferIndication, m: IsupMessage): void {
    const rs = paramValue(m, P.rangeAndStatus, 'range-status');
    const fields = { opc: ind.opc, dpc: ind.dpc, cic: m.cic, range: rs?.range };
    const key = `${ind.opc}:${m.cic}`;
    const p = this.pending.get(key);
    if (!p || !rs || rs.range !== p.group.range) {
      // Q.764 §2.10.3.1: an unexpected GRA (none outstanding, or another range) is discarded.
      this.log.warn({ event: 'isup.unexpected', type: 'GRA', reason: p ? `range ${rs?.range}, GRS had ${p.group.range}` : 'no GRS outstanding', ...fields }, 'unexpected GRA discarded');
      return;
    }
    this.cancel(p);
    this.pending.delete(key);
    const blocked: number[] = [];
    if (rs.status) for (let i = 0; i <= rs.range; i++) if (((rs.status[i >> 3] ?? 0) >> (i & 7)) & 1) blocked.push(m.cic + i);
    this.log.info({ event: 'isup.graReceived', ...fields, blocked }, `GRA received for CIC ${m.cic}-${m.cic + rs.range}`);
  }

  private t22Expired(p: PendingReset): void {
    p.t22 = undefined;
    this.sendGrs(p, 'T22');
    p.t22 = this.clock.setTimeout(() => this.t22Expired(p), this.timers.T22);
  }

  private t23Expired(p: PendingReset): void {
    p.t23 = undefined;
    p.t22?.cancel();
    p.t22 = undefined;
    this.log.error({ event: 'isup.maintenanceAlert', dpc: p.dpc, cic: p.group.cic, range: p.group.range, timer: 'T23' }, 'no GRA within T23: maintenance alerted');
    this.sendGrs(p, 'T23');
    p.t23 = this.clock.setTimeout(() => this.t23Expired(p), this.timers.T23);
  }

  private sendGrs(p: PendingReset, why: 'resume' | IsupTimerKey): void {
    const { cic, range } = p.group;
    if (!this.send(p.dpc, { cic, type: GRS, acronym: 'GRS', range })) return;
    const fields = { opc: this.pointCode, dpc: p.dpc, cic, range };
    if (why === 'resume') this.log.info({ event: 'isup.grsSent', ...fields }, `GRS sent for CIC ${cic}-${cic + range}`);
    else this.log.warn({ event: 'isup.grsSent', ...fields, repeated: why }, `GRS repeated on ${why} expiry for CIC ${cic}-${cic + range}`);
  }

  private send(dpc: number, msg: { cic: number; type: number; acronym: string; range: number; status?: Uint8Array }): boolean {
    const m: IsupMessage = {
      cic: msg.cic,
      cicSpare: 0,
      type: msg.type,
      acronym: msg.acronym,
      fixed: [],
      variable: [{ code: P.rangeAndStatus, name: 'Range and status', value: { kind: 'range-status', range: msg.range, status: msg.status } }],
    };
    const enc = encodeIsup(m);
    if (!enc.ok) {
      this.log.error({ event: 'isup.encodeError', type: msg.acronym, error: enc.error }, 'ISUP encode failed');
      return false;
    }
    // SLS = the 4 least significant bits of the CIC (Q.704 §2.2.3, Q.764 §2.2).
    const res = this.mtp.transfer({ dpc, sls: msg.cic & 0x0f, si: SI_ISUP, data: enc.value });
    if (res !== 'sent' && res !== 'queued') {
      this.log.warn({ event: 'isup.notSent', type: msg.acronym, dpc, cic: msg.cic, result: res }, `${msg.acronym} not sent: ${res}`);
      return false;
    }
    return true;
  }

  private cancel(p: PendingReset): void {
    p.t22?.cancel();
    p.t23?.cancel();
    p.t22 = p.t23 = undefined;
  }
}
