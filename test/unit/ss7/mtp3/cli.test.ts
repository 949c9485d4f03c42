import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const tandem = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/run.ts'), ...args], { encoding: 'utf8', cwd: root });

test('tandem timers mtp3 lists the Q.704/Q.707 timers with the config overrides in effect', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-t-'));
  const file = join(dir, 'c.yaml');
  writeFileSync(file, 'ss7:\n  timers:\n    T2: 2000\n');
  const r = tandem('timers', 'mtp3', '--config', file, '--json');
  assert.equal(r.status, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { key: string; name: string; ms: number }[];
  assert.equal(rows.find((x) => x.key === 'T2')?.ms, 2000);
  assert.equal(rows.find((x) => x.key === 'SLT_T1')?.name, 'Q.707 T1');
  const text = tandem('timers', 'mtp3');
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /T17\s+Q\.704 T17\s+1000 ms/);
});
