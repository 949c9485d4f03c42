// `tandem config check FILE` and `tandem config print [--config FILE]`.
import { stringify } from 'yaml';
import { loadConfig, ConfigError } from '../../config/load.js';
import { takeOption, type CliCommand } from '../command.js';

export const configCheck: CliCommand = {
  words: ['config', 'check'],
  usage: 'tandem config check FILE',
  summary: 'validate a config file; prints the key and reason of the first error, exit 1 if invalid',
  async run(args) {
    const file = args[0];
    if (!file) {
      process.stderr.write('usage: tandem config check FILE\n');
      return 2;
    }
    try {
      const cfg = loadConfig({ file, args: args.slice(1) });
      process.stdout.write(`${file}: valid (${cfg.spans.length} span(s))\n`);
      return 0;
    } catch (err) {
      if (err instanceof ConfigError) {
        process.stderr.write(`${file}: invalid: ${err.key}: ${err.reason}\n`);
        return 1;
      }
      throw err;
    }
  },
};

export const configPrint: CliCommand = {
  words: ['config', 'print'],
  usage: 'tandem config print [--config FILE] [--json]',
  summary: 'print the effective config (embedded default, or FILE, with defaults filled in)',
  async run(args) {
    const file = takeOption(args, 'config');
    const json = args.includes('--json');
    try {
      const cfg = loadConfig({ file, args: args.filter((a) => a !== '--json') });
      process.stdout.write(json ? JSON.stringify(cfg, null, 2) + '\n' : stringify(cfg));
      return 0;
    } catch (err) {
      if (err instanceof ConfigError) {
        process.stderr.write(`invalid config: ${err.key}: ${err.reason}\n`);
        return 1;
      }
      throw err;
    }
  },
};
