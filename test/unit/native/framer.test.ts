// G.704 framing with CRC-4 and G.706 receive alignment through the native framers
// (native/e1/framer_tx.cc, framer_rx.cc): the transmitted TS0 against an independent model of
// G.704 Table 5B, alignment at any bit offset, CRC-4 errors and E-bits, the non-CRC-4 fallback,
// loss and recovery of alignment, AIS and RAI. Time is counted in frames (8 per ms).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadNative } from '../../../src/native/addon.js';
import type { E1LinkSim, E1Side } from '../../../src/native/types/e1.js';

const { e1 } = loadNative();
const FRAMES_PER_MS = 8;

/** Bitwise CRC-4 (x^4 + x + 1) of G.704 §2.3.3.5.2, MSB first: an independent model. */
function crc4Model(data: Uint8Array): number {
  let r = 0;
  for (const byte of data) {
    for (let i = 7; i >= 0; i--) {
      const fb = ((r >> 3) & 1) ^ ((byte >> i) & 1);
      r = ((r << 1) & 0xf) ^ (fb ? 0x3 : 0);
    }
  }
  return r;
}

/** Runs the simulator 1 ms at a time until cond() holds; returns the frames it took, or -1. */
function framesUntil(sim: E1LinkSim, cond: () => boolean, maxFrames: number): number {
  const start = sim.framesRun();
  while (sim.framesRun() - start < maxFrames) {
    if (cond()) return sim.framesRun() - start;
    sim.run(FRAMES_PER_MS);
  }
  return cond() ? sim.framesRun() - start : -1;
}

function aligned(sim: E1LinkSim, side: E1Side): boolean {
  const s = sim.status(side);
  return s.frameAligned && s.mfAligned;
}

test('CRC-4 matches an independent bitwise model', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 512 }), (d) => assert.equal(e1.crc4(Buffer.from(d)), crc4Model(d))),
    { seed: 4, numRuns: 300 },
  );
});

test('the transmitter sends TS0 as G.704 Table 5B: FAS, NFAS, MFAS 001011, E-bits 1, Sa bits 1, C-bits = CRC-4 of the previous SMF', () => {
  const frames = 64;
  const line = e1.txFrames(frames, { crc4: true, prbs: true });
  assert.equal(line.length, frames * 32);
  const ts0 = (f: number): number => line[f * 32]!;
  for (let f = 0; f < frames; f++) {
    const n = f % 16;
    if (n % 2 === 0) {
      assert.equal(ts0(f) & 0x7f, 0x1b, `frame ${f}: FAS x0011011`);
    } else {
      assert.equal(ts0(f) & 0x40, 0x40, `frame ${f}: NFAS bit 2 = 1`);
      assert.equal(ts0(f) & 0x20, 0, `frame ${f}: A-bit 0`);
      assert.equal(ts0(f) & 0x1f, 0x1f, `frame ${f}: Sa4..Sa8 = 1`);
      const bit1 = ts0(f) >> 7;
      const expect = [0, 0, 1, 0, 1, 1, 1, 1][(n - 1) / 2]!;
      assert.equal(bit1, expect, `frame ${f}: MFAS/E bit`);
    }
  }
  // C-bits of SMF k carry the CRC-4 of SMF k-1 computed with its C-bit positions set to 0.
  for (let smf = 1; smf < frames / 8; smf++) {
    const prev = Buffer.from(line.subarray((smf - 1) * 256, smf * 256));
    for (let f = 0; f < 8; f += 2) prev[f * 32]! &= 0x7f;
    let c = 0;
    for (let f = 0; f < 8; f += 2) c = (c << 1) | (line[(smf * 8 + f) * 32]! >> 7);
    assert.equal(c, crc4Model(prev), `SMF ${smf}`);
  }
});

test('without CRC-4 bit 1 (Si) is 1 in every frame and FAS/NFAS still alternate', () => {
  const line = e1.txFrames(32, { crc4: false });
  for (let f = 0; f < 32; f++) {
    const ts0 = line[f * 32]!;
    assert.equal(ts0 >> 7, 1);
    if (f % 2 === 0) assert.equal(ts0 & 0x7f, 0x1b);
    else assert.equal(ts0 & 0x40, 0x40);
  }
});

test('frame and CRC-4 multiframe alignment within 50 ms at every bit offset 0..7 and larger shifts', () => {
  for (const shift of [0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 21, 31, 47]) {
    const sim = new e1.E1LinkSim({ shiftAB: shift, shiftBA: (shift * 3) % 48 });
    const took = framesUntil(sim, () => aligned(sim, 'b') && aligned(sim, 'a'), 50 * FRAMES_PER_MS);
    assert.ok(took >= 0, `shift ${shift}: not aligned within 50 ms: ${JSON.stringify(sim.status('b'))}`);
    assert.equal(sim.status('b').bitOffset, shift % 8, `shift ${shift}`);
    assert.equal(sim.status('a').bitOffset, ((shift * 3) % 48) % 8);
    assert.ok(sim.status('b').crc4Active);
  }
});

test('the receiver finds frames in a stream that starts at any bit, pushed in chunks of any size', () => {
  const line = e1.txFrames(400, { crc4: true, prbs: true });
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 255 * 8 }), fc.integer({ min: 1, max: 300 }), (bitStart, chunk) => {
      // Drop `bitStart` bits from the front: the frames then start at bit offset (8 - bitStart % 8) % 8.
      const bits = line.length * 8 - bitStart;
      const out = Buffer.alloc(Math.floor(bits / 8));
      for (let i = 0; i < out.length * 8; i++) {
        const src = i + bitStart;
        if ((line[src >> 3]! >> (7 - (src & 7))) & 1) out[i >> 3]! |= 0x80 >> (i & 7);
      }
      const r = e1.rxFramerRun(out, { crc4: true, chunk });
      assert.ok(r.status.frameAligned && r.status.mfAligned, JSON.stringify(r.status));
      assert.equal(r.status.bitOffset, (8 - (bitStart % 8)) % 8);
      assert.equal(r.counters.crcErrors, 0);
      assert.equal(r.counters.fasErrors, 0);
      assert.equal(r.counters.realignments, 1);
      // Delivered frames start with TS0 and equal the transmitted ones.
      const first = r.frames.subarray(0, 32);
      const idx = line.indexOf(first);
      assert.ok(idx >= 0 && idx % 32 === 0, 'delivered frame is a transmitted frame at its TS0');
      assert.deepEqual(r.frames, line.subarray(idx, idx + r.frames.length));
    }),
    { seed: 0x706, numRuns: 60 },
  );
});

test('a clean line gives zero CRC-4 errors and bit-exact bearer timeslots over 10 s', () => {
  const sim = new e1.E1LinkSim({ shiftAB: 3, shiftBA: 6 });
  sim.run(10_000 * FRAMES_PER_MS);
  for (const side of ['a', 'b'] as const) {
    const c = sim.counters(side);
    assert.equal(c.crcErrors, 0);
    assert.equal(c.febe, 0);
    assert.equal(c.fasErrors, 0);
    assert.equal(c.realignments, 1);
    assert.ok(c.prbs.synced);
    assert.ok(c.prbs.bits > 31 * 8 * 79_000, `bits checked ${c.prbs.bits}`);
    assert.equal(c.prbs.bitErrors, 0);
  }
});

test('injected bit errors appear as CRC-4 errors at the receiver and as E-bits (FEBE) back at the sender', () => {
  const sim = new e1.E1LinkSim({ shiftAB: 5 });
  assert.ok(framesUntil(sim, () => aligned(sim, 'a') && aligned(sim, 'b'), 400) >= 0);
  sim.run(100);
  sim.injectBitErrors('a', 25);
  sim.run(1000 * FRAMES_PER_MS);
  assert.equal(sim.counters('b').crcErrors, 25);
  assert.equal(sim.counters('b').prbs.bitErrors, 25);
  assert.equal(sim.counters('a').febe, 25);
  assert.equal(sim.counters('a').crcErrors, 0);
  assert.equal(sim.counters('b').febe, 0);
});

test('without the E-bit feedback the far end sees no FEBE (the E-bits come from the receiver)', () => {
  const sim = new e1.E1LinkSim({ eBitFeedback: false });
  sim.run(50 * FRAMES_PER_MS);
  sim.injectBitErrors('a', 10);
  sim.run(200 * FRAMES_PER_MS);
  assert.equal(sim.counters('b').crcErrors, 10);
  assert.equal(sim.counters('a').febe, 0);
});

test('random line bit errors are counted as CRC-4 errors, never more than the errors sent', () => {
  const sim = new e1.E1LinkSim({ seed: 77 });
  sim.run(50 * FRAMES_PER_MS);
  sim.flipLineBits('a', 40); // one bit every 8 frames: one per SMF
  sim.run(200 * FRAMES_PER_MS);
  const c = sim.counters('b');
  assert.ok(c.crcErrors >= 30 && c.crcErrors <= 40, `crcErrors ${c.crcErrors}`);
  assert.equal(c.realignments, 1, 'isolated errors do not lose alignment');
});

test('a non-CRC-4 peer is detected after 400 ms and basic framing continues without CRC-4 (G.706 Annex B)', () => {
  const sim = new e1.E1LinkSim({ crc4A: false, crc4B: true });
  assert.ok(framesUntil(sim, () => sim.status('b').frameAligned, 50 * FRAMES_PER_MS) >= 0);
  sim.run(390 * FRAMES_PER_MS - sim.framesRun());
  assert.equal(sim.status('b').crc4Active, true, 'still looking for the CRC-4 multiframe before 400 ms');
  sim.run(20 * FRAMES_PER_MS);
  const s = sim.status('b');
  assert.equal(s.crc4Active, false);
  assert.equal(s.mfAligned, false);
  assert.equal(s.frameAligned, true);
  sim.run(500 * FRAMES_PER_MS);
  const c = sim.counters('b');
  assert.equal(c.realignments, 1, 'basic frame alignment kept');
  assert.equal(c.crcErrors, 0);
  assert.equal(c.prbs.bitErrors, 0);
  assert.ok(c.frames > 7000);
});

test('a peer that turns CRC-4 on later is picked up again after the fallback', () => {
  const sim = new e1.E1LinkSim({ crc4A: false, crc4B: true });
  sim.run(450 * FRAMES_PER_MS);
  assert.equal(sim.status('b').crc4Active, false);
  sim.run(1); // switch on an odd frame boundary too: FAS/NFAS must keep alternating
  sim.setTxCrc4('a', true);
  assert.ok(framesUntil(sim, () => aligned(sim, 'b'), 50 * FRAMES_PER_MS) >= 0);
  assert.equal(sim.counters('b').realignments, 1, 'basic frame alignment kept across the switch');
  assert.equal(sim.counters('b').fasErrors, 0);
  assert.equal(sim.status('b').crc4Active, true);
  sim.run(100 * FRAMES_PER_MS);
  assert.equal(sim.counters('b').crcErrors, 0);
});

test('three consecutive bad FAS lose frame alignment; alignment is then recovered', () => {
  const sim = new e1.E1LinkSim({ shiftAB: 2 });
  sim.run(100 * FRAMES_PER_MS);
  sim.corruptFas('a', 3);
  let lost = false;
  for (let i = 0; i < 8; i++) {
    sim.run(1);
    if (sim.status('b').lof) lost = true;
  }
  assert.ok(lost, 'LOF after the third bad FAS');
  assert.ok(framesUntil(sim, () => aligned(sim, 'b'), 50 * FRAMES_PER_MS) >= 0, 'recovered');
  const c = sim.counters('b');
  assert.equal(c.fasErrors, 3);
  assert.equal(c.realignments, 2);
  assert.equal(sim.status('b').bitOffset, 2);
});

test('two bad FAS in a row do not lose frame alignment', () => {
  const sim = new e1.E1LinkSim();
  sim.run(100 * FRAMES_PER_MS);
  sim.corruptFas('a', 2);
  for (let i = 0; i < 16; i++) {
    sim.run(1);
    assert.equal(sim.status('b').lof, false);
  }
  assert.equal(sim.counters('b').fasErrors, 2);
  assert.equal(sim.counters('b').realignments, 1);
});

test('915 or more errored SMFs of 1000 lose frame alignment; fewer do not (G.706 §4.3.2)', () => {
  const few = new e1.E1LinkSim();
  few.run(100 * FRAMES_PER_MS);
  few.injectBitErrors('a', 900);
  few.run(1200 * FRAMES_PER_MS);
  assert.equal(few.counters('b').crcErrors, 900);
  assert.equal(few.counters('b').realignments, 1);

  const many = new e1.E1LinkSim();
  many.run(100 * FRAMES_PER_MS);
  many.injectBitErrors('a', 3000);
  // Every SMF errored from here on: the first full 1000-SMF window (1 s) after it triggers the loss.
  many.run(2100 * FRAMES_PER_MS);
  assert.ok(many.counters('b').realignments >= 2, `realignments ${many.counters('b').realignments}`);
});

test('an all-ones line raises AIS and LOF; a framed line clears them', () => {
  const sim = new e1.E1LinkSim();
  sim.run(100 * FRAMES_PER_MS);
  assert.equal(sim.status('b').ais, false);
  sim.setAllOnes('a', true);
  sim.run(2 * FRAMES_PER_MS);
  assert.equal(sim.status('b').ais, true);
  assert.equal(sim.status('b').lof, true);
  sim.setAllOnes('a', false);
  assert.ok(framesUntil(sim, () => aligned(sim, 'b'), 50 * FRAMES_PER_MS) >= 0);
  assert.equal(sim.status('b').ais, false);
  assert.equal(sim.status('b').lof, false);
});

test('a line with a few zeros per 512 bits is not AIS', () => {
  // txFrames with fill 0xFF: only TS0 carries zeros (FAS 0011011 and NFAS bit 1 of CRC-4)
  const r = e1.rxFramerRun(e1.txFrames(200, { crc4: false, fill: 0xff }), { crc4: false });
  assert.equal(r.status.ais, false);
  assert.equal(r.status.frameAligned, true);
});

test('the A-bit raises RAI at the far end and clears it', () => {
  const sim = new e1.E1LinkSim();
  sim.run(50 * FRAMES_PER_MS);
  assert.equal(sim.status('a').rai, false);
  sim.setRai('b', true);
  sim.run(FRAMES_PER_MS);
  assert.equal(sim.status('a').rai, true);
  assert.equal(sim.status('b').rai, false);
  sim.setRai('b', false);
  sim.run(FRAMES_PER_MS);
  assert.equal(sim.status('a').rai, false);
});

test('random line noise never crashes the receiver nor holds alignment for long', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 8192 }), fc.integer({ min: 1, max: 512 }), (noise, chunk) => {
      const r = e1.rxFramerRun(Buffer.from(noise), { crc4: true, chunk });
      assert.equal(r.frames.length, r.counters.frames * 32);
      assert.equal(r.counters.crcErrors, 0, 'no CRC-4 checks without multiframe alignment');
      assert.ok(r.counters.frames < 40, `frames delivered from noise: ${r.counters.frames}`);
    }),
    { seed: 0x4e, numRuns: 100 },
  );
});

test('a spurious alignment on a timeslot imitating FAS is replaced by the true one found in parallel (G.706 §4.2, Annex B)', () => {
  // Starting one octet into frame 0 the imitation in TS5 completes its three-frame check first.
  const line = e1.txFrames(100 * FRAMES_PER_MS, { crc4: true, prbs: true, mimicTs: 5 }).subarray(1);
  const r = e1.rxFramerRun(line, { crc4: true });
  assert.equal(r.status.frameAligned, true);
  assert.equal(r.status.mfAligned, true, JSON.stringify(r.status));
  assert.equal(r.status.crc4Active, true);
  assert.equal(r.counters.realignments, 2, 'first the imitation, then the true alignment');
  assert.equal(r.counters.crcErrors, 0);
  // The last delivered frames are the transmitted frames, TS0 first.
  const tail = r.frames.subarray(r.frames.length - 32 * 16);
  const idx = line.indexOf(tail);
  assert.ok(idx >= 0 && (idx + 1) % 32 === 0, `delivered frames start at a true TS0 (idx ${idx})`);
  assert.ok(r.alignedAfterOctets < 8 * 32 * 4);
});

test('while a non-CRC-4 peer is searched in parallel, the primary alignment keeps carrying traffic', () => {
  const line = e1.txFrames(450 * FRAMES_PER_MS, { crc4: false, prbs: true });
  const r = e1.rxFramerRun(line, { crc4: true, chunk: 256 });
  assert.equal(r.status.crc4Active, false);
  assert.equal(r.status.frameAligned, true);
  assert.equal(r.counters.realignments, 1);
  assert.equal(r.frames.length, line.length - 64, 'every frame after the first two delivered');
});
