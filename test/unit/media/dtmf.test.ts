// In-band DTMF receiver (ITU-T Q.24) and generator (Q.23): all 16 digits, frequency tolerance, twist,
// level, timing, interruptions, and no false digits on speech-like signals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNative } from '../../../src/native/addon.js';
import { speechLike } from './speech-like.js';

const { media } = loadNative();
const ALL = '123A456B789C*0#D';
const LOW = [697, 770, 852, 941];
const HIGH = [1209, 1336, 1477, 1633];

function rowCol(d: string): [number, number] {
  const i = ALL.indexOf(d);
  return [Math.floor(i / 4), i % 4];
}

function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const silence = (ms: number) => new Int16Array(Math.round(ms * 8));

/** A dual tone with explicit frequencies and levels, for tolerance and twist tests. */
function dual(fLow: number, fHigh: number, ms: number, lowDbm0 = -8, highDbm0 = -6): Int16Array {
  return media.toneGenerate({ freqs: [{ hz: fLow, dbm0: lowDbm0 }, { hz: fHigh, dbm0: highDbm0 }], cadenceMs: [ms], repeat: false }, ms);
}

function digits(samples: Int16Array): string {
  return media
    .dtmfDetect(samples)
    .filter((e) => e.begin)
    .map((e) => e.digit)
    .join('');
}

test('all 16 digits at Q.23 levels are detected once each, in order, with begin and end', () => {
  const x = concat(silence(50), media.dtmfGenerate(ALL, { onMs: 100, offMs: 100 }));
  const ev = media.dtmfDetect(x);
  assert.equal(ev.filter((e) => e.begin).map((e) => e.digit).join(''), ALL);
  assert.equal(ev.filter((e) => !e.begin).map((e) => e.digit).join(''), ALL);
  // Begin reported within the tone, at 10 ms resolution: digit k starts at 50 + 200 k ms.
  ev.filter((e) => e.begin).forEach((e, k) => {
    const startMs = 50 + 200 * k;
    assert.ok(e.sample / 8 >= startMs - 10 && e.sample / 8 <= startMs + 20, `${e.digit} began at ${e.sample / 8} ms, tone at ${startMs}`);
  });
});

test('40 ms tones with 40 ms pauses are all detected, whatever their alignment to the blocks', () => {
  for (const offset of [0, 13, 27, 40, 55, 79]) {
    const x = concat(new Int16Array(offset), media.dtmfGenerate(ALL, { onMs: 40, offMs: 40 }), silence(40));
    assert.equal(digits(x), ALL, `offset ${offset} samples`);
  }
});

test('tones of 23 ms or less are not detected (Q.24 non-operate duration)', () => {
  for (const offset of [0, 20, 40, 60]) {
    const x = concat(new Int16Array(offset), media.dtmfGenerate(ALL, { onMs: 23, offMs: 60 }));
    assert.equal(digits(x), '', `offset ${offset}`);
  }
});

test('an interruption of 10 ms inside a tone does not split the digit', () => {
  for (const offset of [0, 25, 50, 75]) {
    const x = concat(new Int16Array(offset), dual(852, 1336, 60), silence(10), dual(852, 1336, 60), silence(60));
    assert.equal(digits(x), '8', `offset ${offset}`);
  }
});

test('frequencies within ±1.5 % of nominal operate, beyond ±3.5 % do not', () => {
  for (const d of ALL) {
    const [r, c] = rowCol(d);
    for (const dev of [-0.015, 0.015]) {
      assert.equal(digits(concat(dual(LOW[r]! * (1 + dev), HIGH[c]! * (1 + dev), 80), silence(60))), d, `${d} both ${dev * 100} %`);
      assert.equal(digits(concat(dual(LOW[r]! * (1 + dev), HIGH[c]! * (1 - dev), 80), silence(60))), d, `${d} opposite ${dev * 100} %`);
    }
    for (const dev of [-0.035, 0.035, -0.05, 0.05]) {
      assert.equal(digits(concat(dual(LOW[r]! * (1 + dev), HIGH[c]!, 80), silence(60))), '', `${d} low tone ${dev * 100} %`);
      assert.equal(digits(concat(dual(LOW[r]!, HIGH[c]! * (1 + dev), 80), silence(60))), '', `${d} high tone ${dev * 100} %`);
    }
  }
});

// Twist is measured over 20 ms windows; leakage between the groups (941/1209 Hz are 268 Hz apart)
// makes the measurement wander by about ±1.5 dB, so the cases keep that distance from the limits.
test('twist: high group 3 dB above low and low 6 dB above high operate; 6 and 11 dB do not (limits 4 / 8 dB)', () => {
  for (const d of ['1', '5', '9', 'D', '*']) {
    const [r, c] = rowCol(d);
    const f = (lo: number, hi: number) => digits(concat(dual(LOW[r]!, HIGH[c]!, 80, lo, hi), silence(60)));
    assert.equal(f(-9, -6), d, `${d}: normal twist 3 dB`);
    assert.equal(f(-6, -12), d, `${d}: reverse twist 6 dB`);
    assert.equal(f(-12, -6), '', `${d}: normal twist 6 dB`);
    assert.equal(f(-6, -17), '', `${d}: reverse twist 11 dB`);
  }
});

test('levels down to -25 dBm0 per frequency operate; -36 dBm0 does not', () => {
  assert.equal(digits(concat(dual(770, 1477, 80, -25, -25), silence(60))), '6');
  assert.equal(digits(concat(dual(770, 1477, 80, -36, -36), silence(60))), '');
});

test('a single tone, or two tones of the same group, is not a digit', () => {
  const one = media.toneGenerate({ freqs: [{ hz: 941, dbm0: -6 }], cadenceMs: [200], repeat: false }, 200);
  assert.equal(digits(one), '');
  assert.equal(digits(dual(697, 852, 200)), '');
  assert.equal(digits(concat(dual(1209, 1477, 200))), '');
});

test('digits survive speech-like background 15 dB below them', () => {
  const tones = concat(silence(100), media.dtmfGenerate(ALL, { onMs: 60, offMs: 60 }));
  const bg = speechLike(tones.length / 8000, 7);
  const rms = (x: Int16Array) => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / x.length);
  const gain = (rms(tones) / rms(bg)) * 10 ** (-15 / 20);
  const mix = new Int16Array(tones.length);
  for (let i = 0; i < mix.length; i++) mix[i] = Math.max(-32768, Math.min(32767, tones[i]! + Math.round(bg[i]! * gain)));
  assert.equal(digits(mix), ALL);
});

test('no false digits on two minutes of speech-like signal (talk-off)', () => {
  for (const seed of [1, 2, 3, 4]) {
    const x = speechLike(30, seed);
    assert.deepEqual(media.dtmfDetect(x), [], `seed ${seed}`);
  }
});
