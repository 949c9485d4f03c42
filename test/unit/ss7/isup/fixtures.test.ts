// Codec fixtures (CONVENTIONS.md 17): captured and hand-built hex with a direction comment, one per
// Q.763 message type at least; each decodes to its message type and encodes back to the same octets.
import assert from 'node:assert/strict';
import test from 'node:test';
import { decodeIsup, describeMessage, encodeIsup, ituMessageFormats } from '../../../../src/ss7/isup/index.js';
import { loadFixtures } from './fixtures.js';

const fixtures = loadFixtures();

test('every fixture names its message and direction and decodes to that message type', () => {
  assert.ok(fixtures.length >= 50);
  for (const f of fixtures) {
    assert.ok(f.direction.length > 0, `${f.file} has a direction comment`);
    const d = decodeIsup(f.octets);
    assert.ok(d.ok, `${f.file}: ${JSON.stringify(d.ok || d.error)}`);
    assert.equal(d.value.acronym, f.acronym, f.file);
  }
});

test('every fixture encodes back to identical octets', () => {
  for (const f of fixtures) {
    const d = decodeIsup(f.octets);
    assert.ok(d.ok);
    const e = encodeIsup(d.value);
    assert.ok(e.ok, f.file);
    assert.equal(Buffer.from(e.value).toString('hex'), Buffer.from(f.octets).toString('hex'), f.file);
  }
});

test('the fixtures cover every message type of the ITU table whose format Q.763 gives', () => {
  const covered = new Set(fixtures.map((f) => f.acronym));
  const missing = ituMessageFormats.filter((m) => !m.opaque && !covered.has(m.acronym)).map((m) => m.acronym);
  assert.deepEqual(missing, []);
});

test('every fixture describes itself as JSON with the message type by name and every parameter', () => {
  for (const f of fixtures) {
    const d = decodeIsup(f.octets);
    assert.ok(d.ok);
    const j = describeMessage(d.value);
    const json = JSON.parse(JSON.stringify(j)) as { messageType: { acronym: string }; parameters: unknown[] };
    assert.equal(json.messageType.acronym, f.acronym);
    const count = d.value.fixed.length + d.value.variable.length + (d.value.optional?.length ?? 0);
    assert.equal(json.parameters.length, count, f.file);
  }
});
