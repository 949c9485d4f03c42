// O.151 2^15-1 PRBS generator and self-synchronising checker (native/e1/prbs.cc), used for bearer
// bit-exactness tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNative } from '../../../src/native/addon.js';

const { e1 } = loadNative();

function bitsOf(buf: Buffer): number[] {
  const out: number[] = [];
  for (const o of buf) for (let i = 7; i >= 0; i--) out.push((o >> i) & 1);
  return out;
}

/** Independent model: 15-stage register, feedback from stages 14 and 15, inverted output. */
function prbsModel(nBits: number, seed = 0x7fff): number[] {
  let reg = seed;
  const out: number[] = [];
  for (let i = 0; i < nBits; i++) {
    const nb = ((reg >> 14) ^ (reg >> 13)) & 1;
    reg = ((reg << 1) | nb) & 0x7fff;
    out.push(nb ^ 1);
  }
  return out;
}

test('the generator follows x^15 + x^14 + 1 with inverted output and has period 2^15 - 1', () => {
  const buf = e1.prbsGenerate((32767 * 2) / 8 + 8);
  const bits = bitsOf(buf);
  assert.deepEqual(bits.slice(0, 4000), prbsModel(4000));
  for (let i = 0; i < 32767; i++) assert.equal(bits[i], bits[i + 32767], `period at bit ${i}`);
  // One period holds 2^14 zeros (inverted: the ones of the m-sequence) and the longest zero run is 15.
  const period = bits.slice(0, 32767);
  assert.equal(period.filter((b) => b === 0).length, 16384);
  let run = 0;
  let maxRun = 0;
  for (const b of [...period, ...period]) {
    run = b === 0 ? run + 1 : 0;
    maxRun = Math.max(maxRun, run);
  }
  assert.equal(maxRun, 15);
});

test('the checker synchronises on a clean sequence from any starting point and counts no errors', () => {
  const buf = e1.prbsGenerate(20_000);
  for (const start of [0, 1, 777, 4095]) {
    const r = e1.prbsCheck(buf.subarray(start));
    assert.equal(r.synced, true);
    assert.equal(r.bitErrors, 0);
    assert.ok(r.bits > (20_000 - start) * 8 - 200);
  }
});

test('the checker counts each flipped bit once', () => {
  const buf = Buffer.from(e1.prbsGenerate(20_000));
  const flips = [1000, 2500, 7000, 12_345, 19_000];
  for (const f of flips) buf[f]! ^= 0x10;
  const r = e1.prbsCheck(buf);
  assert.equal(r.bitErrors, flips.length);
  assert.equal(r.syncLosses, 0);
});

test('the checker loses sync on a burst of garbage and resynchronises after it', () => {
  const buf = Buffer.from(e1.prbsGenerate(20_000));
  for (let i = 5000; i < 5200; i++) buf[i] = (i * 73) & 0xff;
  const r = e1.prbsCheck(buf);
  assert.equal(r.syncLosses, 1);
  assert.equal(r.synced, true);
});

test('random data never synchronises the checker', () => {
  let x = 12345;
  const buf = Buffer.alloc(20_000);
  for (let i = 0; i < buf.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    buf[i] = x >>> 24;
  }
  const r = e1.prbsCheck(buf);
  assert.equal(r.synced, false);
  assert.equal(r.bits, 0);
});
