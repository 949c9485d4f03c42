// The SS7 stack of one side of the process (docs/ss7.md): the gateway (cfg.spans + cfg.ss7) or the
// exchange simulator (cfg.lab.spans + cfg.lab.ss7). Assembly, bottom up:
//   spans (already started by the gateway)
//   -> one NativeMtp2Link per configured link: the engine channel of the span's timeslot in 'mtp2' mode
//      (Q.703 runs in the engine thread; the timeslot must be one of the span's signallingTimeslots,
//      which checkSs7Config has checked)
//   -> MTP3 (Q.704/Q.707) from the config, mtp3FromConfig
//   -> the ISUP user part at SI 5 (circuit group reset; src/ss7/isup/user-part.ts).
// Level 1 supervision: when a span raises LOS, LOF or AIS, every link on it gets level1Failure(), so
// MTP3 hears of the failure at once and changeover starts (without it the link would still fail,
// by SUERM on the all-ones line, ~126 ms later, or by T2 during alignment).
// Close order: ISUP timers, MTP3 (links stopped: SIOS), MTP2 channels; the gateway then stops the
// spans and the engine.
import { componentLogger, type Logger } from '../log/logger.js';
import type { Ss7Config, Ss7LinkConfig } from '../config/sections/ss7.js';
import type { TdmEngine } from '../native/engine.js';
import type { TrunkSpan } from '../trunk/span.js';
import { NativeMtp2Link, type NativeMtp2LinkOptions } from '../ss7/mtp2/native-link.js';
import { mtp3FromConfig, type LinkToOpen } from '../ss7/mtp3/from-config.js';
import type { Mtp3 } from '../ss7/mtp3/mtp3.js';
import { IsupUserPart, SI_ISUP } from '../ss7/isup/user-part.js';

/** A NativeMtp2Link that always proves in emergency (config mtp2.emergency): MTP3's
 *  emergencyCeases() (Q.704 §12.2.2, another link of the linkset available) is not passed down. */
class AlwaysEmergencyMtp2Link extends NativeMtp2Link {
  constructor(
    engine: TdmEngine,
    span: number,
    timeslot: number,
    opts: NativeMtp2LinkOptions,
    private readonly ss7Log: Logger,
  ) {
    super(engine, span, timeslot, opts);
  }
  override emergencyCeases(): void {
    this.ss7Log.info({ event: 'ss7.emergencyKept', link: this.name }, `${this.name}: emergency proving kept (config mtp2.emergency)`);
    this.emergency();
  }
}

export interface Ss7Side {
  readonly mtp3: Mtp3;
  readonly isup: IsupUserPart;
  /** The MTP2 links by name ("span/timeslot"). */
  readonly links: ReadonlyMap<string, NativeMtp2Link>;
  close(): void;
}

/** Alarms that mean level 1 is gone under the links of a span (RAI is the far end's problem). */
const LEVEL1_ALARMS = new Set(['LOS', 'LOF', 'AIS']);

/**
 * Builds and starts the SS7 stack of a side over its started spans. Returns null when the side has
 * no linkset. Throws (after closing what it opened) when a link's span is not up.
 */
export async function startSs7(engine: TdmEngine, spans: readonly TrunkSpan[], ss7: Ss7Config, parentLog: Logger): Promise<Ss7Side | null> {
  if (ss7.linksets.length === 0) return null;
  const log = componentLogger(parentLog, 'ss7', { pc: ss7.pointCode });
  const links = new Map<string, NativeMtp2Link>();
  const linkConfig = new Map<string, Ss7LinkConfig>();
  for (const ls of ss7.linksets) for (const l of ls.links) linkConfig.set(`${l.span}/${l.timeslot}`, l);
  let closed = false;

  const openLink = (l: LinkToOpen): NativeMtp2Link => {
    const span = spans.find((s) => s.name === l.span);
    const handle = span?.engineHandle;
    if (!span || handle === null || handle === undefined) throw new Error(`SS7 link ${l.name}: span ${l.span} is not up`);
    const mtp2 = linkConfig.get(l.name)?.mtp2;
    const opts: NativeMtp2LinkOptions = { name: l.name, logger: parentLog, timersMs: mtp2?.timersMs, emergency: mtp2?.emergency };
    const link = mtp2?.emergency ? new AlwaysEmergencyMtp2Link(engine, handle, l.timeslot, opts, log) : new NativeMtp2Link(engine, handle, l.timeslot, opts);
    links.set(l.name, link);
    span.onChange((c) => {
      if (closed) return;
      if ((c.kind === 'alarm' && c.state === 'raised' && LEVEL1_ALARMS.has(c.alarm)) || c.kind === 'down') {
        log.warn({ event: 'ss7.level1Failure', link: l.name, cause: c.kind === 'alarm' ? c.alarm : 'span down' }, `level 1 failure under ${l.name}`);
        link.level1Failure();
      }
    });
    return link;
  };

  let mtp3: Mtp3;
  try {
    mtp3 = mtp3FromConfig(ss7, openLink, { logger: parentLog });
  } catch (err) {
    for (const l of links.values()) l.close();
    throw err;
  }

  // Circuits towards each adjacent point: the CICs of the spans that carry its linkset's links (until
  // trunk groups say which circuits go where).
  const circuits = new Map<number, number[]>();
  for (const ls of ss7.linksets) {
    const names = new Set(ls.links.map((l) => l.span));
    circuits.set(ls.adjacentPointCode, spans.filter((s) => names.has(s.name)).flatMap((s) => s.cics.cics()));
  }
  const isup = new IsupUserPart({ pointCode: ss7.pointCode, circuits, mtp: mtp3, logger: parentLog });
  mtp3.registerUser(SI_ISUP, isup);
  mtp3.start();
  log.info(
    { event: 'ss7.started', linksets: ss7.linksets.map((ls) => ({ name: ls.name, adjacent: ls.adjacentPointCode, links: ls.links.map((l) => `${l.span}/${l.timeslot}`) })) },
    'SS7 stack started',
  );

  return {
    mtp3,
    isup,
    links,
    close() {
      if (closed) return;
      closed = true;
      isup.stop();
      mtp3.unregisterUser(SI_ISUP);
      mtp3.stop();
      for (const l of links.values()) l.close();
      log.info({ event: 'ss7.stopped' }, 'SS7 stack stopped');
    },
  };
}
