import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tandem = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/run.ts'), ...args], { encoding: 'utf8', cwd: root });

test('tandem --version prints the package version', () => {
  const r = tandem('--version');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^tandem \d+\.\d+\.\d+/);
});

test('tandem --help lists start, config check and config print', () => {
  const r = tandem('--help');
  assert.equal(r.status, 0);
  for (const w of ['tandem start', 'tandem config check', 'tandem config print']) assert.ok(r.stdout.includes(w), w);
});

test('config check names the bad key and exits non-zero', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-cli-'));
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'spans:\n  - name: e1-0\n    crc4: maybe\n');
  const r = tandem('config', 'check', bad);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /spans\[0\]\.crc4/);
  const good = join(dir, 'good.yaml');
  writeFileSync(good, 'spans:\n  - name: e1-0\n');
  const ok = tandem('config', 'check', good);
  assert.equal(ok.status, 0, ok.stderr);
});

test('config print --json shows the embedded default with defaults filled', () => {
  const r = tandem('config', 'print', '--json');
  assert.equal(r.status, 0, r.stderr);
  const cfg = JSON.parse(r.stdout) as { spans: { name: string; jitterBufferPackets: number }[] };
  assert.equal(cfg.spans[0]!.name, 'e1-0');
  assert.equal(typeof cfg.spans[0]!.jitterBufferPackets, 'number');
});
