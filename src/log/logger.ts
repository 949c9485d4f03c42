// pino logging for every component. JSON lines when stdout is not a TTY (for machines and tests),
// pino-pretty when it is (for people). Each component takes a child logger with its own
// structured fields ({component, span, ts, cic, callId}); state changes carry a stable `event`.
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Force pretty (true) or JSON (false); default: pretty when stdout is a TTY. */
  pretty?: boolean;
  /** Write JSON lines to this file descriptor instead of stdout (1). */
  destination?: number | string;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? 'info';
  const pretty = opts.pretty ?? Boolean(process.stdout.isTTY);
  if (pretty) {
    return pino({
      level,
      base: undefined,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  return pino(
    { level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: opts.destination ?? 1, sync: true }),
  );
}

/** A silent logger for tests and library use. */
export function nullLogger(): Logger {
  return pino({ level: 'silent' });
}

/** One child logger per component, with the component's name as a structured field. */
export function componentLogger(parent: Logger, component: string, fields: Record<string, unknown> = {}): Logger {
  return parent.child({ component, ...fields });
}
