// HDLC of Q.703 §2-3 through the native encoder/decoder (native/e1/hdlc.cc): the worked example, the
// FCS-16 against its catalogue check value and an independent bitwise model, round trips of random
// frames at any bit position, and every receive error class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadNative } from '../../../src/native/addon.js';

const { e1 } = loadNative();

/** Bitwise CRC-16/X.25 (reflected 0x8408, init 0xFFFF, complemented): an independent model. */
function fcs16Model(data: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of data) {
    crc ^= byte;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
  }
  return ~crc & 0xffff;
}

function withFcs(payload: Uint8Array): Buffer {
  const f = fcs16Model(payload);
  return Buffer.concat([Buffer.from(payload), Buffer.from([f & 0xff, f >>> 8])]);
}

/** Timeslot octets -> line bits (MSB of each octet first). */
function toBits(octets: Uint8Array): number[] {
  const bits: number[] = [];
  for (const o of octets) for (let i = 7; i >= 0; i--) bits.push((o >> i) & 1);
  return bits;
}

/** Line bits -> timeslot octets (MSB first), the last octet padded with zeros. */
function fromBits(bits: number[]): Buffer {
  const out = Buffer.alloc(Math.ceil(bits.length / 8), 0);
  bits.forEach((b, i) => {
    const mask = 0x80 >> (i % 8);
    out[i >> 3] = b ? out[i >> 3]! | mask : out[i >> 3]! & ~mask;
  });
  return out;
}

/** A frame's line bits by hand: flag, LSB-first octets with zero insertion, flag. */
function handEncode(octets: Uint8Array): number[] {
  const flag = [0, 1, 1, 1, 1, 1, 1, 0];
  const bits = [...flag];
  let ones = 0;
  for (const o of octets) {
    for (let i = 0; i < 8; i++) {
      const b = (o >> i) & 1;
      bits.push(b);
      ones = b ? ones + 1 : 0;
      if (ones === 5) {
        bits.push(0);
        ones = 0;
      }
    }
  }
  return [...bits, ...flag];
}

test('the FISU FF FF 00 after a flag goes out as timeslot octets 7E FB EF A0 1F 7D F5 (worked example)', () => {
  const out = e1.hdlcEncode([Buffer.from([0xff, 0xff, 0x00])], 7);
  assert.equal(out.toString('hex'), '7efbefa01f7df5');
});

test('the worked example decodes back to FF FF 00 with its FCS', () => {
  const out = e1.hdlcEncode([Buffer.from([0xff, 0xff, 0x00])], 12);
  const r = e1.hdlcDecode(out);
  assert.equal(r.frames.length, 1);
  assert.deepEqual(r.frames[0], withFcs(Buffer.from([0xff, 0xff, 0x00])));
  assert.equal(r.counters.frames, 1);
  assert.deepEqual(r.errors, []);
});

test('FCS-16 has the CRC-16/X.25 check value 0x906E for "123456789" and matches a bitwise model', () => {
  assert.equal(e1.fcs16(Buffer.from('123456789', 'ascii')), 0x906e);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
      assert.equal(e1.fcs16(Buffer.from(data)), fcs16Model(data));
    }),
    { seed: 0x4c2b, numRuns: 300 },
  );
});

test('the encoder sends flags when it has nothing to send', () => {
  const out = e1.hdlcEncode([], 16);
  assert.ok(out.every((o) => o === 0x7e));
  assert.equal(e1.hdlcDecode(out).counters.frames, 0);
});

test('encoded frames equal a hand-made bit stream: LSB first, zero insertion, MSB-first packing', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (payload) => {
      const bits = handEncode(withFcs(payload));
      const out = e1.hdlcEncode([Buffer.from(payload)], Math.floor(bits.length / 8));
      const ours = toBits(out);
      assert.deepEqual(ours, bits.slice(0, ours.length));
    }),
    { seed: 0x51, numRuns: 200 },
  );
});

// Payloads biased to the hard cases: flag and escape octets, long runs of ones, tiny frames.
const payloadArb = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 280 }),
  fc
    .array(fc.constantFrom(0x7e, 0x7d, 0xff, 0xfe, 0x7f, 0x3f, 0x00), { minLength: 1, maxLength: 100 })
    .map((a) => Uint8Array.from(a)),
  fc.integer({ min: 1, max: 280 }).map((n) => new Uint8Array(n).fill(0xff)),
  fc.uint8Array({ minLength: 1, maxLength: 2 }),
);

test('random frames (0x7E, 0x7D, long runs of ones, 1-octet payloads) cross encode/decode intact at any bit offset', () => {
  fc.assert(
    fc.property(
      fc.array(payloadArb, { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 0, max: 15 }),
      fc.integer({ min: 1, max: 3 }),
      (payloads, shift, flags) => {
        const bufs = payloads.map((p) => Buffer.from(p));
        const total = bufs.reduce((n, b) => n + Math.ceil(((b.length + 2) * 8 * 6) / 5 / 8) + flags + 1, 2);
        const out = e1.hdlcEncode(bufs, total + 4, flags);
        // Shift the serial stream by `shift` bits: HDLC is bit-oriented, octet boundaries mean nothing.
        const bits = [...new Array<number>(shift).fill(1), ...toBits(out)];
        const shifted = fromBits(bits.slice(0, bits.length - (bits.length % 8)));
        const r = e1.hdlcDecode(shifted, { minFrameWithFcs: 3, maxFrameWithFcs: 400 });
        assert.deepEqual(r.errors, []);
        assert.deepEqual(
          r.frames,
          bufs.map((b) => withFcs(b)),
        );
      },
    ),
    { seed: 0x7e7d, numRuns: 250 },
  );
});

test('bit errors are detected: never a good frame with wrong content (seeded run)', () => {
  let detected = 0;
  fc.assert(
    fc.property(payloadArb, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (payload, flips) => {
      const bits = toBits(e1.hdlcEncode([Buffer.from(payload)], Math.ceil(((payload.length + 2) * 8 * 6) / 5 / 8) + 3));
      // Flip bits inside the frame (after the opening flag) only.
      const frameBits = handEncode(withFcs(payload)).length - 16;
      for (const f of flips) bits[8 + (f % frameBits)] ^= 1;
      const r = e1.hdlcDecode(fromBits(bits), { minFrameWithFcs: 3, maxFrameWithFcs: 400 });
      const original = withFcs(payload);
      for (const fr of r.frames) assert.deepEqual(fr, original, 'a corrupted frame passed the FCS');
      if (r.frames.length === 0) {
        assert.ok(r.errors.length > 0, 'a lost frame must be counted as an error');
        detected++;
      }
    }),
    { seed: 0x0bad, numRuns: 400 },
  );
  assert.ok(detected > 300, `errors detected in ${detected} of 400 runs`);
});

test('a frame with a bad FCS is dropped and counted as an FCS error', () => {
  const good = withFcs(Buffer.from([0x81, 0x82, 0x00]));
  good[4]! ^= 0x10;
  const r = e1.hdlcDecode(fromBits([...handEncode(good), 0, 1, 1, 1, 1, 1, 1, 0]));
  assert.equal(r.frames.length, 0);
  assert.deepEqual(r.errors, ['fcsError']);
  assert.equal(r.counters.fcsErrors, 1);
});

test('seven ones inside a frame abort it; it is counted once and nothing is delivered', () => {
  const bits = handEncode(withFcs(Buffer.from([0x81, 0x82, 0x00, 0x11, 0x22])));
  const cut = [...bits.slice(0, 8 + 20), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
  const r = e1.hdlcDecode(fromBits([...cut, ...handEncode(withFcs(Buffer.from([1, 2, 3])))]));
  assert.equal(r.counters.aborts, 1);
  assert.deepEqual(r.errors, ['abort']);
  assert.deepEqual(r.frames, [withFcs(Buffer.from([1, 2, 3]))], 'the next frame after a flag is received again');
});

test('a frame that is not a whole number of octets is counted as non-octet', () => {
  const flag = [0, 1, 1, 1, 1, 1, 1, 0];
  const data = [
    1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0,
    1, 1, 0, 1,
  ];
  const r = e1.hdlcDecode(fromBits([...flag, ...data, ...flag]));
  assert.equal(r.counters.nonOctet, 1);
  assert.deepEqual(r.errors, ['nonOctet']);
});

test('a frame longer than the maximum is counted as oversize and dropped', () => {
  const big = Buffer.alloc(400, 0x55);
  const r = e1.hdlcDecode(fromBits(handEncode(withFcs(big))), { maxFrameWithFcs: 300 });
  assert.equal(r.frames.length, 0);
  assert.deepEqual(r.errors, ['oversize']);
  const ok = e1.hdlcDecode(fromBits(handEncode(withFcs(big))), { maxFrameWithFcs: 402 });
  assert.equal(ok.frames.length, 1);
});

test('a signal unit of fewer than 5 octets with its FCS is too short; a 3-octet FISU is accepted', () => {
  const short = e1.hdlcDecode(fromBits(handEncode(withFcs(Buffer.from([0x81, 0x82])))));
  assert.deepEqual(short.errors, ['tooShort']);
  const fisu = e1.hdlcDecode(fromBits(handEncode(withFcs(Buffer.from([0x81, 0x82, 0x00])))));
  assert.equal(fisu.frames.length, 1);
});

test('back-to-back flags, including flags sharing their zero, are not frames', () => {
  // 0111111011111101111110: three flags sharing zeros
  const bits = [0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0];
  const r = e1.hdlcDecode(fromBits([...bits, ...handEncode(withFcs(Buffer.from([9, 8, 7])))]));
  assert.deepEqual(r.errors, []);
  assert.equal(r.frames.length, 1);
});

test('the tap sees every frame sent and every good frame received, with its FCS', () => {
  const payloads = [Buffer.from([0x81, 0x82, 0x00]), Buffer.from([1, 2, 3, 4, 5, 6]), Buffer.from([0x7e, 0x7d, 0xff])];
  const enc = e1.hdlcEncodeTapped(payloads, 64);
  const withFcsAll = payloads.map((p) => withFcs(p));
  assert.deepEqual(enc.tapped, withFcsAll);
  const bits = toBits(enc.octets);
  // Damage the second frame: the receive tap must not see it.
  bits[8 + 48 + 8 + 20] ^= 1;
  const dec = e1.hdlcDecode(fromBits(bits));
  assert.deepEqual(dec.tapped, dec.frames);
  assert.deepEqual(dec.frames, [withFcsAll[0], withFcsAll[2]]);
  assert.equal(dec.counters.fcsErrors + dec.counters.aborts + dec.counters.nonOctet, 1);
});

test('random garbage never crashes the decoder and every flag-delimited run is accounted for', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (junk) => {
      const r = e1.hdlcDecode(Buffer.from(junk));
      const c = r.counters;
      assert.equal(r.errors.length, c.fcsErrors + c.aborts + c.nonOctet + c.oversize + c.tooShort);
      for (const f of r.frames) assert.equal(fcs16Model(f.subarray(0, f.length - 2)) & 0xff, f[f.length - 2]);
    }),
    { seed: 0x6a6b, numRuns: 200 },
  );
});
