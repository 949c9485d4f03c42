/**
 * TDM engine benchmark: CPU of the engine thread per span and tick lateness (p50/p99/max) with 1, 8 and
 * 32 virtual E1 spans looped in pairs over loopback UDP (1 span: looped to itself), every bearer
 * timeslot carrying A-law idle from its bearer port (production path; media channels' own cost is
 * theirs) or, with --bert, the PRBS generator and checker (the bit-exactness test mode, which costs
 * more per octet), plus peak RSS. Both ends of every pair are in this one engine, so each span's
 * figures include one send and one receive per ms.
 * Goal (issue 2): 32 spans under 50 % of one core with p99 lateness under 200 µs.
 *   npm run bench -- tdm [--seconds N] [--rt PRIO] [--bert]
 * Last line: one JSON object, e.g. {"bench":"tdm","spans":32,"cpuPct":...,"tickLateP99Us":...}.
 */
import { TdmEngine } from '../src/native/engine.js';
import { benchSpan } from './lib/spans.js';
import { freeUdpPorts } from '../test/helpers/ports.js';

function opt(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const seconds = opt('seconds', 5);
const rt = opt('rt', 0);
const bert = process.argv.includes('--bert');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RunFigures {
  spans: number;
  cpuPct: number;
  cpuPctPerSpan: number;
  processCpuPct: number;
  tickLateP50Us: number;
  tickLateP99Us: number;
  tickLateMaxUs: number;
  tickWorkMaxUs: number;
  ticks: number;
  crcErrors: number;
  bertBitErrors: number;
  bertBits: number;
  underruns: number;
}

async function run(n: number): Promise<RunFigures> {
  const engine = new TdmEngine({ realtimePriority: rt });
  engine.onWarning((w) => process.stderr.write(`engine warning: ${w.warning} ${w.detail}\n`));
  try {
    const ports = await freeUdpPorts(n);
    const spans: number[] = [];
    for (let i = 0; i < n; i += 2) {
      const a = ports[i]!;
      const b = i + 1 < n ? ports[i + 1]! : a; // an odd one out loops to itself
      spans.push(engine.addSpan(benchSpan(`s${i}`, a, b), () => {}));
      if (b !== a) spans.push(engine.addSpan(benchSpan(`s${i + 1}`, b, a), () => {}));
    }
    const t0 = Date.now();
    while (!spans.every((s) => engine.spanStatus(s).mfAligned)) {
      if (Date.now() - t0 > 10_000) throw new Error(`${n} spans: no alignment after 10 s`);
      await sleep(10);
    }
    if (bert) for (const s of spans) engine.setBert(s, true);
    await sleep(300);
    const before = spans.map((s) => engine.spanStatus(s));
    engine.resetStats();
    await sleep(20);
    const s0 = engine.stats();
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    await sleep(seconds * 1000);
    const s1 = engine.stats();
    const c1 = process.cpuUsage(c0);
    const wall = (performance.now() - w0) * 1000;
    const after = spans.map((s) => engine.spanStatus(s));
    const sum = (f: (i: number) => number) => spans.reduce((acc, _s, i) => acc + f(i), 0);
    const cpuPct = ((s1.threadCpuUs - s0.threadCpuUs) / wall) * 100;
    return {
      spans: n,
      cpuPct: round(cpuPct),
      cpuPctPerSpan: round(cpuPct / n),
      processCpuPct: round(((c1.user + c1.system) / wall) * 100),
      tickLateP50Us: s1.lateP50Us,
      tickLateP99Us: s1.lateP99Us,
      tickLateMaxUs: s1.lateMaxUs,
      tickWorkMaxUs: s1.workMaxUs,
      ticks: s1.ticks - s0.ticks,
      crcErrors: sum((i) => after[i]!.counters['framer.crcErrors']! - before[i]!.counters['framer.crcErrors']!),
      bertBitErrors: sum((i) => after[i]!.bert.bitErrors - before[i]!.bert.bitErrors),
      bertBits: sum((i) => after[i]!.bert.bits - before[i]!.bert.bits),
      underruns: sum((i) => after[i]!.counters['driver.underruns']! - before[i]!.counters['driver.underruns']!),
    };
  } finally {
    engine.close();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

const runs: RunFigures[] = [];
for (const n of [1, 8, 32]) {
  const r = await run(n);
  runs.push(r);
  process.stdout.write(
    `${String(n).padStart(2)} spans: engine thread ${r.cpuPct.toFixed(1)} % of a core (${r.cpuPctPerSpan.toFixed(2)} %/span), ` +
      `process ${r.processCpuPct.toFixed(1)} %, tick lateness p50 ${r.tickLateP50Us} µs p99 ${r.tickLateP99Us} µs max ${r.tickLateMaxUs} µs, ` +
      `CRC-4 errors ${r.crcErrors}, BERT ${r.bertBitErrors}/${r.bertBits} bits, underruns ${r.underruns}\n`,
  );
}
const last = runs[runs.length - 1]!;
const peakRssMb = round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(
  JSON.stringify({
    bench: 'tdm',
    spans: last.spans,
    cpuPct: last.cpuPct,
    cpuPctPerSpan: last.cpuPctPerSpan,
    tickLateP50Us: last.tickLateP50Us,
    tickLateP99Us: last.tickLateP99Us,
    tickLateMaxUs: last.tickLateMaxUs,
    peakRssMb,
    realtimePriority: rt,
    bert,
    seconds,
    goalMet: last.cpuPct < 50 && last.tickLateP99Us < 200,
    runs,
  }) + '\n',
);
