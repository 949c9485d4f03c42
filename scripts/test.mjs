// The whole test suite, as `npm test` runs it: type-check, lint, then every test/**/*.test.ts on
// node's built-in test runner (through tsx). Its closing summary is what CI reads.
//   npm test                 everything
//   npm test -- test/unit    only files under a path (type-check and lint still run)
//   npm test -- --fast       skip type-check and lint
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const fast = args.includes('--fast');
const roots = args.filter((a) => !a.startsWith('--'));

function run(label, cmd, cmdArgs) {
  process.stdout.write(`\n== ${label}: ${cmd} ${cmdArgs.join(' ')}\n`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stdout.write(`\n== ${label} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}

function findTests(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

if (!fast) {
  run('type-check', join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  run('lint', join(root, 'node_modules/.bin/eslint'), [
    '--max-warnings=0',
    '--no-error-on-unmatched-pattern',
    'src',
    'test',
    'bench',
    'scripts',
  ]);
}
const files = (roots.length ? roots : ['test']).flatMap((r) =>
  statSync(join(root, r)).isDirectory() ? findTests(join(root, r), []) : [r],
);
if (files.length === 0) {
  process.stdout.write('no test files found\n');
  process.exit(1);
}
run('tests', process.execPath, [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-timeout=300000',
  ...files,
]);
