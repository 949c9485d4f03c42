// MTP level 3 of one signalling point (Q.704; Q.707 link test), without the signalling transfer point
// function. It joins the functional blocks of Figure 1/Q.704:
//   signalling message handling: HMDC (hmdc.ts), HMDT (hmdt.ts), HMRT (hmrt.ts);
//   signalling link management (signalling-link.ts, with the link test slt.ts);
//   signalling traffic management: load sharing, changeover, changeback, restart (linkset.ts,
//     changeover.ts, restart.ts);
//   signalling route management (route-management.ts).
// Users (ISUP = SI 5) meet it only through the MTP primitives (primitives.ts): transfer() is
// MTP-TRANSFER request; MtpUser receives MTP-TRANSFER indication, MTP-PAUSE, MTP-RESUME, MTP-STATUS.
// Below, each link is an Mtp2Link (src/ss7/mtp2/link.ts).

import { componentLogger, nullLogger, type Logger } from '../../log/logger.js';
import type { Mtp2Link } from '../mtp2/link.js';
import { realClock, type Clock } from './clock.js';
import type { Mtp3Context } from './context.js';
import { LINK_COUNTERS, MTP3_COUNTERS, type LinkCounterName, type Mtp3CounterName, type Mtp3Event, type Mtp3EventListener } from './events.js';
import { discriminate } from './hmdc.js';
import { distribute } from './hmdt.js';
import { route } from './hmrt.js';
import { encodeMsu, SI, type Msu, type NetworkIndicator } from './label.js';
import { Linkset } from './linkset.js';
import { describePointCode, isPointCode } from './point-code.js';
import type { MtpTransferRequest, MtpUser, TransferResult } from './primitives.js';
import { RouteManager } from './route-management.js';
import type { SignallingLink } from './signalling-link.js';
import { describeSnm, encodeSnm, type SnmMessage } from './snm-messages.js';
import { resolveTimers, type Mtp3Timers } from './timers.js';

export interface Mtp3LinksetOptions {
  name: string;
  adjacentPointCode: number;
  links: { slc: number; link: Mtp2Link }[];
}

export interface Mtp3Options {
  pointCode: number;
  networkIndicator: NetworkIndicator;
  linksets: Mtp3LinksetOptions[];
  /** Destinations beyond the adjacent points, reached over a linkset (lower priority first). */
  routes?: { destination: number; linkset: string; priority?: number }[];
  /** Overrides in ms by key of timers.ts (T1, T2, ..., SLT_T1, SLT_T2). */
  timers?: Partial<Record<string, number>>;
  /** Q.704 §9 MTP restart towards adjacent points (send TRA, wait for theirs or T21); default true. */
  restartProcedure?: boolean;
  /** Tests only: accept timer values outside the spec's range. */
  allowTimersOutOfRange?: boolean;
  clock?: Clock;
  logger?: Logger;
}

const RESERVED_SI = new Set<number>([SI.snm, SI.sntm, SI.sntmSpecial]);

export class Mtp3 implements Mtp3Context {
  readonly pointCode: number;
  readonly ni: NetworkIndicator;
  readonly clock: Clock;
  readonly timers: Mtp3Timers;
  readonly log: Logger;
  readonly restartProcedure: boolean;
  readonly linksets: Linkset[] = [];
  private readonly routes: RouteManager;
  private readonly users = new Map<number, MtpUser>();
  private readonly listeners: Mtp3EventListener[] = [];
  private readonly globalCounters = Object.fromEntries(Object.keys(MTP3_COUNTERS).map((k) => [k, 0])) as Record<Mtp3CounterName, number>;

  constructor(opts: Mtp3Options) {
    if (!isPointCode(opts.pointCode)) throw new RangeError(`own point code ${opts.pointCode} is not 0-16383`);
    this.pointCode = opts.pointCode;
    this.ni = opts.networkIndicator;
    this.clock = opts.clock ?? realClock;
    this.restartProcedure = opts.restartProcedure ?? true;
    this.timers = resolveTimers(opts.timers, opts.allowTimersOutOfRange);
    this.log = componentLogger(opts.logger ?? nullLogger(), 'mtp3', { pc: this.pointCode });
    this.routes = new RouteManager(this, (dpc, accessible) => this.accessibilityChanged(dpc, accessible));
    const names = new Set<string>();
    for (const lo of opts.linksets) {
      if (names.has(lo.name)) throw new RangeError(`linkset name ${lo.name} used twice`);
      names.add(lo.name);
      if (!isPointCode(lo.adjacentPointCode)) throw new RangeError(`linkset ${lo.name}: adjacent point code ${lo.adjacentPointCode} is not 0-16383`);
      const ls = new Linkset(this, lo.name, lo.adjacentPointCode, lo.links);
      this.linksets.push(ls);
      this.routes.addRoute(lo.adjacentPointCode, ls, 0);
    }
    for (const r of opts.routes ?? []) {
      const ls = this.linksets.find((l) => l.name === r.linkset);
      if (!ls) throw new RangeError(`route to ${r.destination}: no linkset ${r.linkset}`);
      this.routes.addRoute(r.destination, ls, r.priority ?? 1);
    }
  }

  // ---- management ----

  /** Activates every link (Q.704 §12.2.1); users get MTP-RESUME as destinations become accessible. */
  start(): void {
    for (const ls of this.linksets) ls.activate();
  }

  stop(): void {
    for (const ls of this.linksets) ls.deactivate();
  }

  onEvent(listener: Mtp3EventListener): void {
    this.listeners.push(listener);
  }

  linkset(name: string): Linkset | undefined {
    return this.linksets.find((l) => l.name === name);
  }

  isAccessible(dpc: number): boolean {
    return this.routes.isAccessible(dpc);
  }

  counters(): { global: Record<Mtp3CounterName, number>; links: Record<string, Record<LinkCounterName, number>> } {
    const links: Record<string, Record<LinkCounterName, number>> = {};
    for (const ls of this.linksets) for (const l of ls.links) links[l.name] = { ...l.counters };
    return { global: { ...this.globalCounters }, links };
  }

  static readonly counterDescriptions = { ...MTP3_COUNTERS, ...Object.fromEntries(Object.entries(LINK_COUNTERS).map(([k, v]) => [`mtp3.link.${k}`, v])) };

  // ---- MTP primitives towards the users ----

  /** A user part (SI 3-15) registers for MTP-TRANSFER/PAUSE/RESUME/STATUS indications. */
  registerUser(si: number, user: MtpUser): void {
    if (!Number.isInteger(si) || si < 0 || si > 15 || RESERVED_SI.has(si)) throw new RangeError(`SI ${si} cannot be a user part (0-2 are MTP's own)`);
    this.users.set(si, user);
  }

  unregisterUser(si: number): void {
    this.users.delete(si);
  }

  /** MTP-TRANSFER request. */
  transfer(req: MtpTransferRequest): TransferResult {
    const r = route(req, this.pointCode, this.ni, this.routes);
    if (r.result !== 'sent' && r.result !== 'queued') {
      this.count('mtp3.discarded');
      this.emit({ event: 'mtp3.discarded', reason: r.reason ?? r.result, dpc: req.dpc, si: req.si });
    }
    return r.result;
  }

  // ---- Mtp3Context ----

  emit(e: Mtp3Event): void {
    const ev = { ...e, pc: this.pointCode };
    const level = e.event === 'mtp3.notPermitted' || e.event === 'mtp3.discarded' || e.event === 'mtp3.sltFailed' ? 'warn' : 'info';
    this.log[level](ev, e.event);
    for (const l of this.listeners) l(ev);
  }

  count(name: Mtp3CounterName, n = 1): void {
    this.globalCounters[name] += n;
  }

  linksetChanged(ls: Linkset): void {
    this.routes.linksetChanged(ls);
  }

  /** HMDC -> HMDT. */
  received(link: SignallingLink, octets: Buffer): void {
    const d = discriminate(octets, this.pointCode, this.ni);
    if (d.kind === 'discard') {
      this.count('mtp3.discarded');
      this.emit({ event: 'mtp3.discarded', reason: d.reason, dpc: d.dpc, opc: d.opc, si: d.si });
      return;
    }
    distribute(d.msu, link, {
      user: (si) => this.users.get(si),
      snm: (m, msu, on) => this.signallingNetworkManagement(m, msu, on),
      slt: (type, pattern, msu, on) => this.linkTest(type, pattern, msu, on),
      unequipped: (msu) => this.unequippedUserPart(msu),
      discard: (reason, msu) => {
        this.count('mtp3.discarded');
        this.emit({ event: 'mtp3.discarded', reason, dpc: msu.label.dpc, opc: msu.label.opc, si: msu.sio.si });
      },
    });
  }

  // ---- internals ----

  private accessibilityChanged(dpc: number, accessible: boolean): void {
    this.emit({ event: accessible ? 'mtp3.resume' : 'mtp3.pause', destination: dpc });
    for (const u of this.users.values()) {
      if (accessible) u.resume(dpc);
      else u.pause(dpc);
    }
  }

  /** SI 0 (Q.704 §15) by message group. */
  private signallingNetworkManagement(m: SnmMessage, msu: Msu, on: SignallingLink): void {
    const ls = on.linkset;
    this.log.debug({ msg: describeSnm(m), opc: msu.label.opc, slc: msu.label.sls, link: on.name }, `rx ${describeSnm(m)}`);
    switch (m.type) {
      case 'COO':
      case 'COA':
      case 'ECO':
      case 'ECA':
      case 'CBD':
      case 'CBA':
        if (msu.label.opc !== ls.adjacent) {
          this.count('mtp3.discarded');
          this.emit({ event: 'mtp3.discarded', reason: `${m.type} from ${msu.label.opc}, not the adjacent point`, opc: msu.label.opc, si: 0 });
          return;
        }
        ls.linkMessage(m, msu.label.sls, on);
        return;
      case 'TFP':
      case 'TFR':
      case 'TFA':
        this.routes.transferMessage(ls, msu.label.opc, m.type, m.destination);
        return;
      case 'TRA':
        if (msu.label.opc === ls.adjacent) ls.restart.traReceived();
        return;
      case 'UPU': {
        this.count('mtp3.upuReceived');
        const user = this.users.get(m.userPart);
        this.emit({ event: 'mtp3.status', destination: m.destination, cause: `user part unavailable: ${m.cause}`, userPart: m.userPart });
        user?.status({ affectedDpc: m.destination, cause: 'userPartUnavailable', userPart: m.userPart, userPartCause: m.cause });
        return;
      }
      case 'TFC':
        this.emit({ event: 'mtp3.status', destination: m.destination, cause: `signalling network congestion level ${m.status}` });
        for (const u of this.users.values()) u.status({ affectedDpc: m.destination, cause: 'signallingNetworkCongestion', congestionLevel: m.status });
        return;
      case 'RCT':
      case 'RST':
      case 'RSR':
      case 'unknown':
        this.log.info({ msg: describeSnm(m), opc: msu.label.opc }, `SNM ${describeSnm(m)} not handled by a signalling point (ignored)`);
        return;
      default: {
        const never: never = m;
        this.log.warn({ m: never }, 'unknown SNM message');
      }
    }
  }

  /** SI 1: Q.707 §2.2. The label must name the adjacent point and this link's SLC. */
  private linkTest(type: 'SLTM' | 'SLTA', pattern: Buffer, msu: Msu, on: SignallingLink): void {
    const ok = msu.label.opc === on.linkset.adjacent && msu.label.sls === on.slc;
    if (!ok) {
      this.emit({
        event: 'mtp3.sltMismatch',
        reason: `${type} with OPC ${describePointCode(msu.label.opc)} SLC ${msu.label.sls}; link expects OPC ${describePointCode(on.linkset.adjacent)} SLC ${on.slc}`,
        ...on.ref(),
      });
      return;
    }
    if (type === 'SLTM') on.answerSltm(pattern);
    else on.sltaReceived(pattern);
  }

  /** Q.704 §2.4: UPU to the originating point, cause "unequipped remote user". */
  private unequippedUserPart(msu: Msu): void {
    this.count('mtp3.discarded');
    this.emit({ event: 'mtp3.discarded', reason: `user part SI ${msu.sio.si} not equipped`, opc: msu.label.opc, si: msu.sio.si });
    const ls = this.routes.select(msu.label.opc);
    if (!ls) return;
    const m: SnmMessage = { type: 'UPU', destination: this.pointCode, userPart: msu.sio.si, cause: 'unequippedRemoteUser' };
    const out = encodeMsu({ sio: { si: SI.snm, ni: this.ni, priority: 0 }, label: { dpc: msu.label.opc, opc: this.pointCode, sls: 0 }, data: encodeSnm(m) });
    if (ls.sendUser(out)) {
      this.count('mtp3.upuSent');
      this.emit({ event: 'mtp3.upuSent', destination: msu.label.opc, userPart: msu.sio.si });
    }
  }
}
