// The gateway process: owns the native TDM engine and the spans of the config (plus the exchange
// simulator's spans, cfg.lab.spans, in the embedded default), and shuts them down in order.
// Lifecycle (docs/native-core.md, docs/ss7.md): start = engine, then every span (gateway spans, then
// lab spans), then the media core (docs/media.md; no channels until call control opens them), then
// the SS7 stacks (./ss7.ts), then SIP; close = SIP, media (its channels' bearer consumers leave the
// engine), SS7, spans in reverse order (each logs span.down), then the engine (its thread stops,
// sockets and pcap files close). close() is idempotent.
import { componentLogger, type Logger } from '../log/logger.js';
import type { TandemConfig } from '../config/load.js';
import { TdmEngine } from '../native/engine.js';
import { TrunkSpan } from '../trunk/span.js';
import { startSip, type SipService } from '../sip/service.js';
import { startSs7, type Ss7Side } from './ss7.js';
import { MediaCore, mediaCoreOptions } from '../media/index.js';

export interface Gateway {
  readonly engine: TdmEngine;
  /** Gateway spans (cfg.spans), in config order. */
  readonly spans: readonly TrunkSpan[];
  /** Exchange-simulator spans (cfg.lab.spans). */
  readonly labSpans: readonly TrunkSpan[];
  /** The SIP stack (listeners of cfg.sip.listen, UA core). */
  readonly sip: SipService;
  /** SS7 stack of the gateway (cfg.ss7) and of the simulator (cfg.lab.ss7); null without linksets (docs/ss7.md). */
  readonly ss7: Ss7Side | null;
  readonly labSs7: Ss7Side | null;
  /** The media core (cfg.media, cfg.tones): RTP <-> bearer timeslots; call control opens its channels. */
  readonly media: MediaCore;
  close(): Promise<void>;
}

export async function startGateway(cfg: TandemConfig, log: Logger): Promise<Gateway> {
  const engineLog = componentLogger(log, 'engine');
  const engine = new TdmEngine({ realtimePriority: cfg.engine.realtimePriority, cpu: cfg.engine.cpu });
  engine.onWarning((w) => engineLog.warn({ event: 'engine.warning', warning: w.warning, detail: w.detail }, `engine: ${w.warning}`));
  engineLog.info({ event: 'engine.started', realtimePriority: cfg.engine.realtimePriority, cpu: cfg.engine.cpu }, 'TDM engine started');

  const spans = cfg.spans.map((s, i) => new TrunkSpan(engine, s, i, log));
  const labLog = log.child({ role: 'lab' });
  const labSpans = cfg.lab.spans.map((s, i) => new TrunkSpan(engine, s, i, labLog));
  const started: TrunkSpan[] = [];
  try {
    for (const s of [...spans, ...labSpans]) {
      s.start();
      started.push(s);
    }
  } catch (err) {
    for (const s of started.reverse()) await s.stop();
    engine.close();
    throw err;
  }
  const ss7Sides: Ss7Side[] = [];
  let ss7: Ss7Side | null;
  let labSs7: Ss7Side | null;
  let sip: SipService;
  let media: MediaCore | null = null;
  try {
    media = new MediaCore(engine, mediaCoreOptions(cfg, log));
    log.info({ event: 'media.started', localHost: cfg.media.localHost, rtpPortMin: cfg.media.rtpPortMin, rtpPortMax: cfg.media.rtpPortMax }, 'media core ready');
    ss7 = await startSs7(engine, spans, cfg.ss7, log);
    if (ss7) ss7Sides.push(ss7);
    labSs7 = await startSs7(engine, labSpans, cfg.lab.ss7, labLog);
    if (labSs7) ss7Sides.push(labSs7);
    sip = await startSip(cfg, log);
  } catch (err) {
    media?.close();
    for (const x of ss7Sides) x.close();
    for (const s of started.reverse()) await s.stop();
    engine.close();
    throw err;
  }
  const gatewayMedia: MediaCore = media;
  log.info({ event: 'gateway.started', spans: spans.map((s) => s.name), labSpans: labSpans.map((s) => s.name) }, 'gateway started');

  let closed = false;
  return {
    engine,
    spans,
    labSpans,
    sip,
    ss7,
    labSs7,
    media: gatewayMedia,
    async close() {
      if (closed) return;
      closed = true;
      await sip.close();
      // Media first (its bearer consumers must leave the engine before spans and engine go,
      // docs/native-core.md), SS7 before the spans (links stopped and channels closed), spans before the engine.
      gatewayMedia.close();
      for (const x of ss7Sides) x.close();
      for (const s of [...started].reverse()) await s.stop();
      engine.close();
      engineLog.info({ event: 'engine.stopped' }, 'TDM engine stopped');
    },
  };
}
