// Signalling link management for one link (Q.704 §12, basic procedures §12.2: activation, restoration)
// together with the link's signalling link test (Q.707 §2, slt.ts) and its level 2 indications
// (Q.704 Figure 1: link management <-> level 2). States follow Q.704 §3.2 (a link is "available" only
// when it is active and its test passed; otherwise "unavailable").
//
//   inactive --ACTIVATE--> aligning --L2_IN_SERVICE--> testing --SLT_PASSED--> available
//   aligning/testing/available --L2_OUT_OF_SERVICE | SLT_FAILED | COO_RECEIVED--> failed
//   failed: T17 runs (Q.704 §12.2: delay to avoid oscillation); the link restarts (-> aligning) when T17
//           has expired AND the changeover of its traffic is over (CHANGEOVER_DONE).
//   any --DEACTIVATE--> inactive

import { componentLogger, type Logger } from '../../log/logger.js';
import type { Mtp2Indication, Mtp2Link } from '../mtp2/link.js';
import type { TimerHandle } from './clock.js';
import type { Mtp3Context } from './context.js';
import type { LinkCounterName, LinkRef } from './events.js';
import { encodeMsu, SI } from './label.js';
import type { Linkset } from './linkset.js';
import { SignallingLinkTest } from './slt.js';
import { encodeSlt } from './snm-messages.js';

export type LinkState = 'inactive' | 'aligning' | 'testing' | 'available' | 'failed';
export type LinkInput =
  | 'ACTIVATE'
  | 'DEACTIVATE'
  | 'L2_IN_SERVICE'
  | 'L2_OUT_OF_SERVICE'
  | 'SLT_PASSED'
  | 'SLT_FAILED'
  | 'COO_RECEIVED'
  | 'T17_EXPIRED'
  | 'CHANGEOVER_DONE';

type Target = LinkState | ((l: SignallingLink) => LinkState);

/** The link FSM as a table: per state, the inputs allowed and the next state (CONVENTIONS.md 1). */
export const LINK_FSM: Record<LinkState, Partial<Record<LinkInput, Target>>> = {
  inactive: { ACTIVATE: 'aligning', DEACTIVATE: 'inactive' },
  aligning: { L2_IN_SERVICE: 'testing', L2_OUT_OF_SERVICE: 'failed', DEACTIVATE: 'inactive' },
  testing: { SLT_PASSED: 'available', SLT_FAILED: 'failed', L2_OUT_OF_SERVICE: 'failed', COO_RECEIVED: 'failed', DEACTIVATE: 'inactive' },
  available: { L2_OUT_OF_SERVICE: 'failed', SLT_FAILED: 'failed', COO_RECEIVED: 'failed', DEACTIVATE: 'inactive' },
  failed: {
    T17_EXPIRED: (l) => (l.changeoverActive ? 'failed' : 'aligning'),
    CHANGEOVER_DONE: (l) => (l.t17Expired ? 'aligning' : 'failed'),
    L2_OUT_OF_SERVICE: 'failed',
    DEACTIVATE: 'inactive',
  },
};

export class SignallingLink {
  state: LinkState = 'inactive';
  /** True while signalling traffic management is changing this link's traffic over (Q.704 §5). */
  changeoverActive = false;
  t17Expired = false;
  readonly counters: Record<LinkCounterName, number> = { msuTx: 0, msuRx: 0, octetsTx: 0, octetsRx: 0 };
  /** Set by the linkset's changeover while it waits for level 2 answers (BSNT, retrieval). */
  l2Answer: ((ind: Mtp2Indication) => boolean) | null = null;
  private readonly slt: SignallingLinkTest;
  private t17: TimerHandle | null = null;
  private readonly log: Logger;
  private lastReason = '';

  constructor(
    private readonly ctx: Mtp3Context,
    readonly linkset: Linkset,
    readonly slc: number,
    readonly l2: Mtp2Link,
  ) {
    this.log = componentLogger(ctx.log, 'mtp3.link', { link: l2.name, slc, linkset: linkset.name });
    this.slt = new SignallingLinkTest(ctx.clock, ctx.timers.SLT_T1, ctx.timers.SLT_T2, slc, {
      sendSltm: (pattern) => this.sendTest('SLTM', pattern),
      passed: () => this.input('SLT_PASSED'),
      failed: (reason) => {
        this.ctx.count('mtp3.sltFailures');
        this.ctx.emit({ event: 'mtp3.sltFailed', reason, ...this.ref() });
        this.input('SLT_FAILED', `link test failed: ${reason}`);
      },
      notPermitted: (e, s) => this.ctx.emit({ event: 'mtp3.notPermitted', machine: 'SLTC', state: s, input: e, link: this.name }),
    });
    l2.setIndicationHandler((ind) => this.onL2(ind));
  }

  get name(): string {
    return this.l2.name;
  }

  get available(): boolean {
    return this.state === 'available';
  }

  /** In service at level 2 (testing or available): management messages may be sent on it. */
  get inService(): boolean {
    return this.state === 'testing' || this.state === 'available';
  }

  ref(): LinkRef {
    return { link: this.name, slc: this.slc, linkset: this.linkset.name, adjacent: this.linkset.adjacent };
  }

  /** Q.704 §12.2.1 signalling link activation. */
  activate(): void {
    this.input('ACTIVATE');
  }

  deactivate(): void {
    this.input('DEACTIVATE', 'deactivated');
  }

  /** A COO/ECO for this link arrived while it is testing or available (Q.704 §5.2): take it out of
   *  service; the linkset answers the order. */
  changeoverOrderReceived(): void {
    this.input('COO_RECEIVED', 'changeover order received');
  }

  /** Signalling traffic management finished with this link's traffic. */
  changeoverDone(): void {
    this.changeoverActive = false;
    if (this.state === 'failed') this.input('CHANGEOVER_DONE');
  }

  /** Sends one MSU (SIO+SIF) on this link's level 2. */
  transmit(msu: Buffer): void {
    this.counters.msuTx++;
    this.counters.octetsTx += msu.length;
    this.ctx.count('mtp3.msuTx');
    this.l2.transmit(msu);
  }

  /** An SLTA for this link (label checked by HMDT). */
  sltaReceived(pattern: Buffer): void {
    if (!this.slt.onSlta(pattern)) {
      this.ctx.emit({ event: 'mtp3.sltMismatch', reason: 'SLTA test pattern does not match the SLTM', ...this.ref() });
    }
  }

  /** Answers an SLTM received on this link (Q.707 §2.2: SLTA with the same pattern). */
  answerSltm(pattern: Buffer): void {
    this.sendTest('SLTA', pattern);
  }

  input(i: LinkInput, reason = ''): void {
    const target = LINK_FSM[this.state][i];
    if (target === undefined) {
      this.ctx.emit({ event: 'mtp3.notPermitted', machine: 'link', state: this.state, input: i, link: this.name });
      return;
    }
    const next = typeof target === 'function' ? target(this) : target;
    const prev = this.state;
    if (reason) this.lastReason = reason;
    if (next === prev) return;
    this.state = next;
    this.log.debug({ event: 'mtp3.linkState', from: prev, to: next, input: i }, `link ${this.name}: ${prev} -> ${next} on ${i}`);
    this.enter(next, prev, i);
  }

  private enter(next: LinkState, prev: LinkState, i: LinkInput): void {
    switch (next) {
      case 'aligning': {
        this.cancelT17();
        // Q.704 §12.2.2: emergency alignment when no other link of the linkset is available.
        const emergency = !this.linkset.links.some((l) => l !== this && l.available);
        if (emergency) this.l2.emergency();
        else this.l2.emergencyCeases();
        this.ctx.emit({ event: 'mtp3.linkAligning', emergency, ...this.ref() });
        this.l2.start();
        return;
      }
      case 'testing':
        this.ctx.emit({ event: 'mtp3.linkInService', ...this.ref() });
        this.slt.start();
        return;
      case 'available':
        this.ctx.emit({ event: 'mtp3.linkAvailable', ...this.ref() });
        this.linkset.linkAvailable(this);
        return;
      case 'failed':
        this.leaveService(prev, i);
        this.t17Expired = false;
        this.cancelT17();
        this.t17 = this.ctx.clock.setTimeout(() => {
          this.t17 = null;
          this.t17Expired = true;
          this.input('T17_EXPIRED');
        }, this.ctx.timers.T17);
        return;
      case 'inactive':
        this.cancelT17();
        this.leaveService(prev, i);
        return;
      default: {
        const never: never = next;
        throw new Error(`unknown link state ${String(never)}`);
      }
    }
  }

  /** Common exit from testing/available: stop the test, stop level 2 unless it failed by itself, and
   *  hand the traffic to signalling traffic management (changeover) if the link carried any. */
  private leaveService(prev: LinkState, i: LinkInput): void {
    this.slt.stop();
    if (i !== 'L2_OUT_OF_SERVICE' && prev !== 'inactive') this.l2.stop();
    if (prev === 'available') {
      this.ctx.emit({ event: 'mtp3.linkUnavailable', reason: this.lastReason, ...this.ref() });
      this.linkset.linkUnavailable(this, true);
    } else if (prev === 'aligning' || prev === 'testing') {
      this.ctx.emit({ event: 'mtp3.linkFailed', reason: this.lastReason, ...this.ref() });
      if (i === 'COO_RECEIVED') this.linkset.linkUnavailable(this, false);
      else this.l2.clearBuffers();
    }
  }

  private cancelT17(): void {
    this.t17?.cancel();
    this.t17 = null;
  }

  private sendTest(type: 'SLTM' | 'SLTA', pattern: Buffer): void {
    // Q.707 §5.1: SI = 1, label DPC = adjacent, OPC = own, SLS field = SLC of this link.
    const msu = encodeMsu({
      sio: { si: SI.sntm, ni: this.ctx.ni, priority: 0 },
      label: { dpc: this.linkset.adjacent, opc: this.ctx.pointCode, sls: this.slc },
      data: encodeSlt({ type, pattern }),
    });
    this.transmit(msu);
  }

  private onL2(ind: Mtp2Indication): void {
    switch (ind.kind) {
      case 'inService':
        this.input('L2_IN_SERVICE');
        return;
      case 'outOfService':
        this.input('L2_OUT_OF_SERVICE', `MTP2 out of service: ${ind.reason}`);
        return;
      case 'received':
        this.counters.msuRx++;
        this.counters.octetsRx += ind.msu.length;
        this.ctx.count('mtp3.msuRx');
        this.ctx.received(this, ind.msu);
        return;
      case 'bsnt':
      case 'bsntNotRetrievable':
      case 'retrievedMessage':
      case 'retrievalComplete':
      case 'retrievalNotPossible':
        if (!this.l2Answer?.(ind)) {
          this.ctx.emit({ event: 'mtp3.notPermitted', machine: 'changeover', state: this.state, input: ind.kind, link: this.name });
        }
        return;
      case 'remoteProcessorOutage':
      case 'remoteProcessorRecovered':
        this.ctx.emit({ event: 'mtp3.remoteProcessorOutage', state: ind.kind === 'remoteProcessorOutage' ? 'begin' : 'end', ...this.ref() });
        return;
      case 'congestionOnset':
      case 'congestionAbatement':
        this.ctx.emit({ event: 'mtp3.congestion', state: ind.kind === 'congestionOnset' ? 'onset' : 'abatement', ...this.ref() });
        return;
      default: {
        const never: never = ind;
        this.log.warn({ ind: never }, 'unknown MTP2 indication');
      }
    }
  }
}
