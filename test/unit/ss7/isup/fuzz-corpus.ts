// Seeded fuzz inputs for the ISUP decoder: mutations of real and hand-built messages (bit flips,
// octet changes, pointer and length changes, truncation, insertion, deletion, splicing) and random
// octet strings. Shared by the suite's fuzz test (a slice) and bench/ss7-codec.ts (the million).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCapture, ss7Messages, SI_ISUP } from '../../../../src/ss7/capture/index.js';
import { loadFixtures } from './fixtures.js';

/** xorshift32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

const corpusDir = fileURLToPath(new URL('../../../../../shared/corpus/isup-captures/', import.meta.url));

/** Distinct ISUP messages of the corpus captures and every fixture: the seeds of the mutations. */
export function seedMessages(): Uint8Array[] {
  const seen = new Set<string>();
  const out: Uint8Array[] = [];
  const add = (m: Uint8Array) => {
    const k = Buffer.from(m).toString('hex');
    if (!seen.has(k)) {
      seen.add(k);
      out.push(m);
    }
  };
  for (const f of ['isup.cap', 'm3ua_isup.cap', 'isup_load_generator.pcap']) {
    const cap = readCapture(readFileSync(corpusDir + f));
    if (!cap.ok) continue;
    for (const m of ss7Messages(cap.frames)) if (m.si === SI_ISUP) add(m.userPart.slice());
  }
  for (const f of loadFixtures()) add(f.octets);
  return out;
}

/** The i-th fuzz input of a run (deterministic for a given seed list and generator). */
export function mutate(seeds: readonly Uint8Array[], next: () => number): Uint8Array {
  const pick = next() % 16;
  if (pick === 0) {
    // Random octets, 0-63 long; half of them with a known message type.
    const n = next() % 64;
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = next() & 0xff;
    if (n > 2 && next() & 1) b[2] = [1, 6, 9, 12, 16, 23, 24, 44, 47, 51, 65][next() % 11] as number;
    return b;
  }
  const src = seeds[next() % seeds.length] as Uint8Array;
  let b: Uint8Array = src.slice();
  const edits = 1 + (next() % 3);
  for (let e = 0; e < edits; e++) {
    const at = b.length ? next() % b.length : 0;
    switch (next() % 8) {
      case 0:
        if (b.length) b[at] = (b[at] as number) ^ (1 << (next() % 8));
        break;
      case 1:
        if (b.length) b[at] = next() & 0xff;
        break;
      case 2:
        b = b.subarray(0, at);
        break;
      case 3: {
        const ins = new Uint8Array(b.length + 1);
        ins.set(b.subarray(0, at));
        ins[at] = next() & 0xff;
        ins.set(b.subarray(at), at + 1);
        b = ins;
        break;
      }
      case 4: {
        const del = new Uint8Array(Math.max(0, b.length - 1));
        del.set(b.subarray(0, at));
        del.set(b.subarray(at + 1), at);
        b = del;
        break;
      }
      case 5:
        // Pointer or length octets sit near the start: nudge one of the first 12 octets.
        if (b.length > 3) {
          const p = 3 + (next() % Math.min(9, b.length - 3));
          b[p] = ((b[p] as number) + (next() % 5) - 2) & 0xff;
        }
        break;
      case 6: {
        // Splice the tail of another message.
        const other = seeds[next() % seeds.length] as Uint8Array;
        const from = other.length ? next() % other.length : 0;
        const sp = new Uint8Array(at + other.length - from);
        sp.set(b.subarray(0, at));
        sp.set(other.subarray(from), at);
        b = sp;
        break;
      }
      default:
        if (b.length > 2) b[2] = next() & 0xff;
    }
  }
  return b;
}
