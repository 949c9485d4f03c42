// Golden transcript (CONVENTIONS.md 16): every fixture described as the CLI prints it, one JSON line
// per fixture, compared with test/fixtures/isup/describe.golden.jsonl. Regenerate after a deliberate
// change with UPDATE_GOLDEN=1 and review the diff.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import test from 'node:test';
import { decodeIsup, describeDecodeError, describeMessage } from '../../../../src/ss7/isup/index.js';
import { fixtureDir, loadFixtures } from './fixtures.js';

const golden = fixtureDir + 'describe.golden.jsonl';

test('every fixture is described exactly as the golden transcript says', () => {
  const lines = loadFixtures().map((f) => {
    const d = decodeIsup(f.octets);
    return JSON.stringify({ fixture: f.file, ...(d.ok ? describeMessage(d.value) : { error: describeDecodeError(d.error) }) });
  });
  const text = lines.join('\n') + '\n';
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, text);
  assert.ok(existsSync(golden), 'golden transcript present (UPDATE_GOLDEN=1 writes it)');
  const want = readFileSync(golden, 'utf8').split('\n');
  const got = text.split('\n');
  assert.equal(got.length, want.length, 'one line per fixture');
  got.forEach((l, i) => assert.equal(l, want[i], `line ${i + 1}`));
});
