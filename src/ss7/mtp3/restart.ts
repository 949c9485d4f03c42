// MTP restart towards an adjacent signalling point, simplified for a signalling point without the
// transfer function (Q.704 §9). What is implemented:
//  - when a linkset becomes available (its first link passed the link test) after being unavailable,
//    this point sends traffic restart allowed (TRA, §9.2/§9.3) to the adjacent point at once: as an SP
//    with no STP function it has no routing information to collect, so T18's waiting phase is empty;
//  - user traffic over the linkset starts (routes usable, MTP-RESUME) when the adjacent point's TRA has
//    been received, or when T21 expires without it (§9.3: the adjacent point may not restart);
//  - a TRA received while the linkset is still testing is remembered for when it becomes available.
// With Mtp3Options.restartProcedure = false (config ss7.restartProcedure) no TRA is sent or awaited:
// traffic starts as soon as the linkset is available (for adjacent points without MTP restart).
// Not implemented: T18/T19/T20 supervision of a full restart, TFP/TFR broadcast before TRA (an SP has
// none to send), and the restart of an STP.

import type { TimerHandle } from './clock.js';
import type { Mtp3Context } from './context.js';
import type { Linkset } from './linkset.js';

export type RestartState = 'down' | 'waitTra' | 'complete';

export class AdjacentRestart {
  state: RestartState = 'down';
  private traEarly = false;
  private t21: TimerHandle | null = null;

  constructor(
    private readonly ctx: Mtp3Context,
    private readonly ls: Linkset,
    private readonly changed: () => void,
  ) {}

  get complete(): boolean {
    return this.state === 'complete';
  }

  linksetAvailable(): void {
    if (this.state !== 'down') return;
    if (!this.ctx.restartProcedure) {
      this.finish('restart procedure off');
      return;
    }
    this.state = 'waitTra';
    this.ls.sendSnm({ type: 'TRA' }, 0);
    this.ctx.emit({ event: 'mtp3.traSent', linkset: this.ls.name, adjacent: this.ls.adjacent });
    if (this.traEarly) {
      this.finish('TRA received');
      return;
    }
    this.t21 = this.ctx.clock.setTimeout(() => {
      this.t21 = null;
      this.finish('T21 expired');
    }, this.ctx.timers.T21);
  }

  linksetUnavailable(): void {
    this.cancel();
    this.state = 'down';
    this.traEarly = false;
  }

  traReceived(): void {
    this.ctx.emit({ event: 'mtp3.traReceived', linkset: this.ls.name, adjacent: this.ls.adjacent });
    if (this.state === 'waitTra') this.finish('TRA received');
    else if (this.state === 'down') this.traEarly = true;
  }

  private finish(reason: string): void {
    this.cancel();
    this.state = 'complete';
    this.traEarly = false;
    this.ctx.emit({ event: 'mtp3.restartComplete', linkset: this.ls.name, adjacent: this.ls.adjacent, reason });
    this.changed();
  }

  private cancel(): void {
    this.t21?.cancel();
    this.t21 = null;
  }
}
