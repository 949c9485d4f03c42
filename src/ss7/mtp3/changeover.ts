// Changeover of one failed link's traffic (Q.704 §5), the buffer-updating part: obtain the BSNT from
// level 2 (§5.4.1), exchange it with the far end in COO/COA (§5.2, §5.4), ask level 2 for the MSUs the
// far end has not accepted (retrieval with FSNC = the far end's BSNT, §5.4.2), and hand them, in
// order, to the linkset, which sends them on the alternative links before the traffic that waited in
// the changeover buffer (§5.3.2). Cases:
//  - crossing orders: a COO received while waiting for COA is taken as the acknowledgement, and a COA
//    is sent anyway (§5.2);
//  - BSNT not retrievable: emergency changeover order ECO/ECA, no buffer updating (§5.6.1): level 2's
//    buffers are cleared (their MSUs may be lost; counted in mtp3.changeoverLoss as one event);
//  - no COA/COO/ECA/ECO within T2: changeover completed without buffer updating (§5.7.2);
//  - "respond only": an order for a link that carried no traffic (or whose changeover is already over):
//    just answer COA with the BSNT (or ECA).
//
// States: waitBsnt -> (send COO | COA) waitAck -> retrieving -> done.

import type { Mtp2Indication } from '../mtp2/link.js';
import type { TimerHandle } from './clock.js';
import type { Mtp3Context } from './context.js';
import type { SignallingLink } from './signalling-link.js';

export type ChangeoverState = 'waitBsnt' | 'waitAck' | 'retrieving' | 'done';
export type RemoteOrder = { type: 'COO' | 'COA'; fsn: number } | { type: 'ECO' | 'ECA' };

export interface ChangeoverResult {
  procedure: 'COO' | 'ECO' | 'none';
  retrieved: Buffer[];
  /** What happened: 'buffer updated', 'emergency', 'T2 expired', 'retrieval not possible', ... */
  result: string;
  /** True when MSUs in level 2's buffers may have been lost. */
  lossPossible: boolean;
  /** Orders crossed (we sent COO/ECO and took the far end's order as acknowledgement): its COA/ECA
   *  to our order is still on the way and will arrive after completion (Q.704 §5.2). */
  lateAckExpected?: boolean;
}

export interface ChangeoverHooks {
  /** Sends COO/COA/ECO/ECA about `link` on another link towards the adjacent point (Q.704 §5.2). */
  sendOrder(link: SignallingLink, m: { type: 'COO' | 'COA'; fsn: number } | { type: 'ECO' | 'ECA' }): void;
  complete(link: SignallingLink, r: ChangeoverResult): void;
}

export class Changeover {
  state: ChangeoverState = 'waitBsnt';
  private localBsnt: number | null = null;
  private remote: RemoteOrder | null = null;
  private sentOrder: 'COO' | 'ECO' | null = null;
  /** We sent our own COO/ECO (not only an answer). */
  private ownOrderSent = false;
  private t2: TimerHandle | null = null;
  private retrieved: Buffer[] = [];

  constructor(
    private readonly ctx: Mtp3Context,
    readonly link: SignallingLink,
    /** false: the link carried no traffic; only answer the far end's order. */
    readonly moveTraffic: boolean,
    private readonly hooks: ChangeoverHooks,
    remoteOrder: RemoteOrder | null,
  ) {
    this.remote = remoteOrder;
    link.l2Answer = (ind) => this.onL2(ind);
    link.l2.retrieveBsnt(); // Q.704 §5.4.1: BSNT from level 2
  }

  /** A changeover message for this link from the far end. */
  remoteOrder(m: RemoteOrder): void {
    switch (this.state) {
      case 'waitBsnt':
        // Keep it; answered when our BSNT is known.
        if (!this.remote || m.type === 'COO' || m.type === 'ECO') this.remote = m;
        return;
      case 'waitAck':
        this.cancelT2();
        this.remote = m;
        if (m.type === 'COO' || m.type === 'ECO') this.answer(m); // crossing orders: acknowledge anyway
        this.proceed();
        return;
      case 'retrieving':
      case 'done':
        // Already acknowledged (e.g. the COA after our COO crossed); a new order still gets an answer.
        if (m.type === 'COO' || m.type === 'ECO') this.answer(m);
        return;
    }
  }

  private onL2(ind: Mtp2Indication): boolean {
    switch (ind.kind) {
      case 'bsnt':
      case 'bsntNotRetrievable':
        if (this.state !== 'waitBsnt') return false;
        this.localBsnt = ind.kind === 'bsnt' ? ind.value : null;
        this.afterBsnt();
        return true;
      case 'retrievedMessage':
        if (this.state !== 'retrieving') return false;
        this.retrieved.push(ind.msu);
        return true;
      case 'retrievalComplete':
        if (this.state !== 'retrieving') return false;
        this.finish({ procedure: this.sentOrder ?? 'COO', retrieved: this.retrieved, result: 'buffer updated', lossPossible: false });
        return true;
      case 'retrievalNotPossible':
        if (this.state !== 'retrieving') return false;
        this.finish({ procedure: this.sentOrder ?? 'COO', retrieved: this.retrieved, result: 'retrieval not possible', lossPossible: true });
        return true;
      default:
        return false;
    }
  }

  private afterBsnt(): void {
    const remote = this.remote;
    if (remote && (remote.type === 'COO' || remote.type === 'ECO')) {
      // The far end ordered first: acknowledge and go on (Q.704 §5.2).
      this.answer(remote);
      if (!this.moveTraffic) {
        this.link.l2.clearBuffers(); // nothing to move: leave level 2 clean for the restart
        this.finish({ procedure: 'none', retrieved: [], result: 'answered', lossPossible: false });
        return;
      }
      this.proceed();
      return;
    }
    if (!this.moveTraffic) {
      this.link.l2.clearBuffers();
      this.finish({ procedure: 'none', retrieved: [], result: 'nothing to change over', lossPossible: false });
      return;
    }
    this.sentOrder = this.localBsnt === null ? 'ECO' : 'COO';
    this.ownOrderSent = true;
    this.hooks.sendOrder(this.link, this.localBsnt === null ? { type: 'ECO' } : { type: 'COO', fsn: this.localBsnt });
    this.state = 'waitAck';
    this.t2 = this.ctx.clock.setTimeout(() => {
      this.t2 = null;
      if (this.state !== 'waitAck') return;
      // Q.704 §5.7.2: no acknowledgement: complete the changeover without buffer updating.
      this.link.l2.clearBuffers();
      this.finish({ procedure: this.sentOrder ?? 'COO', retrieved: [], result: 'T2 expired', lossPossible: true });
    }, this.ctx.timers.T2);
  }

  private answer(order: RemoteOrder): void {
    if (order.type === 'COO' && this.localBsnt !== null) this.hooks.sendOrder(this.link, { type: 'COA', fsn: this.localBsnt });
    else this.hooks.sendOrder(this.link, { type: 'ECA' });
    if (!this.sentOrder) this.sentOrder = order.type === 'COO' && this.localBsnt !== null ? 'COO' : 'ECO';
  }

  /** With the far end's BSNT known (COO/COA), retrieve; without it (ECO/ECA), no buffer updating. */
  private proceed(): void {
    const r = this.remote;
    if (r && (r.type === 'COO' || r.type === 'COA')) {
      this.state = 'retrieving';
      this.link.l2.retrievalRequestAndFsnc(r.fsn);
      return;
    }
    this.link.l2.clearBuffers();
    this.finish({ procedure: 'ECO', retrieved: [], result: 'emergency changeover', lossPossible: true });
  }

  private finish(r: ChangeoverResult): void {
    const crossed = this.sentOrder !== null && this.ownOrderSent && this.remote !== null && (this.remote.type === 'COO' || this.remote.type === 'ECO');
    r.lateAckExpected = crossed;
    this.cancelT2();
    this.state = 'done';
    this.link.l2Answer = null;
    this.hooks.complete(this.link, r);
  }

  private cancelT2(): void {
    this.t2?.cancel();
    this.t2 = null;
  }

  cancel(): void {
    this.cancelT2();
    if (this.link.l2Answer) this.link.l2Answer = null;
    this.state = 'done';
  }
}
