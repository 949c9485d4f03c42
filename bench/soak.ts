/**
 * Memory soak (`npm run bench -- soak [--seconds N] [--only sip|media|ss7] [--cps R] [--trace] [--drain]`): does memory stay
 * flat under steady load? Three phases, each a steady load held for a while; after a warm-up the bench
 * samples, every few seconds and after a full collection (global.gc(), so it needs --expose-gc: it
 * re-executes itself with the flag when started without it), heapUsed, external, arrayBuffers and RSS,
 * and fits a least-squares line per metric: slope per minute and per call (or per channel replaced /
 * per MSU), with its standard error.
 *  (a) sip: sipp UAC (built-in "uac": INVITE/200/ACK/BYE, no media) at a steady rate against a Tandem
 *      UAS (SipTransport + UserAgent, as bench/sip.ts) in this process. Server transactions are kept
 *      64*T1 = 32 s after completion (Timer J for the BYE's non-INVITE transaction, RFC 3261 17.2.2;
 *      Timer L for the accepted INVITE, RFC 6026 8.7), so the heap rises for 32 s and then plateaus:
 *      the warm-up lasts 36 s, and bytes per call in flight = (plateau heap - idle heap) / (rate * 32 s).
 *      --drain: after the load, wait 34 s more (every 64*T1 timer run) and report the heap left over
 *      per call answered (idle heap as the reference).
 *  (b) media: 8 spans looped in memory in pairs (drivers/loop), 200 media channels up with RTP
 *      flowing (each channel the RTP peer of the one on the same timeslot of the paired span); every
 *      100 ms one pair is closed and reopened (20 channels replaced per second). Also the hub's native
 *      counters (open channels) must not grow.
 *  (c) ss7: two MTP3 stacks (point codes 1 and 2) over native MTP2 on TS16 of a span pair looped in
 *      memory, a steady ISUP (SI 5) MSU stream of 250 MSUs/s each way.
 * Flat: a metric is flat when its slope over the second half of the sampling window is at most
 * max(floor, 2 standard errors of that slope); the whole-window slope is printed beside it. The second
 * half is the verdict because the heap keeps rising for a minute or two after a load starts while V8
 * tiers up the hot code (optimized code, feedback vectors: bounded; the code space figure shows it),
 * which a short window would read as a leak. The floor
 * is what would still be harmless over a day (heap/external/arrayBuffers 64 KiB/min ~ 90 MiB/day;
 * RSS 256 KiB/min: the allocator returns pages lazily, so RSS moves in steps of arenas, not bytes);
 * two standard errors is what the window can resolve: a slope inside it is not told apart from the
 * sawtooth of the allocator and the collector. A short run therefore proves less than a long one:
 * the printed "resolution" says how small a leak the window could have seen.
 * SOAK_HEAPSNAP=<dir>: heap snapshots at the first and last sample of each window (RSS figures then meaningless).
 * Last line: {"bench":"soak","sip":{...},"media":{...},"ss7":{...}}.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

if (typeof global.gc !== 'function') {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const gc = global.gc as () => void;

const { nullLogger } = await import('../src/log/logger.js');
const { SipTransport } = await import('../src/sip/transport/transport.js');
const { UserAgent } = await import('../src/sip/ua/user-agent.js');
const { TdmEngine } = await import('../src/native/engine.js');
const { MediaCore } = await import('../src/media/index.js');
const { TrunkSpan } = await import('../src/trunk/span.js');
const { NativeMtp2Link } = await import('../src/ss7/mtp2/native-link.js');
const { Mtp3 } = await import('../src/ss7/mtp3/mtp3.js');
const { freeUdpPorts } = await import('../test/helpers/ports.js');
const { spanConfig } = await import('../test/integration/e1/helpers.js');
const { benchSpan } = await import('./lib/spans.js');
type MediaChannel = import('../src/media/index.js').MediaChannel;
type SpanConfig = import('../src/config/sections/spans.js').SpanConfig;
type MtpTransferIndication = import('../src/ss7/mtp3/primitives.js').MtpTransferIndication;

function opt(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}
const totalSeconds = Number(opt('seconds', '90'));
const only = opt('only', '');
const cps = Number(opt('cps', '200'));
const trace = process.argv.includes('--trace');
const drainCheck = process.argv.includes('--drain');
const SIP_WARM_S = 36; // 32 s of Timers J/L + margin
const MEDIA_WARM_S = 5;
const SS7_WARM_S = 5;
const SAMPLE_EVERY_S = 2;
const nPhases = only ? 1 : 3;
const fixedWarm = only === 'sip' ? SIP_WARM_S : only === 'media' ? MEDIA_WARM_S : only === 'ss7' ? SS7_WARM_S + 2 : SIP_WARM_S + MEDIA_WARM_S + SS7_WARM_S + 2;
const sampleSeconds = Number(opt('sample-seconds', String(Math.max(10, (totalSeconds - fixedWarm) / nPhases))));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const KiB = 1024;
const METRICS = ['heapUsed', 'external', 'arrayBuffers', 'rss'] as const;
type Metric = (typeof METRICS)[number];
const FLOOR_PER_MIN: Record<Metric, number> = { heapUsed: 64 * KiB, external: 64 * KiB, arrayBuffers: 64 * KiB, rss: 256 * KiB };

interface Sample {
  tMin: number;
  mem: Record<Metric, number>;
  /** load units done so far (calls completed, channels replaced, MSUs received) */
  units: number;
  extra: Record<string, number>;
}

function memNow(): Record<Metric, number> {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss };
}

/** Least squares y = a + b x; b and its standard error. */
function fit(xs: number[], ys: number[]): { slope: number; se: number } {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i]! - (my + slope * (xs[i]! - mx))) ** 2;
  const se = n > 2 && sxx > 0 ? Math.sqrt(sse / (n - 2) / sxx) : Infinity;
  return { slope, se };
}

interface MetricFigures {
  first: number;
  last: number;
  /** whole sampling window */
  slopePerMin: number;
  slopePerUnit: number;
  resolutionPerMin: number;
  /** second half of the window (the verdict): what is left once warm-up (JIT code, caches) settled */
  lateSlopePerMin: number;
  lateSlopePerUnit: number;
  lateResolutionPerMin: number;
  flat: boolean;
}

function analyse(samples: Sample[]): { metrics: Record<Metric, MetricFigures>; flat: boolean; unitsPerMin: number; codeSpaceGrowth: number } {
  const late = samples.slice(Math.floor(samples.length / 2));
  const xs = samples.map((s) => s.tMin);
  const lx = late.map((s) => s.tMin);
  const u = fit(xs, samples.map((s) => s.units));
  const lu = fit(lx, late.map((s) => s.units));
  const perUnit = (slope: number, rate: number): number => (rate > 0 ? Math.round((slope / rate) * 1000) / 1000 : 0);
  const metrics = {} as Record<Metric, MetricFigures>;
  for (const m of METRICS) {
    const all = fit(xs, samples.map((s) => s.mem[m]));
    const end = fit(lx, late.map((s) => s.mem[m]));
    metrics[m] = {
      first: samples[0]!.mem[m],
      last: samples[samples.length - 1]!.mem[m],
      slopePerMin: Math.round(all.slope),
      slopePerUnit: perUnit(all.slope, u.slope),
      resolutionPerMin: Math.round(2 * all.se),
      lateSlopePerMin: Math.round(end.slope),
      lateSlopePerUnit: perUnit(end.slope, lu.slope),
      lateResolutionPerMin: Math.round(2 * end.se),
      flat: end.slope <= Math.max(FLOOR_PER_MIN[m], 2 * end.se),
    };
  }
  const code = (s: Sample): number => s.extra.codeSpace ?? 0;
  return { metrics, flat: METRICS.every((m) => metrics[m].flat), unitsPerMin: u.slope, codeSpaceGrowth: code(samples[samples.length - 1]!) - code(samples[0]!) };
}

/** Runs the load's sampling window: samples every SAMPLE_EVERY_S after a forced collection. */
async function sampleWindow(seconds: number, units: () => number, extra: () => Record<string, number> = () => ({})): Promise<Sample[]> {
  const t0 = performance.now();
  const out: Sample[] = [];
  for (;;) {
    const mem = memNow();
    const code = getHeapSpaceStatistics().find((x) => x.space_name === 'code_space')?.space_used_size ?? 0;
    out.push({ tMin: (performance.now() - t0) / 60000, mem, units: units(), extra: { ...extra(), codeSpace: code } });
    if (trace) process.stderr.write(`  t=${(out[out.length - 1]!.tMin * 60).toFixed(0)}s heap=${mem.heapUsed} ext=${mem.external} ab=${mem.arrayBuffers} rss=${mem.rss} units=${out[out.length - 1]!.units}\n`);
    // SOAK_HEAPSNAP=dir: heap snapshots at the window's first and last sample, to diff what grew.
    if (process.env.SOAK_HEAPSNAP && out.length === 1) writeHeapSnapshot(`${process.env.SOAK_HEAPSNAP}/first.heapsnapshot`);
    if (performance.now() - t0 >= seconds * 1000) {
      if (process.env.SOAK_HEAPSNAP) writeHeapSnapshot(`${process.env.SOAK_HEAPSNAP}/last.heapsnapshot`);
      break;
    }
    await sleep(SAMPLE_EVERY_S * 1000);
  }
  return out;
}

const mib = (b: number): string => (b / 1048576).toFixed(1);
const kib = (b: number): string => (b / 1024).toFixed(1);

// ---------------------------------------------------------------- (a) SIP
const ANSWER = ['v=0', 'o=tandem 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 40000 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', 'a=sendrecv', ''].join('\r\n');

async function sipPhase(): Promise<Record<string, unknown>> {
  const [port, uacPort] = (await freeUdpPorts(2)) as [number, number];
  const log = nullLogger();
  const transport = new SipTransport({ listen: [{ transport: 'udp', address: '127.0.0.1', port }], log, limits: { maxRequestsPerSecondPerSource: 1_000_000 } });
  let answered = 0;
  const ua = new UserAgent({
    transport,
    log,
    onIncomingCall: (c) => {
      answered++;
      c.answer({ sdp: ANSWER });
    },
  });
  await transport.start();
  const idle = memNow();
  let out = '';
  const p = spawn('sipp', ['-sn', 'uac', `127.0.0.1:${port}`, '-p', String(uacPort), '-i', '127.0.0.1', '-r', String(cps), '-rp', '1000', '-nostdin', '-buff_size', String(4 * 1024 * 1024), '-trace_stat', '-stf', '/dev/null'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  p.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20000)));
  p.stderr.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20000)));
  const exited = new Promise<void>((r) => p.on('close', () => r()));
  try {
    await sleep(SIP_WARM_S * 1000);
    const samples = await sampleWindow(sampleSeconds, () => answered);
    p.kill('SIGINT');
    await Promise.race([exited, sleep(5000)]);
    const num = (re: RegExp): number => {
      const all = [...out.matchAll(re)];
      const m = all[all.length - 1];
      return m ? Number(m[1]) : 0;
    };
    const successful = num(/Successful call\s*\|\s*\d+\s*\|\s*(\d+)/g);
    const failed = num(/Failed call\s*\|\s*\d+\s*\|\s*(\d+)/g);
    // --drain: after the load stops and every 64*T1 timer has run, what the heap keeps is per-call residue.
    let drain: Record<string, number> = {};
    if (drainCheck) {
      await sleep((SIP_WARM_S - 2) * 1000);
      const d = memNow();
      drain = { drainedHeapMiB: Number(mib(d.heapUsed)), residueBytesPerCall: answered ? Math.round((d.heapUsed - idle.heapUsed) / answered) : 0 };
    }
    const a = analyse(samples);
    const meanHeap = samples.reduce((s, x) => s + x.mem.heapUsed, 0) / samples.length;
    const rate = a.unitsPerMin / 60;
    const inFlight = rate * 32; // calls whose transactions are held (Timers J/L, 32 s)
    return {
      offeredCps: cps,
      measuredCps: Math.round(rate * 10) / 10,
      answered,
      sippSuccessful: successful,
      sippFailed: failed,
      idleHeapMiB: Number(mib(idle.heapUsed)),
      plateauHeapMiB: Number(mib(meanHeap)),
      callsInFlight: Math.round(inFlight),
      bytesPerCallInFlight: inFlight > 0 ? Math.round((meanHeap - idle.heapUsed) / inFlight) : 0,
      ...drain,
      ...a,
      samples: samples.length,
      sampleSeconds: Math.round(sampleSeconds),
    };
  } finally {
    if (p.exitCode === null) p.kill('SIGKILL');
    ua.close();
    await transport.close();
  }
}

// ---------------------------------------------------------------- (b) media
const BEARERS = [...Array(31).keys()].map((i) => i + 1).filter((ts) => ts !== 16);

async function mediaPhase(): Promise<Record<string, unknown>> {
  const CALLS = 200;
  const PAIRS_PER_TICK = 1; // every 100 ms: 2 channels replaced -> 20/s
  const engine = new TdmEngine({});
  const core = new MediaCore(engine, { portMin: 20000, portMax: 60000 });
  try {
    const nSpans = Math.max(2, Math.ceil(CALLS / BEARERS.length / 2) * 2);
    const spans: number[] = [];
    for (let i = 0; i < nSpans; i += 2) {
      spans.push(engine.addSpan(benchSpan(`s${i}`, 0, 0, 'memory', `s${i + 1}`), () => {}));
      spans.push(engine.addSpan(benchSpan(`s${i + 1}`, 0, 0, 'memory', `s${i}`), () => {}));
    }
    const t0 = Date.now();
    while (!spans.every((s) => engine.spanStatus(s).frameAligned)) {
      if (Date.now() - t0 > 15_000) throw new Error('spans did not align');
      await sleep(20);
    }
    const jb = { initialMs: 40, minMs: 20, maxMs: 200 };
    interface Pair {
      sa: number;
      sb: number;
      ts: number;
      a: MediaChannel;
      b: MediaChannel;
    }
    const openPair = (sa: number, sb: number, ts: number): Pair => {
      const a = core.openChannel({ span: sa, timeslot: ts, ptimeMs: 20, dtmfMode: 'rfc4733', jitterBuffer: jb, rtpTimeoutMs: 0 });
      const b = core.openChannel({ span: sb, timeslot: ts, ptimeMs: 20, dtmfMode: 'rfc4733', jitterBuffer: jb, rtpTimeoutMs: 0 });
      a.modify({ remote: { host: '127.0.0.1', port: b.port } });
      b.modify({ remote: { host: '127.0.0.1', port: a.port } });
      return { sa, sb, ts, a, b };
    };
    const pairs: Pair[] = [];
    for (let k = 0; pairs.length < CALLS / 2; k++) {
      const g = Math.floor(k / BEARERS.length);
      pairs.push(openPair(spans[2 * g]!, spans[2 * g + 1]!, BEARERS[k % BEARERS.length]!));
    }
    let replaced = 0;
    let rtpRx = 0;
    let next = 0;
    let failure: unknown = null;
    const churn = setInterval(() => {
      try {
        for (let i = 0; i < PAIRS_PER_TICK; i++) {
          const old = pairs[next]!;
          rtpRx += (old.a.stats()['rtp.rx'] ?? 0) + (old.b.stats()['rtp.rx'] ?? 0);
          old.a.close();
          old.b.close();
          pairs[next] = openPair(old.sa, old.sb, old.ts);
          next = (next + 1) % pairs.length;
          replaced += 2;
        }
      } catch (e) {
        failure = e;
      }
    }, 100);
    try {
      await sleep(MEDIA_WARM_S * 1000);
      const samples = await sampleWindow(
        sampleSeconds,
        () => replaced,
        () => ({ channels: core.stats().channels, eventsDropped: core.stats().eventsDropped }),
      );
      if (failure) throw failure;
      const a = analyse(samples);
      const chans = samples.map((s) => s.extra.channels ?? 0);
      const rxLive = pairs.reduce((n, p) => n + (p.a.stats()['rtp.rx'] ?? 0) + (p.b.stats()['rtp.rx'] ?? 0), 0);
      return {
        channelsUp: CALLS,
        replacedPerSecond: Math.round((a.unitsPerMin / 60) * 10) / 10,
        replaced,
        rtpPacketsReceived: rtpRx + rxLive,
        nativeChannelsMin: Math.min(...chans),
        nativeChannelsMax: Math.max(...chans),
        nativeChannelsFlat: Math.max(...chans) <= CALLS + 2 * PAIRS_PER_TICK,
        ...a,
        flat: a.flat && Math.max(...chans) <= CALLS + 2 * PAIRS_PER_TICK,
        samples: samples.length,
        sampleSeconds: Math.round(sampleSeconds),
      };
    } finally {
      clearInterval(churn);
    }
  } finally {
    core.close();
    engine.close();
  }
}

// ---------------------------------------------------------------- (c) SS7
async function ss7Phase(): Promise<Record<string, unknown>> {
  const engine = new TdmEngine();
  const fast: Partial<SpanConfig> = { alarmRaiseMs: 20, alarmClearMs: 20, losThresholdMs: 30, pcap: null };
  const cfg = (name: string, peer: string): SpanConfig => spanConfig(name, 0, 0, { ...fast, name, driver: 'loop', peer } as Partial<SpanConfig>);
  const sa = new TrunkSpan(engine, cfg('a-span0', 'b-span0'), 0, nullLogger());
  const sb = new TrunkSpan(engine, cfg('b-span0', 'a-span0'), 1, nullLogger());
  sa.start();
  sb.start();
  const la = new NativeMtp2Link(engine, sa.engineHandle!, 16, { name: 'a/16', logger: nullLogger() });
  const lb = new NativeMtp2Link(engine, sb.engineHandle!, 16, { name: 'b/16', logger: nullLogger() });
  const mk = (pc: number, adj: number, link: InstanceType<typeof NativeMtp2Link>) =>
    new Mtp3({ pointCode: pc, networkIndicator: 'national', linksets: [{ name: 'ls', adjacentPointCode: adj, links: [{ slc: 0, link }] }] });
  const a = mk(1, 2, la);
  const b = mk(2, 1, lb);
  let rxA = 0;
  let rxB = 0;
  let upA = false;
  let upB = false;
  const user = (onRx: () => void, onUp: () => void) => ({
    transferIndication: (_i: MtpTransferIndication) => onRx(),
    pause: () => undefined,
    resume: () => onUp(),
    status: () => undefined,
  });
  a.registerUser(5, user(() => rxA++, () => (upA = true)));
  b.registerUser(5, user(() => rxB++, () => (upB = true)));
  let timer: NodeJS.Timeout | undefined;
  const events: Record<string, number> = {};
  for (const m of [a, b]) m.onEvent((e) => (events[e.event] = (events[e.event] ?? 0) + 1));
  try {
    a.start();
    b.start();
    const t0 = Date.now();
    while (!(upA && upB)) {
      if (Date.now() - t0 > 30_000) throw new Error('MTP3 did not come up (MTP-RESUME) in 30 s');
      await sleep(20);
    }
    const upMs = Date.now() - t0;
    // An ISUP-sized MSU (IAM-like, 30 octets of SIF) every 8 ms each way: 125/s. On the line each takes
    // about 37 octets (3 header + SIO + SIF + FCS + flag), so ~4,600 of the 8,000 octets/s of a 64 kbit/s
    // link: ~58 % load, a busy but engineered link. (Every 4 ms would be ~115 %: the transmission buffer
    // then grows until SLTMs queue past Q.707 T1 and links restart, which measures overload, not memory.)
    const sif = Buffer.alloc(30, 0x5a);
    let n = 0;
    let notSent = 0;
    const results: Record<string, number> = {};
    timer = setInterval(() => {
      const sls = n++ % 16;
      for (const r of [a.transfer({ dpc: 2, sls, si: 5, data: sif }), b.transfer({ dpc: 1, sls, si: 5, data: sif })]) {
        results[r] = (results[r] ?? 0) + 1;
        if (r !== 'sent') notSent++;
      }
    }, 8);
    await sleep(SS7_WARM_S * 1000);
    const samples = await sampleWindow(sampleSeconds, () => rxA + rxB);
    const an = analyse(samples);
    return {
      linkUpMs: upMs,
      msuPerSecond: Math.round(an.unitsPerMin / 60),
      msuReceived: rxA + rxB,
      notSent,
      transferResults: { ...results },
      mtp3Events: { ...events },
      ...an,
      samples: samples.length,
      sampleSeconds: Math.round(sampleSeconds),
    };
  } finally {
    if (timer) clearInterval(timer);
    a.stop();
    b.stop();
    la.close();
    lb.close();
    await sa.stop();
    await sb.stop();
    engine.close();
  }
}

// ---------------------------------------------------------------- report
// Each phase runs in a process of its own (this file again, with --phase): a phase's leftovers (the SIP
// phase's transactions live 32 s after the load) must not fall into the next phase's window.
type PhaseResult = Record<string, unknown> & { metrics?: Record<Metric, MetricFigures>; flat?: boolean };
const phases: [string, () => Promise<Record<string, unknown>>, string][] = [
  ['sip', sipPhase, 'call'],
  ['media', mediaPhase, 'channel replaced'],
  ['ss7', ss7Phase, 'MSU'],
];
const phaseArg = opt('phase', '');
if (phaseArg) {
  const fn = phases.find(([n]) => n === phaseArg)?.[1];
  let r: Record<string, unknown>;
  try {
    if (!fn) throw new Error(`no phase ${phaseArg}`);
    r = await fn();
  } catch (e) {
    r = { error: e instanceof Error ? e.message : String(e), flat: false };
  }
  process.stdout.write(JSON.stringify(r) + '\n');
  process.exit(0);
}
const results: Record<string, PhaseResult> = {};
for (const [name] of phases) {
  if (only && only !== name) continue;
  process.stderr.write(`soak: ${name} phase (${Math.round(sampleSeconds)} s of samples after its warm-up) ...\n`);
  const args = process.argv.slice(2).filter((x, i, all) => x !== '--only' && all[i - 1] !== '--only');
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ...args, '--phase', name, '--sample-seconds', String(sampleSeconds)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const lines = r.stdout.toString().trim().split('\n');
  try {
    results[name] = JSON.parse(lines[lines.length - 1] ?? '') as PhaseResult;
  } catch {
    results[name] = { error: `phase process exited ${String(r.status)}: ${lines.slice(-3).join(' ')}`, flat: false };
  }
}

console.log(`Memory under steady load (samples every ${SAMPLE_EVERY_S} s after global.gc(); least-squares slopes; flat = late-half slope <= max(floor, 2 SE))`);
console.log('phase | metric       | first MiB | last MiB | slope KiB/min (whole) | late slope KiB/min ± 2 SE | late bytes per unit | flat');
for (const [name, , unit] of phases) {
  const r = results[name];
  if (!r) continue;
  if (!r.metrics) {
    console.log(`${name.padEnd(5)} | error: ${String(r.error)}`);
    continue;
  }
  for (const m of METRICS) {
    const f = r.metrics[m];
    console.log(
      `${name.padEnd(5)} | ${m.padEnd(12)} | ${mib(f.first).padStart(9)} | ${mib(f.last).padStart(8)} | ${kib(f.slopePerMin).padStart(21)} | ${(kib(f.lateSlopePerMin) + ' ± ' + kib(f.lateResolutionPerMin)).padStart(25)} | ${String(f.lateSlopePerUnit).padStart(9)} /${unit} | ${f.flat ? 'yes' : 'NO'}`,
    );
  }
  console.log(`${name.padEnd(5)} | V8 code space grew ${kib(Number(r.codeSpaceGrowth ?? 0))} KiB over the window (JIT warm-up, bounded)`);
}
const sip = results.sip;
if (sip?.metrics)
  console.log(
    `sip: ${String(sip.measuredCps)} cps answered (sipp: ${String(sip.sippSuccessful)} ok, ${String(sip.sippFailed)} failed); heap idle ${String(sip.idleHeapMiB)} MiB, plateau ${String(sip.plateauHeapMiB)} MiB with ~${String(sip.callsInFlight)} calls held (32 s of Timers J/L): ${String(sip.bytesPerCallInFlight)} bytes per call in flight${sip.drainedHeapMiB !== undefined ? `; 34 s after the load: heap ${String(sip.drainedHeapMiB)} MiB, ${String(sip.residueBytesPerCall)} bytes per call answered left` : ''}`,
  );
const med = results.media;
if (med?.metrics)
  console.log(`media: ${String(med.channelsUp)} channels up, ${String(med.replacedPerSecond)} replaced/s (${String(med.replaced)} in all), ${String(med.rtpPacketsReceived)} RTP packets received; native open channels ${String(med.nativeChannelsMin)}-${String(med.nativeChannelsMax)}`);
const ss7 = results.ss7;
if (ss7?.metrics) console.log(`ss7: link up in ${String(ss7.linkUpMs)} ms, ${String(ss7.msuPerSecond)} MSU/s received (both ways), ${String(ss7.notSent)} not sent (${JSON.stringify(ss7.transferResults)}); MTP3 events ${JSON.stringify(ss7.mtp3Events)}`);
console.log(JSON.stringify({ bench: 'soak', seconds: totalSeconds, floorsPerMin: FLOOR_PER_MIN, ...results }));
process.exit(0);
