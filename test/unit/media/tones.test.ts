// Call-progress tones from the per-country plans (src/config/sections/tones.ts) through the native
// tone generator: frequencies, levels in dBm0 and cadences as the plan says (ITU-T E.180 defaults).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNative } from '../../../src/native/addon.js';
import { loadConfig, ConfigError } from '../../../src/config/load.js';
import { TONE_COUNTRIES, TONE_PLANS, toneSpec, type ToneName } from '../../../src/config/sections/tones.js';

const { media } = loadNative();
const NAMES: ToneName[] = ['dial', 'ringback', 'busy', 'congestion'];

/** Power (mean square) at frequency f over x[from, to) by a DFT bin. */
function toneMs(x: Int16Array, f: number, from: number, to: number): number {
  let re = 0;
  let im = 0;
  for (let n = from; n < to; n++) {
    re += x[n]! * Math.cos((2 * Math.PI * f * n) / 8000);
    im -= x[n]! * Math.sin((2 * Math.PI * f * n) / 8000);
  }
  const N = to - from;
  return (2 * (re * re + im * im)) / (N * N);
}

const msOfDbm0 = (dbm0: number) => {
  const a = 32768 * 10 ** ((dbm0 - 3.14) / 20);
  return (a * a) / 2;
};

/** On/off per 5 ms slot, from the signal energy. */
function onOff(x: Int16Array): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i + 40 <= x.length; i += 40) {
    let e = 0;
    for (let k = i; k < i + 40; k++) e += x[k]! * x[k]!;
    out.push(e / 40 > 1000);
  }
  return out;
}

/** Lengths of the runs of equal values, in ms (5 ms slots). */
function runs(b: boolean[]): { on: boolean; ms: number }[] {
  const r: { on: boolean; ms: number }[] = [];
  for (const v of b) {
    const last = r[r.length - 1];
    if (last && last.on === v) last.ms += 5;
    else r.push({ on: v, ms: 5 });
  }
  return r;
}

for (const country of TONE_COUNTRIES) {
  for (const name of NAMES) {
    test(`${country} ${name} tone has the plan's frequencies, level and cadence`, () => {
      const spec = toneSpec({ country, levelDbm0: -10 }, name);
      const cycle = spec.cadenceMs.reduce((a, b) => a + b, 0);
      const ms = cycle ? cycle * 2 : 1000;
      const x = media.toneGenerate(spec, ms);
      assert.equal(x.length, ms * 8);
      // level of each component over the first 200 ms (inside the first on-interval or continuous)
      const span = Math.min(spec.cadenceMs[0] ?? 200, 200) * 8;
      for (const f of spec.freqs) {
        const got = 10 * Math.log10(toneMs(x, f.hz, 0, span) / msOfDbm0(0));
        assert.ok(Math.abs(got - f.dbm0) < 0.5, `${f.hz} Hz at ${got.toFixed(2)} dBm0, want ${f.dbm0}`);
      }
      // nothing else: the components carry the energy
      let total = 0;
      for (let n = 0; n < span; n++) total += x[n]! * x[n]!;
      const sum = spec.freqs.reduce((a, f) => a + toneMs(x, f.hz, 0, span), 0);
      assert.ok(Math.abs(sum / (total / span) - 1) < 0.05);
      // cadence: two full cycles of on/off runs, each within one 5 ms slot of the plan
      if (cycle) {
        const r = runs(onOff(x));
        const want = [...spec.cadenceMs, ...spec.cadenceMs];
        assert.equal(r.length, want.length, JSON.stringify(r));
        r.forEach((seg, i) => {
          assert.equal(seg.on, i % 2 === 0);
          assert.ok(Math.abs(seg.ms - want[i]!) <= 5, `interval ${i}: ${seg.ms} ms, want ${want[i]}`);
        });
      } else {
        assert.ok(onOff(x).every((v) => v), 'continuous');
      }
    });
  }
}

test('the E.180 plan is the default and uses 425 Hz at -10 dBm0', () => {
  const cfg = loadConfig({ env: {} });
  assert.equal(cfg.tones.country, 'itu');
  assert.equal(cfg.tones.levelDbm0, -10);
  assert.deepEqual(toneSpec(cfg.tones, 'busy'), { freqs: [{ hz: 425, dbm0: -10 }], cadenceMs: [500, 500] });
  assert.deepEqual(TONE_PLANS.itu.ringback.cadenceMs, [1000, 4000]);
});

test('an unknown country or an out-of-range level is a config error naming the key', () => {
  assert.throws(() => loadConfig({ env: {}, object: { tones: { country: 'xx' } } }), (e: unknown) => e instanceof ConfigError && /tones\.country/.test(e.message));
  assert.throws(() => loadConfig({ env: {}, object: { tones: { levelDbm0: 5 } } }), (e: unknown) => e instanceof ConfigError && /tones\.levelDbm0/.test(e.message));
});

test('a one-shot cadence ends in silence', () => {
  const x = media.toneGenerate({ freqs: [{ hz: 1000, dbm0: -10 }], cadenceMs: [50], repeat: false }, 100);
  assert.ok(x.subarray(0, 400).some((v) => v !== 0));
  assert.ok(x.subarray(400).every((v) => v === 0));
});
