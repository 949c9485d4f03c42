/**
 * Benchmark dispatcher: `npm run bench -- <name> [args]` runs bench/<name>.ts in a process of its own
 * (so its CPU and memory figures are its own) and passes its output through; the bench's last line is
 * one JSON object with its figures. `npm run bench` lists the benches.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();

if (!name || !/^[a-z0-9][a-z0-9-]*$/.test(name) || !existsSync(`${dir}${name}.ts`)) {
  process.stderr.write(`usage: npm run bench -- <name> [args]\nbenches: ${available.join(', ')}\n`);
  process.exit(name ? 2 : 0);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${name}.ts`, ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
