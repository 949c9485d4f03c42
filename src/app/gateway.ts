// The gateway process: owns the native TDM engine and the spans of the config (plus the exchange
// simulator's spans, cfg.lab.spans, in the embedded default), and shuts them down in order.
// Lifecycle (docs/native-core.md): start = engine, then every span (gateway spans, then lab spans);
// close = spans in reverse order (each logs span.down), then the engine (its thread stops, sockets
// and pcap files close). close() is idempotent.
import { componentLogger, type Logger } from '../log/logger.js';
import type { TandemConfig } from '../config/load.js';
import { TdmEngine } from '../native/engine.js';
import { TrunkSpan } from '../trunk/span.js';
import { startSip, type SipService } from '../sip/service.js';

export interface Gateway {
  readonly engine: TdmEngine;
  /** Gateway spans (cfg.spans), in config order. */
  readonly spans: readonly TrunkSpan[];
  /** Exchange-simulator spans (cfg.lab.spans). */
  readonly labSpans: readonly TrunkSpan[];
  /** The SIP stack (listeners of cfg.sip.listen, UA core). */
  readonly sip: SipService;
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
  let sip: SipService;
  try {
    sip = await startSip(cfg, log);
  } catch (err) {
    for (const s of started.reverse()) await s.stop();
    engine.close();
    throw err;
  }
  log.info({ event: 'gateway.started', spans: spans.map((s) => s.name), labSpans: labSpans.map((s) => s.name) }, 'gateway started');

  let closed = false;
  return {
    engine,
    spans,
    labSpans,
    sip,
    async close() {
      if (closed) return;
      closed = true;
      await sip.close();
      for (const s of [...started].reverse()) await s.stop();
      engine.close();
      engineLog.info({ event: 'engine.stopped' }, 'TDM engine stopped');
    },
  };
}
