/**
 * SIP calls-per-second benchmark (`npm run bench -- sip`): sipp as UAC (built-in "uac" scenario: INVITE,
 * 200, ACK, BYE, no media) against a Tandem UAS on the UA API (one Node thread = one core), printed beside
 * sipp's own ceiling (sipp UAC -> sipp UAS) measured in the same run at the same offered rates. Includes the
 * parser figures of bench/sip-parse.ts. Last line: one JSON object with every figure.
 *
 * Options (environment): SIP_BENCH_RATES="1000,2000,4000" offered call rates; SIP_BENCH_SECONDS=3 per rate.
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { nullLogger } from '../src/log/logger.js';
import { SipTransport } from '../src/sip/transport/transport.js';
import { UserAgent } from '../src/sip/ua/user-agent.js';

const ANSWER = [
  'v=0',
  'o=tandem 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 40000 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  'a=sendrecv',
  '',
].join('\r\n');

interface SippResult {
  code: number | null;
  successful: number;
  failed: number;
  /** calls neither successful nor failed when sipp ended (stopped after the grace time): lost */
  incomplete: number;
  /** sipp's cumulative call rate */
  cps: number;
  wallMs: number;
}

function freePort(): Promise<number> {
  const s = createSocket('udp4');
  return new Promise((resolve) =>
    s.bind(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    }),
  );
}

interface SippProcess {
  done: Promise<SippResult>;
  /** SIGINT: sipp prints its final statistics and exits. */
  stop(): void;
}

function sippProcess(args: string[], timeoutMs: number, calls: number): SippProcess {
  const t0 = performance.now();
  let stop = (): void => undefined;
  const done = new Promise<SippResult>((resolve) => {
    const p = spawn('sipp', [...args, '-i', '127.0.0.1', '-nostdin', '-buff_size', String(4 * 1024 * 1024)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    stop = () => p.kill('SIGINT');
    const kill = setTimeout(() => p.kill('SIGINT'), timeoutMs);
    p.on('close', (code) => {
      clearTimeout(kill);
      const num = (re: RegExp): number => {
        const all = [...out.matchAll(re)];
        const m = all[all.length - 1];
        return m ? Number(m[1]) : 0;
      };
      const successful = num(/Successful call\s*\|\s*\d+\s*\|\s*(\d+)/g);
      const failed = num(/Failed call\s*\|\s*\d+\s*\|\s*(\d+)/g);
      resolve({
        code,
        successful,
        failed,
        incomplete: Math.max(0, calls - successful - failed),
        cps: num(/Call Rate\s*\|\s*[\d.]+ cps\s*\|\s*([\d.]+) cps/g),
        wallMs: performance.now() - t0,
      });
    });
  });
  return { done, stop: () => stop() };
}

function sipp(args: string[], timeoutMs: number, calls: number): Promise<SippResult> {
  return sippProcess(args, timeoutMs, calls).done;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function sippCeiling(rate: number, calls: number): Promise<SippResult> {
  const uasPort = await freePort();
  const uac = await freePort();
  // No -m on the UAS: it would quit after its Nth call and strand the UAC's last BYEs; stopped afterwards.
  const uas = sippProcess(['-sn', 'uas', '-p', String(uasPort)], (calls / rate) * 1000 + 20000, calls);
  await sleep(300);
  const r = await sipp(
    ['-sn', 'uac', `127.0.0.1:${uasPort}`, '-p', String(uac), '-m', String(calls), '-r', String(rate), '-rp', '1000'],
    (calls / rate) * 1000 + 15000,
    calls,
  );
  uas.stop();
  await uas.done;
  return r;
}

interface TandemRun extends SippResult {
  cpuMs: number;
  cpuPerCallUs: number;
  cpsPerCore: number;
  heapDeltaMiB: number;
  bytesPerCall: number;
}

async function tandemRun(rate: number, calls: number): Promise<TandemRun> {
  const port = await freePort();
  const log = nullLogger();
  const transport = new SipTransport({
    listen: [{ transport: 'udp', address: '127.0.0.1', port }],
    log,
    limits: { maxRequestsPerSecondPerSource: 1_000_000 },
  });
  const ua = new UserAgent({ transport, log, onIncomingCall: (c) => c.answer({ sdp: ANSWER }) });
  await transport.start();
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  const r = await sipp(
    [
      '-sn',
      'uac',
      `127.0.0.1:${port}`,
      '-p',
      String(await freePort()),
      '-m',
      String(calls),
      '-r',
      String(rate),
      '-rp',
      '1000',
    ],
    (calls / rate) * 1000 + 15000,
    calls,
  );
  const cpu = process.cpuUsage(cpu0);
  // Call state stays until Timers J/L and the dialog linger (64*T1) expire: this is the retained state.
  const heap1 = process.memoryUsage().heapUsed;
  if (process.env.SIP_BENCH_DEBUG)
    console.error(JSON.stringify({ tx: ua.txm.counters, transport: transport.counters, ua: ua.counters }));
  ua.close();
  await transport.close();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    ...r,
    cpuMs,
    cpuPerCallUs: r.successful ? (cpuMs * 1000) / r.successful : 0,
    cpsPerCore: cpuMs ? (r.successful / cpuMs) * 1000 : 0,
    heapDeltaMiB: (heap1 - heap0) / 2 ** 20,
    bytesPerCall: r.successful ? Math.round((heap1 - heap0) / r.successful) : 0,
  };
}

export interface SipBenchFigures {
  rates: { offered: number; sipp: SippResult; tandem: TandemRun; ratio: number }[];
  goalCps: number;
  goalMet: boolean;
  peakRssMiB: number;
  parse: unknown;
}

export async function runSipBench(): Promise<SipBenchFigures> {
  const rates = (process.env.SIP_BENCH_RATES ?? '1000,2000,4000').split(',').map(Number);
  const seconds = Number(process.env.SIP_BENCH_SECONDS ?? 3);
  let parse: unknown = null;
  try {
    const m = (await import('./sip-parse.js')) as { runSipParseBench?: (o: { durationMs?: number }) => unknown };
    parse = m.runSipParseBench?.({ durationMs: 1000 }) ?? null;
  } catch {
    parse = null;
  }
  const out: SipBenchFigures['rates'] = [];
  for (const rate of rates) {
    const calls = Math.round(rate * seconds);
    const s = await sippCeiling(rate, calls);
    const t = await tandemRun(rate, calls);
    out.push({ offered: rate, sipp: s, tandem: t, ratio: s.cps ? t.cps / s.cps : 0 });
  }
  const goalCps = 1000;
  return {
    rates: out,
    goalCps,
    goalMet: out.some(
      (r) =>
        r.offered >= goalCps && r.tandem.failed === 0 && r.tandem.incomplete === 0 && r.tandem.cps >= goalCps * 0.95,
    ),
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    parse,
  };
}

export default async function main(): Promise<void> {
  const f = await runSipBench();
  console.log('SIP calls per second (INVITE/200/ACK/BYE, no media), sipp UAC; Tandem UAS on one Node thread');
  console.log(
    'offered | sipp->sipp cps (failed/lost) | sipp->Tandem cps (failed/lost) | ratio | Tandem CPU us/call | Tandem cps per core | retained bytes/call',
  );
  for (const r of f.rates) {
    console.log(
      `${String(r.offered).padStart(7)} | ${r.sipp.cps.toFixed(0).padStart(8)} (${r.sipp.failed}/${r.sipp.incomplete}) | ${r.tandem.cps.toFixed(0).padStart(8)} (${r.tandem.failed}/${r.tandem.incomplete}) | ${r.ratio.toFixed(2)} | ${r.tandem.cpuPerCallUs.toFixed(0)} | ${r.tandem.cpsPerCore.toFixed(0)} | ${r.tandem.bytesPerCall}`,
    );
  }
  if (f.parse && typeof f.parse === 'object') {
    const p = f.parse as Record<string, number>;
    console.log(
      `parser: ${Math.round(p.parseInvitePerSec ?? 0)} typical INVITEs/s, serializer ${Math.round(p.serializeInvitePerSec ?? 0)}/s, corpus ${Math.round(p.parseCorpusPerSec ?? 0)}/s`,
    );
  }
  console.log('(lost: calls still open when sipp was stopped 15 s after its last call was due)');
  console.log(
    `goal >= ${f.goalCps} cps without failed calls: ${f.goalMet ? 'met' : 'NOT met'}; peak RSS ${f.peakRssMiB.toFixed(1)} MiB`,
  );
  console.log(JSON.stringify(f));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void main().then(() => process.exit(0));
}
