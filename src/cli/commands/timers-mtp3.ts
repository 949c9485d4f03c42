// `tandem timers mtp3 [--config FILE] [--json]`: the MTP3 timer table (Q.704 §16.8, Q.707 §5.5) with
// the values in effect (defaults, or the config's ss7.timers overrides).
import { loadConfig, ConfigError } from '../../config/load.js';
import { MTP3_TIMERS, resolveTimers } from '../../ss7/mtp3/timers.js';
import { takeOption, type CliCommand } from '../command.js';

export const timersMtp3Command: CliCommand = {
  words: ['timers', 'mtp3'],
  usage: 'tandem timers mtp3 [--config FILE] [--json]',
  summary: 'list the MTP3 timers (Q.704/Q.707 name, value in effect, range, what it guards)',
  async run(args) {
    const file = takeOption(args, 'config');
    const json = args.includes('--json');
    let values;
    try {
      values = resolveTimers(loadConfig({ file, args: args.filter((a) => a !== '--json') }).ss7.timers);
    } catch (err) {
      if (err instanceof ConfigError) {
        process.stderr.write(`invalid config: ${err.key}: ${err.reason}\n`);
        return 1;
      }
      throw err;
    }
    const rows = MTP3_TIMERS.map((t) => ({ key: t.key, name: `${t.spec} ${t.name}`, ms: values[t.key], defaultMs: t.defaultMs, minMs: t.minMs, maxMs: t.maxMs, section: t.section, description: t.description }));
    if (json) {
      process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      return 0;
    }
    const w = (s: string, n: number) => s.padEnd(n);
    process.stdout.write(`${w('key', 8)}${w('timer', 11)}${w('value', 10)}${w('range', 15)}description\n`);
    for (const r of rows) {
      process.stdout.write(`${w(r.key, 8)}${w(r.name, 11)}${w(`${r.ms} ms`, 10)}${w(`${r.minMs}-${r.maxMs}`, 15)}${r.description} (${r.section})\n`);
    }
    return 0;
  },
};
