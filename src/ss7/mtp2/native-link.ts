// The Mtp2Link of ./link.ts on the native MTP2 (native/mtp2/, Q.703) running in the TDM engine as
// the "mtp2" signalling channel kind of one span timeslot (native/mtp2/mtp2_link.h). Commands go to
// the engine's real-time thread as channel commands; the link's events come back batched through
// the engine and are turned here into level 3 indications (Q.703 §1.5 / Fig. 3) and log lines.
//
// Lifecycle: the channel is opened by the constructor (the link is then out of service, sending
// SIOS) and closed by close(), which is idempotent; closing the span closes it too (no indication
// follows: level 3 learns about a dead span from the span's own alarms).
import type { Logger } from 'pino';
import type { ChannelEngineEvent, TdmEngine } from '../../native/engine.js';
import type { Mtp2TimerName } from '../../native/types/mtp2.js';
import { componentLogger } from '../../log/logger.js';
import type { Mtp2Indication, Mtp2IndicationHandler, Mtp2Link, Mtp2OutOfServiceReason } from './link.js';

/** ChannelCommand codes, as native/mtp2/mtp2_link.h LinkCommand. */
export const MTP2_COMMAND = {
  start: 1,
  stop: 2,
  emergency: 3,
  emergencyCeases: 4,
  transmit: 5,
  retrieveBsnt: 6,
  retrievalRequestAndFsnc: 7,
  clearBuffers: 8,
  localProcessorOutage: 9,
  localProcessorRecovered: 10,
  flowControl: 11,
} as const;

/** ChannelEvent code = MTP2_EVENT_CODE_BASE + index in MTP2_EVENT_KINDS (native/mtp2/events.h EventKind). */
export const MTP2_EVENT_CODE_BASE = 100;
export const MTP2_EVENT_KINDS = [
  'lsc',
  'iac',
  'in-service',
  'out-of-service',
  'remote-processor-outage',
  'remote-processor-recovered',
  'remote-congestion',
  'remote-congestion-ceased',
  'received',
  'bsnt',
  'bsnt-not-retrievable',
  'retrieved-message',
  'retrieval-complete',
  'retrieval-not-possible',
  'proving-aborted',
  'proving-started',
  'nack-sent',
  'retransmission',
  'tx-queue-full',
  'event-not-permitted',
] as const;
export type Mtp2EventKindName = (typeof MTP2_EVENT_KINDS)[number];

/** native/mtp2/events.h Cause, by value. */
export const MTP2_CAUSES = [
  'none',
  'l3-stop',
  'T1-expired',
  'T2-expired',
  'T3-expired',
  'proving-failed',
  'rx-SIOS',
  'rx-SIO',
  'rx-SIN',
  'rx-SIE',
  'suerm-threshold',
  'abnormal-BSN',
  'abnormal-FIB',
  'T7-expired',
  'T6-expired',
] as const;
export type Mtp2CauseName = (typeof MTP2_CAUSES)[number];

/** native/mtp2/events.h LscState (Fig. 8/Q.703), by value. */
export const MTP2_LSC_STATES = [
  'POWER_OFF',
  'OUT_OF_SERVICE',
  'INITIAL_ALIGNMENT',
  'ALIGNED_READY',
  'ALIGNED_NOT_READY',
  'IN_SERVICE',
  'PROCESSOR_OUTAGE',
] as const;
export type Mtp2LscState = (typeof MTP2_LSC_STATES)[number];
/** native/mtp2/events.h IacState (Fig. 9/Q.703), by value. */
export const MTP2_IAC_STATES = ['IDLE', 'NOT_ALIGNED', 'ALIGNED', 'PROVING'] as const;

/** Q.703 §12.3 ranges at 64 kbit/s (native/mtp2/timers.h; a unit test checks they agree). */
export const MTP2_TIMERS_MS: Record<Mtp2TimerName, { defaultMs: number; minMs: number; maxMs: number }> = {
  T1: { defaultMs: 45000, minMs: 40000, maxMs: 50000 },
  T2: { defaultMs: 11500, minMs: 5000, maxMs: 150000 },
  T3: { defaultMs: 1500, minMs: 1000, maxMs: 2000 },
  T4n: { defaultMs: 8200, minMs: 7500, maxMs: 9500 },
  T4e: { defaultMs: 500, minMs: 400, maxMs: 600 },
  T5: { defaultMs: 100, minMs: 80, maxMs: 120 },
  T6: { defaultMs: 5000, minMs: 3000, maxMs: 6000 },
  T7: { defaultMs: 1000, minMs: 500, maxMs: 2000 },
};

/** Throws RangeError naming the timer when an override lies outside Q.703's range. */
export function checkMtp2Timers(timersMs: Partial<Record<Mtp2TimerName, number>>): void {
  for (const [name, v] of Object.entries(timersMs) as [Mtp2TimerName, number][]) {
    const r = MTP2_TIMERS_MS[name];
    if (!r) throw new RangeError(`unknown MTP2 timer ${name}`);
    if (typeof v !== 'number' || !(v >= r.minMs && v <= r.maxMs)) {
      throw new RangeError(`MTP2 timer ${name} must be ${r.minMs}-${r.maxMs} ms (Q.703 §12.3), got ${v}`);
    }
  }
}

/** Level 2 cause -> the out-of-service reason of link.ts (cause 'l3-stop' gives no indication). */
export function outOfServiceReason(cause: Mtp2CauseName, during: Mtp2LscState): Mtp2OutOfServiceReason | null {
  switch (cause) {
    case 'none':
    case 'l3-stop':
      return null;
    case 'T1-expired':
    case 'T2-expired':
    case 'T3-expired':
    case 'proving-failed':
      return 'alignmentNotPossible';
    case 'rx-SIOS':
      return during === 'INITIAL_ALIGNMENT' ? 'alignmentNotPossible' : 'receivedSios';
    case 'rx-SIO':
      return 'receivedSio';
    case 'rx-SIN':
    case 'rx-SIE':
      return 'receivedSinSie';
    case 'suerm-threshold':
      return 'excessiveErrorRate';
    case 'abnormal-BSN':
      return 'abnormalBsn';
    case 'abnormal-FIB':
      return 'abnormalFib';
    case 'T7-expired':
      return 'excessiveDelayOfAck';
    case 'T6-expired':
      return 'excessiveCongestion';
  }
}

/** One decoded native MTP2 event. */
export interface Mtp2NativeEvent {
  kind: Mtp2EventKindName;
  value: number;
  from: number;
  to: number;
  cause: Mtp2CauseName;
  data: Buffer;
}

export function decodeMtp2Event(e: { code: number; a: number; b: number; data: Buffer }): Mtp2NativeEvent | null {
  const kind = MTP2_EVENT_KINDS[e.code - MTP2_EVENT_CODE_BASE];
  if (kind === undefined) return null;
  return {
    kind,
    value: e.a,
    from: e.b & 0xff,
    to: (e.b >> 8) & 0xff,
    cause: MTP2_CAUSES[(e.b >> 16) & 0xff] ?? 'none',
    data: e.data,
  };
}

export interface NativeMtp2LinkOptions {
  /** Link name for logs and events, e.g. "e1-0/16". */
  name: string;
  /** Q.703 §12.3 timer overrides in ms (validated against the Q.703 ranges by the config layer). */
  timersMs?: Partial<Record<Mtp2TimerName, number>>;
  /** Emergency proving from the first alignment on. */
  emergency?: boolean;
  /** Accept timer values outside Q.703's ranges (tests, labs). */
  allowNonStandardTimers?: boolean;
  logger: Logger;
}

export const MIN_MSU_OCTETS = 3; // SIO + SIF of at least 2 octets (Q.703 §2.3.8)
export const MAX_MSU_OCTETS = 273; // SIO + SIF of at most 272 octets

export class NativeMtp2Link implements Mtp2Link {
  readonly name: string;
  private readonly handle: number;
  private handler: Mtp2IndicationHandler = () => {};
  private readonly log: Logger;
  private lsc: Mtp2LscState = 'OUT_OF_SERVICE';
  private prevLsc: Mtp2LscState = 'OUT_OF_SERVICE';
  private isClosed = false;
  /** An outOfService has been delivered since the last alignment began (one per failure). */
  private oosIndicated = false;

  constructor(
    private readonly engine: TdmEngine,
    span: number,
    readonly timeslot: number,
    opts: NativeMtp2LinkOptions,
  ) {
    this.name = opts.name;
    this.log = componentLogger(opts.logger, 'mtp2', { link: opts.name });
    if (!opts.allowNonStandardTimers) checkMtp2Timers(opts.timersMs ?? {});
    const options: Record<string, number | boolean> = { ...opts.timersMs };
    if (opts.emergency) options.emergency = true;
    this.handle = engine.openChannel(span, timeslot, 'mtp2', options, (e) => this.onEngineEvent(e));
  }

  /** Link state control state (Fig. 8/Q.703) as last reported by the native link. */
  get state(): Mtp2LscState {
    return this.lsc;
  }
  get closed(): boolean {
    return this.isClosed;
  }

  setIndicationHandler(handler: Mtp2IndicationHandler): void {
    this.handler = handler;
  }

  start(): void {
    this.cmd(MTP2_COMMAND.start);
  }
  stop(): void {
    this.cmd(MTP2_COMMAND.stop);
  }
  emergency(): void {
    this.cmd(MTP2_COMMAND.emergency);
  }
  emergencyCeases(): void {
    this.cmd(MTP2_COMMAND.emergencyCeases);
  }
  transmit(msu: Buffer): void {
    if (msu.length < MIN_MSU_OCTETS || msu.length > MAX_MSU_OCTETS) {
      throw new TypeError(`an MSU is ${MIN_MSU_OCTETS}-${MAX_MSU_OCTETS} octets (SIO + SIF), got ${msu.length}`);
    }
    this.cmd(MTP2_COMMAND.transmit, 0, msu);
  }
  retrieveBsnt(): void {
    this.cmd(MTP2_COMMAND.retrieveBsnt);
  }
  retrievalRequestAndFsnc(fsnc: number): void {
    if (!Number.isInteger(fsnc) || fsnc < 0 || fsnc > 127) throw new TypeError(`FSNC must be 0-127, got ${fsnc}`);
    this.cmd(MTP2_COMMAND.retrievalRequestAndFsnc, fsnc);
  }
  clearBuffers(): void {
    this.cmd(MTP2_COMMAND.clearBuffers);
  }
  localProcessorOutage(): void {
    this.cmd(MTP2_COMMAND.localProcessorOutage);
  }
  localProcessorRecovered(): void {
    this.cmd(MTP2_COMMAND.localProcessorRecovered);
  }
  flowControl(receiveCongested: boolean): void {
    this.cmd(MTP2_COMMAND.flowControl, receiveCongested ? 1 : 0);
  }

  /**
   * Level 1 failed under the link (span alarm LOS/LOF/AIS, or the span is being stopped): if the link
   * is not out of service, stop it (buffers are kept for retrieval) and tell level 3
   * outOfService('level1Failure') — after every event already produced by the engine, and never from
   * inside this call (link.ts contract 2). Without it an all-ones line still ends the link through
   * octet counting and SUERM (~126 ms), with reason excessiveErrorRate.
   */
  level1Failure(): void {
    if (this.isClosed || this.lsc === 'OUT_OF_SERVICE' || this.lsc === 'POWER_OFF') return;
    this.cmd(MTP2_COMMAND.stop);
    queueMicrotask(() => {
      if (!this.engine.closed) this.engine.flushEvents();
      if (this.oosIndicated) return;
      this.oosIndicated = true;
      this.lsc = 'OUT_OF_SERVICE';
      this.log.warn({ event: 'mtp2.outOfService', cause: 'level1', reason: 'level1Failure' }, 'MTP2 out of service: level 1 failure');
      this.deliver({ kind: 'outOfService', reason: 'level1Failure' });
    });
  }

  /** The link's counters (mtp2.*) as last published by the engine thread (once per tick). */
  counters(): Record<string, number> {
    if (this.isClosed || this.engine.closed) return {};
    return this.engine.channelCounters(this.handle);
  }

  /** Closes the engine channel. Idempotent; no indication follows. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    if (!this.engine.closed) {
      try {
        this.engine.closeChannel(this.handle);
      } catch {
        // the span was removed first and took the channel with it
      }
    }
  }

  private cmd(code: number, a = 0, data?: Uint8Array): void {
    if (this.isClosed || this.engine.closed) {
      this.log.warn({ event: 'mtp2.commandIgnored', code }, 'command to a closed MTP2 link ignored');
      return;
    }
    this.engine.channelCommand(this.handle, code, a, 0, data);
  }

  private deliver(ind: Mtp2Indication): void {
    this.handler(ind);
  }

  private onEngineEvent(raw: ChannelEngineEvent): void {
    if (raw.type !== 'channel') return;
    const e = decodeMtp2Event(raw);
    if (!e) return;
    switch (e.kind) {
      case 'lsc': {
        const from = MTP2_LSC_STATES[e.from] ?? 'OUT_OF_SERVICE';
        const to = MTP2_LSC_STATES[e.to] ?? 'OUT_OF_SERVICE';
        this.prevLsc = from;
        this.lsc = to;
        if (to === 'INITIAL_ALIGNMENT') this.oosIndicated = false;
        this.log.info({ event: 'mtp2.state', from, to, cause: e.cause }, `MTP2 ${from} -> ${to}`);
        return;
      }
      case 'iac':
        this.log.debug(
          { event: 'mtp2.alignment', from: MTP2_IAC_STATES[e.from], to: MTP2_IAC_STATES[e.to] },
          'initial alignment state',
        );
        return;
      case 'in-service':
        return this.deliver({ kind: 'inService' });
      case 'out-of-service': {
        const reason = outOfServiceReason(e.cause, this.prevLsc);
        this.log.warn({ event: 'mtp2.outOfService', cause: e.cause, reason }, `MTP2 out of service: ${e.cause}`);
        if (reason && !this.oosIndicated) {
          this.oosIndicated = true;
          this.deliver({ kind: 'outOfService', reason });
        }
        return;
      }
      case 'remote-processor-outage':
        return this.deliver({ kind: 'remoteProcessorOutage' });
      case 'remote-processor-recovered':
        return this.deliver({ kind: 'remoteProcessorRecovered' });
      case 'remote-congestion':
        return this.deliver({ kind: 'congestionOnset' });
      case 'remote-congestion-ceased':
        return this.deliver({ kind: 'congestionAbatement' });
      case 'received':
        return this.deliver({ kind: 'received', msu: e.data });
      case 'bsnt':
        return this.deliver({ kind: 'bsnt', value: e.value });
      case 'bsnt-not-retrievable':
        return this.deliver({ kind: 'bsntNotRetrievable' });
      case 'retrieved-message':
        return this.deliver({ kind: 'retrievedMessage', msu: e.data });
      case 'retrieval-complete':
        return this.deliver({ kind: 'retrievalComplete' });
      case 'retrieval-not-possible':
        return this.deliver({ kind: 'retrievalNotPossible' });
      case 'proving-aborted':
        this.log.info({ event: 'mtp2.provingAborted', attempt: e.value }, 'proving aborted by the AERM');
        return;
      case 'proving-started':
        this.log.debug({ event: 'mtp2.provingStarted', emergency: e.value === 1 }, 'proving started');
        return;
      case 'nack-sent':
      case 'retransmission':
        this.log.debug({ event: `mtp2.${e.kind}`, value: e.value }, e.kind);
        return;
      case 'tx-queue-full':
        this.log.warn({ event: 'mtp2.txQueueFull' }, 'MTP2 transmission buffer full: MSU refused');
        return;
      case 'event-not-permitted':
        this.log.warn(
          { event: 'mtp2.eventNotPermitted', command: e.value, state: MTP2_LSC_STATES[e.from] },
          `MTP2 command ${e.value} not permitted in state ${MTP2_LSC_STATES[e.from]}`,
        );
        return;
    }
  }
}
