// The gateway process: owns the native engine, the spans of the config (and the exchange
// simulator's spans in the embedded default), and shuts them down in order.
import type { Logger } from '../log/logger.js';
import type { TandemConfig } from '../config/load.js';

export interface Gateway {
  close(): Promise<void>;
}

export async function startGateway(cfg: TandemConfig, log: Logger): Promise<Gateway> {
  log.info({ event: 'gateway.started', spans: cfg.spans.map((s) => s.name) }, 'gateway started');
  return {
    async close() {
      /* spans and engine are closed here once they exist */
    },
  };
}
