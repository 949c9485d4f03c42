// The ISUP codec (src/ss7/isup) over MTP3: every ISUP fixture, decoded and re-encoded, crosses a
// two-link linkset as MTP-TRANSFER (SI 5, SLS = 4 low bits of the CIC) and decodes identically at
// the far point, in order per CIC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bringUp, makePair, PC_A, PC_B } from './harness.js';
import { decodeIsup, encodeIsup } from '../../../../src/ss7/isup/index.js';
import { loadFixtures } from '../isup/fixtures.js';

test('every ISUP fixture crosses MTP3 both ways and decodes to the same message at the far end', () => {
  const fixtures = loadFixtures();
  assert.ok(fixtures.length > 30);
  const p = makePair({ links: 2, traceEvents: false, quietUsers: true });
  bringUp(p);
  const sent: { cic: number; acronym: string; octets: string }[] = [];
  for (const f of fixtures) {
    const d = decodeIsup(f.octets);
    assert.ok(d.ok, `${f.file} decodes`);
    const e = encodeIsup(d.value);
    assert.ok(e.ok, `${f.file} encodes`);
    for (const [from, dpc] of [[p.a, PC_B], [p.b, PC_A]] as const) {
      assert.equal(from.transfer({ dpc, sls: d.value.cic & 15, si: 5, data: e.value }), 'sent');
    }
    sent.push({ cic: d.value.cic, acronym: d.value.acronym, octets: Buffer.from(f.octets).toString('hex') });
  }
  p.clock.advance(100);
  for (const user of [p.userA, p.userB]) {
    assert.equal(user.received.length, sent.length);
    const got = user.received.map((r) => {
      const d = decodeIsup(r.data);
      assert.ok(d.ok);
      assert.equal(r.sls, d.value.cic & 15);
      return { cic: d.value.cic, acronym: d.value.acronym, octets: r.data.toString('hex') };
    });
    // Per SLS (hence per CIC) the order is kept; across links it may differ, so compare per SLS.
    for (let s = 0; s < 16; s++) {
      assert.deepEqual(
        got.filter((g) => (g.cic & 15) === s),
        sent.filter((x) => (x.cic & 15) === s),
        `SLS ${s}`,
      );
    }
  }
});
