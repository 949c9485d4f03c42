// The `tandem` command line: dispatches to the command whose words match the arguments' start.
import { readFileSync } from 'node:fs';
import { commands } from './commands/index.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function help(): string {
  const lines = ['Tandem: SIP-to-PSTN gateway (SIP <-> SS7 ISUP on E1)', '', 'usage:'];
  const width = Math.max(...commands.map((c) => c.usage.length));
  for (const c of commands) lines.push(`  ${c.usage.padEnd(width)}  ${c.summary}`);
  lines.push(`  ${'tandem --help'.padEnd(width)}  this text`, `  ${'tandem --version'.padEnd(width)}  print the version`, '');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(help() + '\n');
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version' || argv[0] === '-V') {
    process.stdout.write(`tandem ${version()}\n`);
    return 0;
  }
  // Longest match first ("config check" before "config").
  const sorted = [...commands].sort((a, b) => b.words.length - a.words.length);
  for (const c of sorted) {
    if (c.words.every((w, i) => argv[i] === w)) {
      const rest = argv.slice(c.words.length);
      if (rest.includes('--help')) {
        process.stdout.write(`usage: ${c.usage}\n  ${c.summary}\n`);
        return 0;
      }
      return c.run(rest);
    }
  }
  process.stderr.write(`tandem: unknown command "${argv.join(' ')}"\n\n${help()}\n`);
  return 2;
}
