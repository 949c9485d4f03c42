// G.711 Appendix I packet loss concealment on a voiced (periodic, vowel-like) signal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNative } from '../../../src/native/addon.js';

const { media } = loadNative();
const FRAME = 80;
const D = media.plcDelaySamples;

/** A vowel-like signal: harmonics of f0 with a formant-shaped envelope. */
function vowel(frames: number, f0: number, amp = 8000): Int16Array {
  const out = new Int16Array(frames * FRAME);
  const formants = [700, 1200, 2600];
  for (let n = 0; n < out.length; n++) {
    let s = 0;
    for (let h = 1; h * f0 < 3600; h++) {
      const f = h * f0;
      // formant resonances on a glottal source that falls off with frequency (about -12 dB/octave)
      const g = formants.reduce((acc, F) => acc + 1 / (1 + ((f - F) / 150) ** 2), 0) / (1 + (f / 400) ** 2);
      s += g * Math.sin((2 * Math.PI * f * n) / 8000 + h * 0.7);
    }
    out[n] = Math.round(amp * s * 2);
  }
  return out;
}

function snrDb(ref: Int16Array, got: Int16Array, from: number, to: number): number {
  let sig = 0;
  let err = 0;
  for (let i = from; i < to; i++) {
    sig += ref[i]! ** 2;
    err += (ref[i]! - got[i]!) ** 2;
  }
  return 10 * Math.log10(sig / Math.max(err, 1));
}

function energy(x: Int16Array, from: number, to: number): number {
  let e = 0;
  for (let i = from; i < to; i++) e += x[i]! ** 2;
  return e / (to - from);
}

test('without loss the concealer passes the signal through unchanged, 3.75 ms later', () => {
  const x = vowel(20, 118);
  const y = media.plcConceal(x, new Uint8Array(20));
  assert.equal(D, 30);
  for (let i = D; i < x.length; i++) assert.equal(y[i], x[i - D], `sample ${i}`);
});

// f0 with a whole number of samples per period (80, 125, 200 Hz) is repeated almost exactly; other
// pitches drift by a fraction of a sample per repeated period, which costs SNR at high harmonics.
for (const [f0, minSnr] of [[80, 20], [125, 20], [200, 20], [95, 6], [118, 6], [190, 6]] as const) {
  test(`one lost 10 ms frame of a ${f0} Hz vowel is replaced by a close copy of the waveform`, () => {
    const x = vowel(30, f0);
    const lost = new Uint8Array(30);
    lost[15] = 1;
    const y = media.plcConceal(x, lost);
    // Output sample i is input sample i - D: the lost frame shows at [15*80 + D, 16*80 + D).
    const ref = new Int16Array(y.length);
    for (let i = D; i < y.length; i++) ref[i] = x[i - D]!;
    const snr = snrDb(ref, y, 15 * FRAME + D, 16 * FRAME + D);
    assert.ok(snr > minSnr, `SNR of the concealed frame ${snr.toFixed(1)} dB`);
    // Zeroing the frame instead would score 0 dB: the concealment must do far better.
    const zeros = Int16Array.from(ref);
    zeros.fill(0, 15 * FRAME + D, 16 * FRAME + D);
    assert.ok(snrDb(ref, zeros, 15 * FRAME + D, 16 * FRAME + D) < 0.1);
    // Well after the loss the output is the input again, bit for bit.
    for (let i = 18 * FRAME + D; i < y.length; i++) assert.equal(y[i], ref[i]);
  });
}

test('a long loss fades out by 20 % per 10 ms after the first 10 ms and is silent from 60 ms on', () => {
  const x = vowel(40, 100); // one period per frame: frame energies compare like for like
  const lost = new Uint8Array(40);
  for (let f = 10; f < 20; f++) lost[f] = 1; // 100 ms
  const y = media.plcConceal(x, lost);
  const start = 10 * FRAME + D; // where the first concealed samples are played
  const e = (k: number) => energy(y, start + k * FRAME, start + (k + 1) * FRAME);
  const e0 = e(0);
  assert.ok(e0 > energy(x, 0, 10 * FRAME) * 0.5, 'the first 10 ms keep the level');
  for (let k = 1; k < 6; k++) assert.ok(e(k) < e(k - 1), `frame ${k} quieter than frame ${k - 1}`);
  assert.ok(e(3) < e0 * 0.5, 'clearly attenuated after 30 ms');
  for (let i = start + 6 * FRAME; i < start + 10 * FRAME; i++) assert.equal(y[i], 0, `sample ${i} silent`);
  // Recovery: the good frames are back to the input after the blend.
  for (let i = 22 * FRAME + D; i < y.length; i++) assert.equal(y[i], x[i - D]);
});

test('the first good frame after a loss is blended, not switched in abruptly', () => {
  const x = vowel(30, 150);
  const lost = new Uint8Array(30);
  lost[10] = 1;
  lost[11] = 1;
  const y = media.plcConceal(x, lost);
  // The largest step between consecutive samples around the return stays within what the signal has.
  let maxStepSignal = 0;
  for (let i = 1; i < 10 * FRAME; i++) maxStepSignal = Math.max(maxStepSignal, Math.abs(x[i]! - x[i - 1]!));
  const back = 12 * FRAME + D;
  for (let i = back - 40; i < back + 80; i++) {
    assert.ok(Math.abs(y[i]! - y[i - 1]!) <= maxStepSignal * 1.5, `step at ${i}: ${y[i]! - y[i - 1]!}`);
  }
});
