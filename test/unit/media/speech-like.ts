// Deterministic speech-like test signals for DTMF talk-off tests (no recorded speech is available
// on the build machine): voiced syllables (harmonics of a gliding pitch shaped by moving formants),
// unvoiced noise bursts and pauses, at conversational levels.

/** mulberry32: a small seeded PRNG so signals are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function formantGain(f: number, formants: number[], bw: number): number {
  let g = 0;
  for (const F of formants) g += 1 / (1 + ((f - F) / bw) ** 2);
  return g / (1 + (f / 500) ** 2) ** 0.5;
}

/** Seconds of speech-like signal at 8 kHz. */
export function speechLike(seconds: number, seed: number): Int16Array {
  const rnd = prng(seed);
  const out = new Int16Array(Math.round(seconds * 8000));
  let n = 0;
  while (n < out.length) {
    const kind = rnd();
    const len = Math.round((0.06 + rnd() * 0.25) * 8000);
    const end = Math.min(out.length, n + len);
    if (kind < 0.65) {
      // voiced: pitch glides between two values, formants move between two vowels
      const f0a = 85 + rnd() * 180, f0b = f0a * (0.8 + rnd() * 0.4);
      const fa = [250 + rnd() * 650, 700 + rnd() * 1800, 2200 + rnd() * 1000];
      const fb = [250 + rnd() * 650, 700 + rnd() * 1800, 2200 + rnd() * 1000];
      const bw = 60 + rnd() * 90;
      const amp = 1500 + rnd() * 7000;
      let phase = 0;
      const phases = Array.from({ length: 40 }, () => rnd() * 2 * Math.PI);
      for (let i = n; i < end; i++) {
        const u = (i - n) / (end - n);
        const f0 = f0a + (f0b - f0a) * u;
        phase += (2 * Math.PI * f0) / 8000;
        const fm = fa.map((F, k) => F + (fb[k]! - F) * u);
        let s = 0;
        for (let h = 1; h * f0 < 3800 && h < 40; h++) s += formantGain(h * f0, fm, bw) * Math.sin(h * phase + phases[h]!);
        const env = Math.sin(Math.PI * u) ** 0.5;
        out[i] = Math.max(-32768, Math.min(32767, Math.round(amp * env * s)));
      }
    } else if (kind < 0.85) {
      // unvoiced: noise, high-passed by a first difference
      const amp = 500 + rnd() * 3000;
      let prev = 0;
      for (let i = n; i < end; i++) {
        const w = rnd() * 2 - 1;
        out[i] = Math.round(amp * (w - 0.7 * prev));
        prev = w;
      }
    } else {
      for (let i = n; i < end; i++) out[i] = Math.round((rnd() * 2 - 1) * 30);
    }
    n = end;
  }
  return out;
}
