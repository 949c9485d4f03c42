// Signalling route management (Q.704 §13) as seen from a signalling point: the route set of every
// known destination, its routes' status from transfer-prohibited / -restricted / -allowed messages
// received from the adjacent points (TFP §13.2, TFR §13.4, TFA §13.3) and from the usability of the
// linksets, and the destination's accessibility, reported to the users as MTP-PAUSE / MTP-RESUME
// (Q.701 §8.1 primitives; see mtp3.ts).
//
// Each linkset's adjacent point is a destination with a direct route over that linkset. Other
// destinations are configured routes (Mtp3Options.routes). A route is usable when its linkset is usable
// (available, restart over) and the route is not prohibited; restricted routes are used only when no
// allowed route is usable (§13.4). TFx messages about unknown destinations or from a point that is
// not the linkset's adjacent point are logged and ignored. This point sends no TFx (no STP function).
// Signalling route set test (§13.5): while a route is prohibited by TFP, an RST for the destination is
// sent to the adjacent point every T10 (the first one T10 after the TFP), until TFA/TFR arrives or the
// linkset goes down; the adjacent point answers with TFA if the destination is reachable again.

import type { TimerHandle } from './clock.js';
import type { Mtp3Context } from './context.js';
import type { Linkset } from './linkset.js';

export type RouteStatus = 'allowed' | 'restricted' | 'prohibited';
type Effective = RouteStatus | 'unavailable';

interface Route {
  linkset: Linkset;
  priority: number;
  status: RouteStatus;
  effective: Effective;
  /** T10 of the route set test while prohibited (§13.5). */
  rst: TimerHandle | null;
}

interface Destination {
  pc: number;
  routes: Route[];
  accessible: boolean;
}

export class RouteManager {
  private readonly dests = new Map<number, Destination>();

  constructor(
    private readonly ctx: Mtp3Context,
    private readonly onAccessibility: (dpc: number, accessible: boolean) => void,
  ) {}

  addRoute(dpc: number, linkset: Linkset, priority = 0): void {
    const d = this.dests.get(dpc) ?? { pc: dpc, routes: [], accessible: false };
    if (d.routes.some((r) => r.linkset === linkset)) throw new RangeError(`destination ${dpc}: two routes over linkset ${linkset.name}`);
    d.routes.push({ linkset, priority, status: 'allowed', effective: 'unavailable', rst: null });
    d.routes.sort((a, b) => a.priority - b.priority);
    this.dests.set(dpc, d);
  }

  destinations(): number[] {
    return [...this.dests.keys()];
  }

  isAccessible(dpc: number): boolean {
    return this.dests.get(dpc)?.accessible ?? false;
  }

  known(dpc: number): boolean {
    return this.dests.has(dpc);
  }

  /** HMRT's choice of linkset for a destination (Q.704 §2.3, §4.2): allowed before restricted,
   *  then by priority. */
  select(dpc: number): Linkset | null {
    const d = this.dests.get(dpc);
    if (!d) return null;
    return (d.routes.find((r) => r.effective === 'allowed') ?? d.routes.find((r) => r.effective === 'restricted'))?.linkset ?? null;
  }

  linksetChanged(ls: Linkset): void {
    for (const d of this.dests.values()) {
      // Route status learnt from an adjacent point is forgotten when its linkset goes down: after the
      // restart it sends TFP/TFR again before its TRA (Q.704 §9).
      if (!ls.available) for (const r of d.routes) if (r.linkset === ls) r.status = 'allowed';
      this.update(d);
      for (const r of d.routes) this.routeSetTest(d, r);
    }
  }

  /** TFP/TFR/TFA received over `ls` (Q.704 §13.2-13.4); `from` = OPC of the message. */
  transferMessage(ls: Linkset, from: number, type: 'TFP' | 'TFR' | 'TFA', destination: number): void {
    if (from !== ls.adjacent) {
      this.ctx.log.warn({ event: 'mtp3.discarded', msg: type, from, linkset: ls.name }, `${type} from ${from}, not the adjacent point of ${ls.name}`);
      return;
    }
    if (destination === this.ctx.pointCode || destination === ls.adjacent) {
      this.ctx.log.info({ msg: type, destination, linkset: ls.name }, `${type} about ${destination === ls.adjacent ? 'the adjacent point itself' : 'this point'} ignored`);
      return;
    }
    const d = this.dests.get(destination);
    const route = d?.routes.find((r) => r.linkset === ls);
    if (!d || !route) {
      this.ctx.log.info({ msg: type, destination, linkset: ls.name }, `${type} for destination ${destination} with no route over ${ls.name}: ignored`);
      return;
    }
    route.status = type === 'TFP' ? 'prohibited' : type === 'TFR' ? 'restricted' : 'allowed';
    this.update(d);
    this.routeSetTest(d, route);
  }

  /** §13.5: RST every T10 while the route is prohibited and its linkset usable. */
  private routeSetTest(d: Destination, r: Route): void {
    const wanted = r.status === 'prohibited' && r.linkset.usable;
    if (!wanted) {
      r.rst?.cancel();
      r.rst = null;
      return;
    }
    if (r.rst) return;
    const tick = (): void => {
      r.rst = null;
      if (r.status !== 'prohibited' || !r.linkset.usable) return;
      r.linkset.sendSnm({ type: 'RST', destination: d.pc }, 0);
      r.rst = this.ctx.clock.setTimeout(tick, this.ctx.timers.T10);
    };
    r.rst = this.ctx.clock.setTimeout(tick, this.ctx.timers.T10);
  }

  private update(d: Destination): void {
    for (const r of d.routes) {
      const eff: Effective = r.linkset.usable ? r.status : 'unavailable';
      if (eff === r.effective) continue;
      r.effective = eff;
      const via = r.linkset.name;
      if (eff === 'allowed') this.ctx.emit({ event: 'mtp3.routeAvailable', destination: d.pc, linkset: via, via });
      else if (eff === 'restricted') this.ctx.emit({ event: 'mtp3.routeRestricted', destination: d.pc, linkset: via, via });
      else this.ctx.emit({ event: 'mtp3.routeUnavailable', destination: d.pc, linkset: via, via: eff === 'prohibited' ? `${via} (TFP)` : via });
    }
    const accessible = d.routes.some((r) => r.effective === 'allowed' || r.effective === 'restricted');
    if (accessible === d.accessible) return;
    d.accessible = accessible;
    this.onAccessibility(d.pc, accessible);
  }
}
