/**
 * Media benchmark (issue 5): how many concurrent G.711 calls the native media core carries on the
 * engine's RT thread (docs/media.md "Benchmark"). Each call is one media channel on one bearer timeslot: RTP in and out at 20 ms,
 * one UDP socket per call (plus its RTCP socket), jitter buffer, G.711 Appendix I concealment and
 * the Q.24 in-band DTMF detector on. The TDM side is virtual E1 spans looped in pairs, over loopback
 * UDP (SAToP datagrams) or in memory (--tdm), 30 bearer timeslots per span; channel k of span 2i and channel k of span
 * 2i+1 are each other's RTP peer, so every packet a call sends is received by another call.
 * Figures: engine-thread CPU (pthread CPU clock) with the spans alone and with the calls; the media
 * core's share measured directly (every 17th tick the channels time themselves: mediaCpuPct) and,
 * as a cross-check, as the difference to the spans alone; RTP send lateness after the tick's
 * deadline (p50/p99/max); packet loss; peak RSS and RSS per call.
 * --tdm udp (default): spans looped in pairs over loopback UDP (drivers/virtual, SAToP, one socket
 * per span); --tdm memory: spans looped in pairs in memory (drivers/loop, no sockets).
 * --connect: the channels' RTP sockets are connected (docs/media.md "Connected sockets").
 * The line carries idle unless --signal: then every call plays a continuous 425 Hz tone into its
 * timeslot, so every DTMF detector runs its filters on every block (its signal gate skips quiet ones)
 * and every RTP packet carries a tone (worst case for the detector).
 * Goal: 1500 calls under 50 % of one core with p99 send lateness under 1 ms.
 *   npm run bench -- media [--calls N] [--seconds S] [--rt PRIO] [--cpu N] [--signal] [--connect] [--tdm udp|memory]
 * Last line: one JSON object: {"bench":"media","calls":N,"cpuPct":...,"mediaCpuPct":...,"sendLateP50Ms":...,
 * "sendLateP99Ms":...,"sendLateMaxMs":...,"lossPct":...,"tdm":"udp"|"memory","rssMiB":...,...}.
 */
import { TdmEngine } from '../src/native/engine.js';
import { benchSpan } from './lib/spans.js';
import { MediaCore, type MediaChannel } from '../src/media/index.js';
import { freeUdpPorts } from '../test/helpers/ports.js';

function opt(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const calls = opt('calls', 1500);
const seconds = opt('seconds', 5);
const rt = opt('rt', 0);
const cpu = opt('cpu', -1);
const signal = process.argv.includes('--signal');
const connect = process.argv.includes('--connect');
const tdmArg = process.argv.indexOf('--tdm');
const tdm = tdmArg >= 0 ? process.argv[tdmArg + 1] : 'udp';
if (tdm !== 'udp' && tdm !== 'memory') {
  process.stderr.write(`--tdm ${tdm}: use udp (spans looped over loopback UDP, SAToP) or memory (drivers/loop).\n`);
  process.exit(2);
}
const rssMiB = () => process.memoryUsage().rss / 1048576;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 100) / 100;
const BEARERS = [...Array(31).keys()].map((i) => i + 1).filter((ts) => ts !== 16);

const engine = new TdmEngine({ realtimePriority: rt, cpu });
engine.onWarning((w) => process.stderr.write(`engine warning: ${w.warning} ${w.detail}\n`));
const core = new MediaCore(engine, { portMin: 20000, portMax: 60000 });
try {
  const nSpans = Math.max(2, Math.ceil(calls / BEARERS.length / 2) * 2);
  const ports = tdm === 'udp' ? await freeUdpPorts(nSpans) : Array<number>(nSpans).fill(0);
  const spans: number[] = [];
  for (let i = 0; i < nSpans; i += 2) {
    spans.push(engine.addSpan(benchSpan(`s${i}`, ports[i]!, ports[i + 1]!, tdm, `s${i + 1}`), () => {}));
    spans.push(engine.addSpan(benchSpan(`s${i + 1}`, ports[i + 1]!, ports[i]!, tdm, `s${i}`), () => {}));
  }
  const t0 = Date.now();
  while (!spans.every((s) => engine.spanStatus(s).frameAligned)) {
    if (Date.now() - t0 > 15_000) throw new Error('spans did not align');
    await sleep(20);
  }

  const measure = async () => {
    await sleep(200);
    engine.resetStats();
    core.stats(true);
    await sleep(20);
    const s0 = engine.stats();
    const c0 = process.cpuUsage();
    const m0 = core.stats().mediaBusyUs ?? 0;
    const w0 = performance.now();
    await sleep(seconds * 1000);
    const s1 = engine.stats();
    const c1 = process.cpuUsage(c0);
    const m1 = core.stats().mediaBusyUs ?? 0;
    const wall = (performance.now() - w0) * 1000;
    return {
      cpuPct: ((s1.threadCpuUs - s0.threadCpuUs) / wall) * 100,
      mediaTimedPct: ((m1 - m0) / wall) * 100,
      processCpuPct: ((c1.user + c1.system) / wall) * 100,
      tickLateP99Us: s1.lateP99Us,
      ticksSkipped: s1.ticksSkipped - s0.ticksSkipped,
    };
  };

  const base = await measure();
  const tdmText = tdm === 'udp' ? 'looped over UDP' : 'looped in memory';
  process.stdout.write(`${nSpans} spans ${tdmText}, no calls: engine thread ${base.cpuPct.toFixed(1)} % of a core\n`);
  const rssBefore = rssMiB();

  // Open the calls in pairs: (span 2i, ts) <-> (span 2i+1, ts).
  const chans: MediaChannel[] = [];
  const jb = { initialMs: 40, minMs: 20, maxMs: 200 };
  for (let pair = 0; chans.length < calls; pair++) {
    const sa = spans[2 * Math.floor(pair / BEARERS.length)]!;
    const sb = spans[2 * Math.floor(pair / BEARERS.length) + 1]!;
    const ts = BEARERS[pair % BEARERS.length]!;
    const a = core.openChannel({ span: sa, timeslot: ts, ptimeMs: 20, dtmfMode: 'rfc4733', jitterBuffer: jb, rtpTimeoutMs: 0, connect });
    if (chans.length + 1 >= calls) {
      chans.push(a);
      break;
    }
    const b = core.openChannel({ span: sb, timeslot: ts, ptimeMs: 20, dtmfMode: 'rfc4733', jitterBuffer: jb, rtpTimeoutMs: 0, connect });
    a.modify({ remote: { host: '127.0.0.1', port: b.port } });
    b.modify({ remote: { host: '127.0.0.1', port: a.port } });
    chans.push(a, b);
  }
  if (signal) for (const c of chans) c.playTone({ freqs: [{ hz: 425, dbm0: -10 }], cadenceMs: [] }, 'tdm');
  const rssWithCalls = rssMiB();
  await sleep(500);
  const total = (k: string) => chans.reduce((n, c) => n + c.stats()[k]!, 0);
  const tx0 = total('rtp.tx');
  const rx0 = total('rtp.rx');
  const lost0 = total('rtp.cumulativeLost');
  const withCalls = await measure();
  const hub = core.stats();
  const tx1 = total('rtp.tx');
  const rx1 = total('rtp.rx');
  const lost1 = total('rtp.cumulativeLost');
  const plc = total('jb.lost') + total('jb.underflow');
  const sent = tx1 - tx0;
  const recv = rx1 - rx0;
  // Loss as the receivers count it (RFC 3550 A.3: expected - received, from sequence numbers); the
  // sent/received totals are read channel by channel while traffic flows, so they differ by the
  // packets in flight during the reading.
  const lossPct = recv > 0 ? (Math.max(0, lost1 - lost0) / (recv + Math.max(0, lost1 - lost0))) * 100 : 0;
  const mediaBySubtraction = withCalls.cpuPct - base.cpuPct;
  const mediaCpu = withCalls.mediaTimedPct;
  const peakRss = process.resourceUsage().maxRSS / 1024;
  const perCallKiB = ((rssWithCalls - rssBefore) * 1024) / calls;
  process.stdout.write(
    `${calls} calls${signal ? ' (tone on every line)' : ''}${connect ? ', connected sockets' : ''}, spans ${tdmText}: engine thread ${withCalls.cpuPct.toFixed(1)} % of a core ` +
      `(media measured ${mediaCpu.toFixed(1)} %; engine minus spans alone ${mediaBySubtraction.toFixed(1)} %; spans alone ${base.cpuPct.toFixed(1)} %), process ${withCalls.processCpuPct.toFixed(1)} %, ` +
      `RTP send lateness p50 ${hub.sendLateP50Us} µs p99 ${hub.sendLateP99Us} µs max ${hub.sendLateMaxUs} µs, ` +
      `${sent} packets sent, ${recv} received, loss ${lossPct.toFixed(3)} % (RTP sequence), concealed frames ${plc}, ticks skipped ${withCalls.ticksSkipped}, ` +
      `RSS ${rssWithCalls.toFixed(0)} MiB (${perCallKiB.toFixed(1)} KiB per call), peak ${peakRss.toFixed(0)} MiB\n`,
  );
  process.stdout.write(
    JSON.stringify({
      bench: 'media',
      calls,
      cpuPct: round(withCalls.cpuPct),
      mediaCpuPct: round(mediaCpu),
      sendLateP50Ms: round((hub.sendLateP50Us ?? 0) / 1000),
      sendLateP99Ms: round((hub.sendLateP99Us ?? 0) / 1000),
      sendLateMaxMs: round((hub.sendLateMaxUs ?? 0) / 1000),
      lossPct: Math.round(lossPct * 1000) / 1000,
      tdm,
      rssMiB: round(peakRss),
      rssPerCallKiB: round(perCallKiB),
      mediaCpuBySubtractionPct: round(mediaBySubtraction),
      spansOnlyCpuPct: round(base.cpuPct),
      spans: nSpans,
      connect,
      lineSignal: signal ? '425 Hz tone on every timeslot' : 'idle',
      processCpuPct: round(withCalls.processCpuPct),
      tickLateP99Us: withCalls.tickLateP99Us,
      packetsSent: sent,
      packetsReceived: recv,
      concealedFrames: plc,
      ticksSkipped: withCalls.ticksSkipped,
      realtimePriority: rt,
      cpu,
      seconds,
      goalMet: mediaCpu < 50 && (hub.sendLateP99Us ?? 0) < 1000,
    }) + '\n',
  );
} finally {
  core.close();
  engine.close();
}
