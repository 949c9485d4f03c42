// An in-memory MTP2 link pair for tests of MTP3 (and anything above it), implementing the Mtp2Link
// contract of ./link.ts with a controllable clock. It models what matters to level 3 honestly:
//  - alignment (both ends must start; it completes `alignMs` after the later start, fails after
//    `alignTimeoutMs` when the far end does not start or the wire is cut);
//  - sequence numbers: every MSU gets an FSN (7 bits) and stays in the retransmission buffer (RTB, max
//    127, the rest waits in the transmission buffer) until the far end's acknowledgement comes back, one
//    propagation delay after the far end accepted it. Cutting the wire loses what is in flight;
//  - BSNT = FSN of the last MSU this end accepted; retrieval drops acknowledged MSUs (FSN up to FSNC) and
//    hands back the rest in order (Q.703 §1.5 / Q.704 §5.3 buffer updating);
//  - failure: cutWire() (both ends see level 1 failure) or fail(end, reason) (one end; the other sees SIOS).
// Not modelled: octet timing / bandwidth, FISU/LSSU exchange, error-rate monitors (that is native MTP2).

import type { Clock } from '../mtp3/clock.js';
import type { Mtp2Indication, Mtp2IndicationHandler, Mtp2Link, Mtp2OutOfServiceReason } from './link.js';

export interface FakeLinkOptions {
  /** One-way delay of a signal unit on the wire, ms. */
  propagationMs?: number;
  /** Time from both ends started to in service, ms. */
  alignMs?: number;
  /** Alignment not possible after this long without success, ms (Q.703 T2-like). */
  alignTimeoutMs?: number;
  /** Sees every MSU as it goes on the wire (for transcripts). */
  tap?: (from: FakeMtp2Link, msu: Buffer, fsn: number) => void;
  /** Test knob: MSUs for which this returns true are dropped at transmit(), as if level 3 had never
   *  sent them (a far end that does not answer). */
  dropTx?: (from: FakeMtp2Link, msu: Buffer) => boolean;
}

type L2State = 'outOfService' | 'aligning' | 'inService';

interface Sent {
  fsn: number;
  msu: Buffer;
}

export interface FakeLinkCounters {
  msuTx: number;
  msuRx: number;
  discarded: number;
  lostInFlight: number;
}

export class FakeMtp2Link implements Mtp2Link {
  peer!: FakeMtp2Link;
  private handler: Mtp2IndicationHandler = () => {};
  private state: L2State = 'outOfService';
  private emergencyMode = false;
  private startedAt = 0;
  private alignTimer: { cancel(): void } | null = null;
  private fsnLast = 127; // FSN of the last MSU sent (Q.703 §5.2: starts at 127)
  private fsnAccepted = 127; // FSN of the last MSU accepted from the far end (BSNT)
  private rtb: Sent[] = [];
  private tb: Buffer[] = [];
  /** Incremented on every in-service period: stale deliveries of a previous period are dropped. */
  private epoch = 0;
  private bsntRetrievable = true;
  /** Out of service after having been in service, buffers not yet cleared or retrieved (contract 4/5). */
  private keepingBuffers = false;
  readonly counters: FakeLinkCounters = { msuTx: 0, msuRx: 0, discarded: 0, lostInFlight: 0 };
  /** Every command level 3 gave, for assertions ("start", "retrieveBsnt", ...). */
  readonly commands: string[] = [];

  constructor(
    readonly name: string,
    private readonly clock: Clock,
    private readonly pair: FakeLinkPair,
  ) {}

  setIndicationHandler(handler: Mtp2IndicationHandler): void {
    this.handler = handler;
  }

  /** Test knob: the next retrieveBsnt() answers bsntNotRetrievable (emergency changeover path). */
  setBsntRetrievable(on: boolean): void {
    this.bsntRetrievable = on;
  }

  get l2State(): L2State {
    return this.state;
  }

  get emergencyAlignment(): boolean {
    return this.emergencyMode;
  }

  /** MSUs waiting for acknowledgement, then not yet sent (for tests). */
  get unacknowledged(): number {
    return this.rtb.length + this.tb.length;
  }

  start(): void {
    this.commands.push('start');
    if (this.state !== 'outOfService') return;
    this.keepingBuffers = false;
    this.state = 'aligning';
    this.startedAt = this.clock.now();
    this.alignTimer?.cancel();
    this.alignTimer = this.clock.setTimeout(() => this.alignmentFailed(), this.pair.alignTimeoutMs);
    this.pair.tryAlign();
  }

  stop(): void {
    this.commands.push('stop');
    if (this.state === 'outOfService') return;
    this.goOutOfService();
    // The far end sees SIOS (Q.703 §1.5) one propagation delay later.
    if (this.pair.wireUp) this.peer.remoteOutOfService();
  }

  emergency(): void {
    this.commands.push('emergency');
    this.emergencyMode = true;
  }

  emergencyCeases(): void {
    this.commands.push('emergencyCeases');
    this.emergencyMode = false;
  }

  transmit(msu: Buffer): void {
    if (this.pair.dropTx?.(this, msu)) {
      this.counters.discarded++;
      return;
    }
    if (this.state !== 'inService') {
      // Contract 4: after leaving service, keep it for retrieval until buffers are cleared/retrieved.
      if (this.keepingBuffers) this.tb.push(Buffer.from(msu));
      else this.counters.discarded++;
      return;
    }
    this.tb.push(Buffer.from(msu));
    this.pump();
  }

  retrieveBsnt(): void {
    this.commands.push('retrieveBsnt');
    if (!this.bsntRetrievable) this.indicate({ kind: 'bsntNotRetrievable' });
    else this.indicate({ kind: 'bsnt', value: this.fsnAccepted });
  }

  retrievalRequestAndFsnc(fsnc: number): void {
    this.commands.push(`retrieve(${fsnc})`);
    // FSNC must be the FSN of an MSU in the RTB or the one just before its first (all acknowledged).
    const first = this.rtb[0];
    const before = first ? (first.fsn + 127) & 127 : this.fsnLast;
    const idx = this.rtb.findIndex((s) => s.fsn === fsnc);
    if (fsnc !== before && idx < 0) {
      this.rtb = [];
      this.tb = [];
      this.keepingBuffers = false;
      this.indicate({ kind: 'retrievalNotPossible' });
      return;
    }
    const remaining = [...this.rtb.slice(idx + 1).map((s) => s.msu), ...this.tb];
    this.rtb = [];
    this.tb = [];
    this.keepingBuffers = false;
    for (const msu of remaining) this.indicate({ kind: 'retrievedMessage', msu });
    this.indicate({ kind: 'retrievalComplete' });
  }

  clearBuffers(): void {
    this.commands.push('clearBuffers');
    this.rtb = [];
    this.tb = [];
    this.keepingBuffers = false;
  }

  localProcessorOutage(): void {
    this.commands.push('localProcessorOutage');
    if (this.state === 'inService') this.deliverToPeer(() => this.peer.indicate({ kind: 'remoteProcessorOutage' }));
  }

  localProcessorRecovered(): void {
    this.commands.push('localProcessorRecovered');
    if (this.state === 'inService') this.deliverToPeer(() => this.peer.indicate({ kind: 'remoteProcessorRecovered' }));
  }

  flowControl(receiveCongested: boolean): void {
    this.commands.push(`flowControl(${receiveCongested})`);
  }

  /** Test knob: level 2 at this end detects a failure (e.g. SUERM); the far end sees SIOS. */
  fail(reason: Mtp2OutOfServiceReason): void {
    if (this.state === 'outOfService') return;
    this.goOutOfService();
    this.indicate({ kind: 'outOfService', reason });
    if (this.pair.wireUp) this.peer.remoteOutOfService();
  }

  /** Test knob: congestion indications as level 2 would give them. */
  congestion(onset: boolean): void {
    this.indicate(onset ? { kind: 'congestionOnset', level: 1 } : { kind: 'congestionAbatement' });
  }

  // ---- internals ----

  /** @internal Called by the pair when both ends aligned. */
  enterInService(): void {
    this.alignTimer?.cancel();
    this.alignTimer = null;
    this.state = 'inService';
    this.epoch++;
    this.fsnLast = 127;
    this.fsnAccepted = 127;
    this.rtb = [];
    this.tb = [];
    this.indicate({ kind: 'inService' });
  }

  /** @internal Wire cut or far end gone. */
  level1Failure(): void {
    if (this.state === 'outOfService') return;
    const was = this.state;
    this.goOutOfService();
    this.indicate({ kind: 'outOfService', reason: was === 'aligning' ? 'alignmentNotPossible' : 'level1Failure' });
  }

  /** @internal */
  isAligningSince(): number | null {
    return this.state === 'aligning' ? this.startedAt : null;
  }

  private remoteOutOfService(): void {
    const epoch = this.epoch;
    this.clock.setTimeout(() => {
      if (this.epoch !== epoch || this.state !== 'inService') return;
      this.goOutOfService();
      this.indicate({ kind: 'outOfService', reason: 'receivedSios' });
    }, this.pair.propagationMs);
  }

  private alignmentFailed(): void {
    this.alignTimer = null;
    if (this.state !== 'aligning') return;
    this.state = 'outOfService';
    this.indicate({ kind: 'outOfService', reason: 'alignmentNotPossible' });
  }

  private goOutOfService(): void {
    this.alignTimer?.cancel();
    this.alignTimer = null;
    if (this.state === 'inService') this.keepingBuffers = true;
    this.state = 'outOfService';
    this.epoch++;
    // Buffers are kept for retrieval (contract 5).
  }

  /** Moves MSUs from the transmission buffer to the wire while the RTB has room (127). */
  private pump(): void {
    while (this.state === 'inService' && this.tb.length > 0 && this.rtb.length < 127) {
      const msu = this.tb.shift() as Buffer;
      this.fsnLast = (this.fsnLast + 1) & 127;
      const fsn = this.fsnLast;
      this.rtb.push({ fsn, msu });
      this.counters.msuTx++;
      this.pair.tap?.(this, msu, fsn);
      this.deliverToPeer(() => this.peer.acceptMsu(fsn, msu), () => this.counters.lostInFlight++);
    }
  }

  /** Runs fn at the far end after the propagation delay, if this in-service period and the wire last. */
  private deliverToPeer(fn: () => void, lost?: () => void): void {
    const epoch = this.epoch;
    const peerEpoch = this.peer.epoch;
    const cut = this.pair.cutCount;
    this.clock.setTimeout(() => {
      if (this.pair.cutCount !== cut || this.epoch !== epoch || this.peer.epoch !== peerEpoch) {
        lost?.();
        return;
      }
      fn();
    }, this.pair.propagationMs);
  }

  /** The far end's MSU arrives: accept it, indicate it, and acknowledge it back. */
  private acceptMsu(fsn: number, msu: Buffer): void {
    if (this.state !== 'inService') return;
    this.fsnAccepted = fsn;
    this.counters.msuRx++;
    this.indicate({ kind: 'received', msu });
    // The BSN travels back on the next signal unit.
    const sender = this.peer;
    const epoch = this.epoch;
    const senderEpoch = sender.epoch;
    const cut = this.pair.cutCount;
    this.clock.setTimeout(() => {
      if (this.pair.cutCount !== cut || this.epoch !== epoch || sender.epoch !== senderEpoch) return;
      sender.acknowledge(fsn);
    }, this.pair.propagationMs);
  }

  /** Positive acknowledgement up to and including bsn: drop those from the RTB (Q.703 §5.3). */
  private acknowledge(bsn: number): void {
    const idx = this.rtb.findIndex((s) => s.fsn === bsn);
    if (idx >= 0) this.rtb.splice(0, idx + 1);
    this.pump();
  }

  private indicate(ind: Mtp2Indication): void {
    // Never synchronously from inside a command (contract 2); in order (the clock keeps FIFO order).
    this.clock.setTimeout(() => this.handler(ind), 0);
  }
}

/** Two FakeMtp2Links joined by a wire. */
export class FakeLinkPair {
  readonly a: FakeMtp2Link;
  readonly b: FakeMtp2Link;
  readonly propagationMs: number;
  readonly alignMs: number;
  readonly alignTimeoutMs: number;
  readonly tap: FakeLinkOptions['tap'];
  readonly dropTx: FakeLinkOptions['dropTx'];
  wireUp = true;
  /** @internal Incremented on every cut: what was in flight is lost. */
  cutCount = 0;
  private alignTimer: { cancel(): void } | null = null;

  constructor(
    private readonly clock: Clock,
    nameA: string,
    nameB: string,
    opts: FakeLinkOptions = {},
  ) {
    this.propagationMs = opts.propagationMs ?? 5;
    this.alignMs = opts.alignMs ?? 500;
    this.alignTimeoutMs = opts.alignTimeoutMs ?? 5000;
    this.tap = opts.tap;
    this.dropTx = opts.dropTx;
    this.a = new FakeMtp2Link(nameA, clock, this);
    this.b = new FakeMtp2Link(nameB, clock, this);
    this.a.peer = this.b;
    this.b.peer = this.a;
  }

  /** Both ends lose the line (LOS): each indicates outOfService(level1Failure); in-flight SUs are lost. */
  cutWire(): void {
    if (!this.wireUp) return;
    this.wireUp = false;
    this.cutCount++;
    this.alignTimer?.cancel();
    this.alignTimer = null;
    this.a.level1Failure();
    this.b.level1Failure();
  }

  /** The line is back; ends that are aligning complete alignment. */
  restoreWire(): void {
    if (this.wireUp) return;
    this.wireUp = true;
    this.tryAlign();
  }

  /** @internal */
  tryAlign(): void {
    if (!this.wireUp || this.alignTimer) return;
    const sa = this.a.isAligningSince();
    const sb = this.b.isAligningSince();
    if (sa === null || sb === null) return;
    this.alignTimer = this.clock.setTimeout(() => {
      this.alignTimer = null;
      if (!this.wireUp || this.a.isAligningSince() === null || this.b.isAligningSince() === null) {
        this.tryAlign();
        return;
      }
      this.a.enterInService();
      this.b.enterInService();
    }, this.alignMs);
  }
}
