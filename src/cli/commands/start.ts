// `tandem start [--config FILE]`: run the gateway until SIGINT/SIGTERM.
import { loadConfig, ConfigError } from '../../config/load.js';
import { createLogger } from '../../log/logger.js';
import { startGateway } from '../../app/gateway.js';
import { takeOption, type CliCommand } from '../command.js';

export const start: CliCommand = {
  words: ['start'],
  usage: 'tandem start [--config FILE] [--log-level LEVEL]',
  summary: 'start the gateway (with no --config: the embedded default with the exchange simulator)',
  async run(args) {
    const file = takeOption(args, 'config');
    let cfg;
    try {
      cfg = loadConfig({ file, args });
    } catch (err) {
      if (err instanceof ConfigError) {
        process.stderr.write(`tandem: invalid config: ${err.key}: ${err.reason}\n`);
        return 1;
      }
      throw err;
    }
    const log = createLogger({ level: cfg.log.level as 'info', pretty: cfg.log.pretty ?? undefined });
    log.info({ event: 'gateway.starting', config: file ?? '(embedded default)' }, 'starting Tandem');
    const gw = await startGateway(cfg, log);
    await new Promise<void>((resolve) => {
      const stop = (sig: string) => {
        log.info({ event: 'gateway.stopping', signal: sig }, 'stopping');
        resolve();
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    await gw.close();
    log.info({ event: 'gateway.stopped' }, 'stopped');
    log.flush();
    return 0;
  },
};
