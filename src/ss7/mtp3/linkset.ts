// A linkset towards one adjacent signalling point, with signalling traffic management for it:
//  - load sharing by SLS over the available links (Q.704 §4.2.1, §4.2.2): each of the 16 SLS values
//    has a home link (the configured links in SLC order, SLS mod n); when the home link is not
//    available the SLS goes to available link (SLS mod number available);
//  - changeover when a link becomes unavailable (Q.704 §5; changeover.ts does the buffer updating):
//    the failed link's SLS values are blocked and their new MSUs kept in the changeover buffer; when the
//    retrieval is complete, the retrieved MSUs are sent on the new links first, then the buffer;
//  - changeback when a link becomes available (Q.704 §6): for every SLS that should move from an
//    available link A to another link, traffic of that SLS is held, a CBD is sent on A (behind the MSUs
//    of that SLS already sent on A), and traffic restarts on the new link when the CBA comes back
//    (T4, repeated once with T5; then restarted anyway, §6.5);
//  - MTP restart towards the adjacent point (Q.704 §9, simplified, restart.ts).
// Management messages about a link (COO/COA/ECO/ECA/CBD/CBA) carry its SLC in the label's SLS field
// (Q.704 §15) and are sent to the adjacent point on any link in service (CBD on the link it is about).

import { componentLogger, type Logger } from '../../log/logger.js';
import type { Mtp2Link } from '../mtp2/link.js';
import { Changeover, type ChangeoverResult, type RemoteOrder } from './changeover.js';
import type { TimerHandle } from './clock.js';
import type { Mtp3Context } from './context.js';
import { encodeMsu, SI, slsOf } from './label.js';
import { AdjacentRestart } from './restart.js';
import { SignallingLink } from './signalling-link.js';
import { encodeSnm, type SnmMessage } from './snm-messages.js';

export const MAX_LINKS_PER_LINKSET = 16;
const SLS_VALUES = 16;

type SlsBlock = { kind: 'changeover'; link: SignallingLink } | { kind: 'changeback'; code: number } | null;

interface SlsEntry {
  /** Link currently carrying this SLS, or null (none available). */
  link: SignallingLink | null;
  block: SlsBlock;
  /** Changeover / changeback buffer: MSUs held while the SLS moves. */
  held: Buffer[];
}

interface PendingChangeback {
  code: number;
  from: SignallingLink;
  /** The link whose return caused it (its SLC goes in the CBD label). */
  to: SignallingLink;
  timer: TimerHandle | null;
  attempt: 1 | 2;
}

export interface LinkSpec {
  slc: number;
  link: Mtp2Link;
}

export class Linkset {
  readonly links: SignallingLink[] = [];
  readonly restart: AdjacentRestart;
  private readonly sls: SlsEntry[] = Array.from({ length: SLS_VALUES }, () => ({ link: null, block: null, held: [] }));
  private readonly changeovers = new Map<SignallingLink, Changeover>();
  private readonly changebacks = new Map<number, PendingChangeback>();
  private nextCode = 0;
  private wasAvailable = false;
  private readonly log: Logger;

  constructor(
    private readonly ctx: Mtp3Context,
    readonly name: string,
    readonly adjacent: number,
    specs: LinkSpec[],
  ) {
    if (specs.length < 1 || specs.length > MAX_LINKS_PER_LINKSET) throw new RangeError(`linkset ${name}: 1-16 links, got ${specs.length}`);
    const slcs = new Set<number>();
    for (const s of specs) {
      if (!Number.isInteger(s.slc) || s.slc < 0 || s.slc > 15) throw new RangeError(`linkset ${name}: SLC ${s.slc} is not 0-15`);
      if (slcs.has(s.slc)) throw new RangeError(`linkset ${name}: SLC ${s.slc} used twice`);
      slcs.add(s.slc);
    }
    this.log = componentLogger(ctx.log, 'mtp3.linkset', { linkset: name, adjacent });
    for (const s of [...specs].sort((a, b) => a.slc - b.slc)) this.links.push(new SignallingLink(ctx, this, s.slc, s.link));
    this.restart = new AdjacentRestart(ctx, this, () => this.ctx.linksetChanged(this));
  }

  /** At least one link available (Q.704 §3.3: link set available). */
  get available(): boolean {
    return this.links.some((l) => l.available);
  }

  /** Available and the restart towards the adjacent point is over: user traffic may use it. */
  get usable(): boolean {
    return this.available && this.restart.complete;
  }

  link(slc: number): SignallingLink | undefined {
    return this.links.find((l) => l.slc === slc);
  }

  activate(): void {
    for (const l of this.links) l.activate();
  }

  /** Takes every link out of service; no changeover is attempted between links being stopped. */
  deactivate(): void {
    this.stopping = true;
    try {
      for (const l of this.links) l.deactivate();
      for (const co of this.changeovers.values()) co.cancel();
      for (const l of this.changeovers.keys()) this.completeChangeover(l, { procedure: 'none', retrieved: [], result: 'deactivated', lossPossible: false });
      for (const cb of [...this.changebacks.values()]) this.finishChangeback(cb, 'timeout');
    } finally {
      this.stopping = false;
    }
  }

  private stopping = false;

  /** HMRT for user traffic over this linkset: by SLS, through the changeover/changeback buffers. */
  sendUser(msu: Buffer): boolean {
    const e = this.sls[slsOf(msu)] as SlsEntry;
    if (e.block) {
      e.held.push(msu);
      return true;
    }
    if (!e.link || !e.link.available) e.link = this.desired(slsOf(msu));
    if (!e.link) return false;
    e.link.transmit(msu);
    return true;
  }

  /** Sends a management message to the adjacent point; `slc` goes in the label. `on`: a particular link. */
  sendSnm(m: SnmMessage, slc: number, on?: SignallingLink): boolean {
    const link = on && on.inService ? on : this.managementLink(slc);
    if (!link) {
      this.log.debug({ msg: m.type, slc }, 'no link in service for a management message');
      return false;
    }
    link.transmit(
      encodeMsu({ sio: { si: SI.snm, ni: this.ctx.ni, priority: 0 }, label: { dpc: this.adjacent, opc: this.ctx.pointCode, sls: slc }, data: encodeSnm(m) }),
    );
    return true;
  }

  /** Prefers an available link other than the one the message is about, then any in service. */
  private managementLink(aboutSlc: number): SignallingLink | null {
    return (
      this.links.find((l) => l.available && l.slc !== aboutSlc) ??
      this.links.find((l) => l.available) ??
      this.links.find((l) => l.inService && l.slc !== aboutSlc) ??
      null
    );
  }

  // ---- load sharing (Q.704 §4.2.1) ----

  private desired(sls: number): SignallingLink | null {
    const home = this.links[sls % this.links.length] as SignallingLink;
    if (home.available) return home;
    const avail = this.links.filter((l) => l.available);
    return avail.length ? (avail[sls % avail.length] as SignallingLink) : null;
  }

  /** SLS values each link carries now (for tests and status). */
  slsMap(): (string | null)[] {
    return this.sls.map((e) => e.link?.name ?? null);
  }

  // ---- link availability (from signalling link management) ----

  /** Q.704 §6: a link became available: change traffic back to it. */
  linkAvailable(link: SignallingLink): void {
    this.availabilityChanged();
    this.rebalance(link);
  }

  /** Q.704 §5: a link became unavailable. moveTraffic: it was available (carried traffic). */
  linkUnavailable(link: SignallingLink, moveTraffic: boolean): void {
    const pending = this.pendingOrders.get(link.slc) ?? null;
    this.pendingOrders.delete(link.slc);
    if (moveTraffic) {
      link.changeoverActive = true;
      for (const e of this.sls) if (e.link === link) e.block = { kind: 'changeover', link };
      this.availabilityChanged();
      if (this.stopping) {
        link.l2.clearBuffers();
        this.completeChangeover(link, { procedure: 'none', retrieved: [], result: 'deactivated', lossPossible: false });
        return;
      }
      if (!this.links.some((l) => l.inService && l !== link) && !pending) {
        // No link to the adjacent point left: nothing to change over to (Q.704 §5.1 needs an
        // alternative). The buffers are discarded; the destination becomes inaccessible.
        link.l2.clearBuffers();
        this.completeChangeover(link, { procedure: 'none', retrieved: [], result: 'no alternative link', lossPossible: true });
        return;
      }
    } else if (!pending) {
      link.l2.clearBuffers();
      return;
    } else {
      link.changeoverActive = true;
    }
    this.startChangeover(link, moveTraffic, pending);
  }

  private readonly pendingOrders = new Map<number, RemoteOrder>();
  /** Links whose changeover completed on crossing orders: one COA/ECA may still arrive. */
  private readonly lateAcks = new Set<SignallingLink>();

  private startChangeover(link: SignallingLink, moveTraffic: boolean, remote: RemoteOrder | null): void {
    this.changeovers.get(link)?.cancel();
    const co = new Changeover(this.ctx, link, moveTraffic, { sendOrder: (l, m) => this.sendSnm(m, l.slc), complete: (l, r) => this.completeChangeover(l, r) }, remote);
    this.changeovers.set(link, co);
  }

  private completeChangeover(link: SignallingLink, r: ChangeoverResult): void {
    this.changeovers.delete(link);
    if (r.lateAckExpected) this.lateAcks.add(link);
    else this.lateAcks.delete(link);
    let sent = 0;
    let dropped = 0;
    if (r.procedure !== 'none' || r.result === 'no alternative link' || r.result === 'deactivated') {
      // Q.704 §5.3.2: retrieved MSUs first, in order, on the links their SLS now uses...
      for (const msu of r.retrieved) {
        const si = (msu[0] as number) & 0x0f;
        if (si === SI.snm || si === SI.sntm) {
          dropped++; // link-specific management (SLTM, COO...) is not re-sent on another link
          continue;
        }
        const target = this.desired(slsOf(msu));
        if (target) {
          target.transmit(msu);
          sent++;
        } else dropped++;
      }
      // ...then the changeover buffer.
      for (let s = 0; s < SLS_VALUES; s++) {
        const e = this.sls[s] as SlsEntry;
        if (!(e.block?.kind === 'changeover' && e.block.link === link)) continue;
        e.block = null;
        e.link = this.desired(s);
        const held = e.held;
        e.held = [];
        for (const msu of held) {
          if (e.link) e.link.transmit(msu);
          else dropped++;
        }
      }
      if (r.result !== 'deactivated') this.ctx.count('mtp3.changeovers');
      this.ctx.count('mtp3.retrieved', sent);
      if (dropped) this.ctx.count('mtp3.discarded', dropped);
      if (r.lossPossible) this.ctx.count('mtp3.changeoverLoss');
      this.ctx.emit({ event: 'mtp3.changeover', procedure: r.procedure, retrieved: sent, discarded: dropped, result: r.result, ...link.ref() });
    }
    link.changeoverDone();
  }

  // ---- changeback (Q.704 §6) ----

  /** Moves every SLS whose desired link differs from the one carrying it. */
  private rebalance(cause: SignallingLink): void {
    const moves = new Map<SignallingLink, number[]>();
    for (let s = 0; s < SLS_VALUES; s++) {
      const e = this.sls[s] as SlsEntry;
      if (e.block) continue;
      const want = this.desired(s);
      if (e.link === want) continue;
      if (!e.link || !e.link.available) {
        e.link = want; // nothing in flight on an unavailable link (its changeover handled it)
        continue;
      }
      const list = moves.get(e.link) ?? [];
      list.push(s);
      moves.set(e.link, list);
    }
    for (const [from, slsList] of moves) {
      const code = this.nextCode;
      this.nextCode = (this.nextCode + 1) & 0xff;
      for (const s of slsList) (this.sls[s] as SlsEntry).block = { kind: 'changeback', code };
      const cb: PendingChangeback = { code, from, to: cause, timer: null, attempt: 1 };
      this.changebacks.set(code, cb);
      this.sendCbd(cb);
    }
  }

  private sendCbd(cb: PendingChangeback): void {
    // The CBD goes on the link the traffic leaves, behind that traffic (Q.704 §6.2). If that link
    // cannot carry it, time-controlled diversion: restart the traffic after T3 (Q.704 §6.4).
    if (!cb.from.inService || !this.sendSnm({ type: 'CBD', code: cb.code }, cb.to.slc, cb.from)) {
      cb.timer = this.ctx.clock.setTimeout(() => this.finishChangeback(cb, 'time-controlled'), this.ctx.timers.T3);
      return;
    }
    const ms = cb.attempt === 1 ? this.ctx.timers.T4 : this.ctx.timers.T5;
    cb.timer = this.ctx.clock.setTimeout(() => {
      cb.timer = null;
      if (cb.attempt === 1) {
        cb.attempt = 2; // Q.704 §6.5: repeat the CBD once, under T5
        this.sendCbd(cb);
      } else this.finishChangeback(cb, 'timeout'); // then restart traffic anyway
    }, ms);
  }

  private finishChangeback(cb: PendingChangeback, result: 'CBA' | 'timeout' | 'time-controlled'): void {
    cb.timer?.cancel();
    this.changebacks.delete(cb.code);
    let moved = 0;
    for (let s = 0; s < SLS_VALUES; s++) {
      const e = this.sls[s] as SlsEntry;
      if (!(e.block?.kind === 'changeback' && e.block.code === cb.code)) continue;
      e.block = null;
      e.link = this.desired(s);
      moved++;
      const held = e.held;
      e.held = [];
      for (const msu of held) {
        if (e.link) e.link.transmit(msu);
        else this.ctx.count('mtp3.discarded');
      }
    }
    this.ctx.count('mtp3.changebacks');
    this.ctx.emit({ event: 'mtp3.changeback', code: cb.code, moved, result, ...cb.to.ref() });
  }

  // ---- management messages about links (from HMDT, SI = 0) ----

  /** COO/COA/ECO/ECA/CBD/CBA received; `slc` from the label, `on` the link it came on. */
  linkMessage(m: SnmMessage, slc: number, on: SignallingLink): void {
    switch (m.type) {
      case 'COO':
      case 'COA':
      case 'ECO':
      case 'ECA': {
        const link = this.link(slc);
        if (!link) {
          this.log.warn({ event: 'mtp3.discarded', msg: m.type, slc }, `${m.type} for unknown SLC ${slc}`);
          return;
        }
        const order: RemoteOrder = m.type === 'COO' || m.type === 'COA' ? { type: m.type, fsn: m.fsn } : { type: m.type };
        const co = this.changeovers.get(link);
        if (co) {
          co.remoteOrder(order);
          return;
        }
        if (m.type === 'COA' || m.type === 'ECA') {
          if (this.lateAcks.delete(link)) {
            this.log.debug({ msg: m.type, link: link.name }, `${m.type} after crossing changeover orders: already done`);
            return;
          }
          this.ctx.emit({ event: 'mtp3.notPermitted', machine: 'changeover', state: 'idle', input: m.type, link: link.name });
          return;
        }
        this.pendingOrders.set(slc, order);
        if (link.inService) link.changeoverOrderReceived(); // -> failed -> linkUnavailable()
        else this.linkUnavailable(link, false); // answer only
        return;
      }
      case 'CBD': {
        // Q.704 §6.2: acknowledge; the CBA carries the same code and SLC.
        this.sendSnm({ type: 'CBA', code: m.code }, slc, on);
        return;
      }
      case 'CBA': {
        const cb = this.changebacks.get(m.code);
        if (!cb) {
          this.ctx.emit({ event: 'mtp3.notPermitted', machine: 'changeback', state: 'idle', input: `CBA(${m.code})` });
          return;
        }
        this.finishChangeback(cb, 'CBA');
        return;
      }
      default:
        this.log.debug({ msg: m.type }, 'not a link management message');
    }
  }

  private availabilityChanged(): void {
    const now = this.available;
    if (now === this.wasAvailable) return;
    this.wasAvailable = now;
    this.ctx.emit({ event: now ? 'mtp3.linksetAvailable' : 'mtp3.linksetUnavailable', linkset: this.name, adjacent: this.adjacent });
    if (now) this.restart.linksetAvailable();
    else {
      this.restart.linksetUnavailable();
      // Traffic held for SLS values with no link left cannot go anywhere.
      for (const e of this.sls) {
        if (e.block?.kind === 'changeback') {
          this.ctx.count('mtp3.discarded', e.held.length);
          e.held = [];
          e.block = null;
        }
      }
      for (const cb of this.changebacks.values()) cb.timer?.cancel();
      this.changebacks.clear();
    }
    this.ctx.linksetChanged(this);
  }
}
