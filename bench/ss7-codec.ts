/**
 * ISUP codec benchmark (issue 4): decode and encode messages per CPU second for an IAM with optional
 * parameters (test/fixtures/isup/iam-full.txt: 17 optional parameters, 107 octets) and a REL with
 * cause, redirection number and redirection information; the million-message fuzz run's speed; peak
 * memory. Compared with what a 64 kbit/s link carries (about 320 ISUP MSUs per second per direction):
 * `headroomVs320` is how many times below that load the codec's cost is (decode + encode of each MSU).
 * `runIsupCodecBench()` returns the figures (for bench/ss7.ts); run directly it prints them, last line
 * one JSON object.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeIsup, encodeIsup, type IsupMessage } from '../src/ss7/isup/index.js';
import { mutate, rng, seedMessages } from '../test/unit/ss7/isup/fuzz-corpus.js';

/** MSUs per second per direction a 64 kbit/s link carries with typical ISUP messages (issue 4). */
export const LINK_MSUS_PER_SEC = 320;

export interface IsupCodecBenchFigures {
  iamOctets: number;
  iamOptionalParameters: number;
  iamDecodePerSec: number;
  iamEncodePerSec: number;
  relOctets: number;
  relDecodePerSec: number;
  relEncodePerSec: number;
  /** CPU microseconds to decode and re-encode one IAM (the costliest typical MSU). */
  iamRoundTripMicros: number;
  /** How many times a fully loaded link's codec cost fits in one core: 1 / (320 x (decode + encode) CPU s). */
  headroomVs320: number;
  /** Share of one core for a fully loaded link, both directions: 320 IAMs/s decoded in, 320 IAMs/s encoded out. */
  cpuPercentFullLink: number;
  fuzzMessages: number;
  fuzzPerSec: number;
  fuzzInternalErrors: number;
  peakRssMiB: number;
  heapUsedMiB: number;
}

function fixture(name: string): Uint8Array {
  const text = readFileSync(fileURLToPath(new URL(`../test/fixtures/isup/${name}`, import.meta.url)), 'utf8');
  const hex = text
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .join('')
    .replace(/\s+/g, '');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

function cpuSeconds(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

/** Runs `op` in batches until `minCpuSec` of CPU time is spent; returns operations per CPU second. */
function rate(op: () => void, minCpuSec: number): number {
  let n = 0;
  let spent = 0;
  const batch = 5000;
  while (spent < minCpuSec) {
    spent += cpuSeconds(() => {
      for (let i = 0; i < batch; i++) op();
    });
    n += batch;
  }
  return n / spent;
}

function mustDecode(b: Uint8Array): IsupMessage {
  const d = decodeIsup(b);
  if (!d.ok) throw new Error(`fixture does not decode: ${d.error.kind}`);
  return d.value;
}

export function runIsupCodecBench(opts: { seconds?: number; fuzz?: number } = {}): IsupCodecBenchFigures {
  const secs = opts.seconds ?? 1;
  const iam = fixture('iam-full.txt');
  const rel = fixture('rel.txt');
  const iamMsg = mustDecode(iam);
  const relMsg = mustDecode(rel);
  let sink = 0;
  // Warm up the JIT before measuring.
  rate(() => (sink += decodeIsup(iam).ok ? 1 : 0), 0.2);
  const iamDecodePerSec = rate(() => (sink += decodeIsup(iam).ok ? 1 : 0), secs);
  const iamEncodePerSec = rate(() => (sink += encodeIsup(iamMsg).ok ? 1 : 0), secs);
  const relDecodePerSec = rate(() => (sink += decodeIsup(rel).ok ? 1 : 0), secs);
  const relEncodePerSec = rate(() => (sink += encodeIsup(relMsg).ok ? 1 : 0), secs);

  const seeds = seedMessages();
  const fuzzMessages = opts.fuzz ?? 1_000_000;
  const next = rng(0x15a9);
  let internal = 0;
  const fuzzCpu = cpuSeconds(() => {
    for (let i = 0; i < fuzzMessages; i++) {
      const d = decodeIsup(mutate(seeds, next));
      if (!d.ok && d.error.kind === 'internal') internal++;
    }
  });
  if (sink < 0) console.log(sink);

  const iamRoundTripMicros = 1e6 / iamDecodePerSec + 1e6 / iamEncodePerSec;
  // Both directions of a loaded link: 320 MSUs/s received (decoded) and 320 MSUs/s sent (encoded), all IAMs.
  const loadCpuPerSec = LINK_MSUS_PER_SEC * (iamRoundTripMicros / 1e6);
  const mem = process.memoryUsage();
  return {
    iamOctets: iam.length,
    iamOptionalParameters: iamMsg.optional?.length ?? 0,
    iamDecodePerSec: Math.round(iamDecodePerSec),
    iamEncodePerSec: Math.round(iamEncodePerSec),
    relOctets: rel.length,
    relDecodePerSec: Math.round(relDecodePerSec),
    relEncodePerSec: Math.round(relEncodePerSec),
    iamRoundTripMicros: Number(iamRoundTripMicros.toFixed(2)),
    headroomVs320: Math.round(1 / loadCpuPerSec),
    cpuPercentFullLink: Number((loadCpuPerSec * 100).toFixed(3)),
    fuzzMessages,
    fuzzPerSec: Math.round(fuzzMessages / fuzzCpu),
    fuzzInternalErrors: internal,
    peakRssMiB: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
    heapUsedMiB: Number((mem.heapUsed / 1048576).toFixed(1)),
  };
}

export function printIsupCodecFigures(f: IsupCodecBenchFigures): void {
  console.log(`ISUP IAM (${f.iamOctets} octets, ${f.iamOptionalParameters} optional parameters): decode ${f.iamDecodePerSec}/s, encode ${f.iamEncodePerSec}/s per CPU second`);
  console.log(`ISUP REL (${f.relOctets} octets): decode ${f.relDecodePerSec}/s, encode ${f.relEncodePerSec}/s`);
  console.log(
    `IAM decode+encode ${f.iamRoundTripMicros} µs: a 64 kbit/s link full of IAMs (${LINK_MSUS_PER_SEC} MSUs/s each way: decode in, encode out) costs ${f.cpuPercentFullLink} % of a core, ${f.headroomVs320}x below one core`,
  );
  console.log(`fuzz: ${f.fuzzMessages} mutated messages at ${f.fuzzPerSec}/s, ${f.fuzzInternalErrors} exceptions caught; peak RSS ${f.peakRssMiB} MiB`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const f = runIsupCodecBench();
  printIsupCodecFigures(f);
  console.log(JSON.stringify({ bench: 'ss7-codec', ...f }));
}
