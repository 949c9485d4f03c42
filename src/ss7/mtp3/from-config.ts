// Builds an Mtp3 from the `ss7` config section (src/config/sections/ss7.ts, already checked by
// checkSs7Config) and a function that opens the MTP2 link of a span timeslot (for the gateway:
// a NativeMtp2Link on the engine's channel of that span and timeslot; in tests: a FakeMtp2Link).
import type { Logger } from '../../log/logger.js';
import type { Ss7Config } from '../../config/sections/ss7.js';
import { ss7LinkName } from '../../config/sections/ss7.js';
import type { Mtp2Link } from '../mtp2/link.js';
import type { Clock } from './clock.js';
import { Mtp3 } from './mtp3.js';

export interface LinkToOpen {
  linkset: string;
  span: string;
  timeslot: number;
  slc: number;
  /** "span/timeslot", the name events and logs use. */
  name: string;
}

export function mtp3FromConfig(ss7: Ss7Config, openLink: (l: LinkToOpen) => Mtp2Link, opts: { clock?: Clock; logger?: Logger } = {}): Mtp3 {
  return new Mtp3({
    pointCode: ss7.pointCode,
    networkIndicator: ss7.networkIndicator,
    timers: ss7.timers,
    routes: ss7.routes,
    restartProcedure: ss7.restartProcedure,
    clock: opts.clock,
    logger: opts.logger,
    linksets: ss7.linksets.map((ls) => ({
      name: ls.name,
      adjacentPointCode: ls.adjacentPointCode,
      links: ls.links.map((l) => ({
        slc: l.slc,
        link: openLink({ linkset: ls.name, span: l.span, timeslot: l.timeslot, slc: l.slc, name: ss7LinkName(l.span, l.timeslot) }),
      })),
    })),
  });
}
