/**
 * MTP2 benchmark: throughput of one signalling link at 100 % load with no loss, and the CPU cost per
 * signal unit of the native Q.703 state machines alone and with the HDLC encoder + decoder (flags,
 * zero insertion, FCS) octet by octet, compared with what a 64 kbit/s link carries (about 320
 * typical ISUP MSUs per second per direction). `runMtp2Bench()` returns the figures (for bench/ss7.ts);
 * run directly (`node --import tsx bench/ss7-mtp2.ts`) it prints them, last line one JSON object.
 */
import { fileURLToPath } from 'node:url';
import { loadNative } from '../src/native/addon.js';

/** MSUs per second per direction a 64 kbit/s link carries with typical ISUP messages (issue 4). */
export const LINK_MSUS_PER_SEC = 320;

export interface Mtp2BenchFigures {
  /** Paced (fake clock, 8 octets/ms): MSUs of 20 octets (SIO+SIF) delivered per second at 100 % load. */
  pacedMsusPerSec: number;
  pacedLost: number;
  pacedRetransmissions: number;
  /** Unpaced, state machines only (both ends, MSUs one way, FISUs back). */
  fsmSusPerCpuSec: number;
  fsmNsPerSu: number;
  fsmMsusPerCpuSec: number;
  /** Unpaced through the real HDLC encoder/decoder, octet by octet, both directions. */
  hdlcSusPerCpuSec: number;
  hdlcNsPerSu: number;
  hdlcMsusPerCpuSec: number;
  /** MSUs per CPU second (with HDLC) divided by the 320 MSUs/s of a loaded 64 kbit/s link. */
  headroomVs320: number;
  /** CPU share of one core that one fully loaded link costs (both directions, with HDLC). */
  cpuPerLoadedLinkPercent: number;
  linkStateKiB: number;
  peakRssMiB: number;
  msuLen: number;
}

function cpuRun<T>(fn: () => T): { r: T; cpuSec: number } {
  const c0 = process.cpuUsage();
  const r = fn();
  const c = process.cpuUsage(c0);
  return { r, cpuSec: (c.user + c.system) / 1e6 };
}

export function runMtp2Bench(opts: { msus?: number } = {}): Mtp2BenchFigures {
  const native = loadNative().mtp2test;
  const msuLen = 20;
  const n = opts.msus ?? 200000;

  // 1. Paced: a 64 kbit/s link kept full for 10 s of fake time; every MSU must arrive once, in order.
  const pair = new native.Mtp2TestPair({ logReceived: false });
  pair.command('a', 'emergency');
  pair.command('b', 'emergency');
  pair.command('a', 'start');
  pair.command('b', 'start');
  pair.advance(600);
  let sent = 0;
  const seconds = 10;
  let delivered = 0;
  let order = true;
  for (let ms = 0; ms < seconds * 1000; ms += 10) {
    while (pair.state('a').txQueue < 50) {
      const m = Buffer.alloc(msuLen, 0);
      m[0] = 0x85;
      m.writeUInt32BE(sent, 5);
      pair.command('a', 'transmit', m);
      sent++;
    }
    pair.advance(10);
    for (const m of pair.received('b')) {
      if (m.readUInt32BE(5) !== delivered) order = false;
      delivered++;
    }
  }
  const inFlight = pair.state('a').txQueue + pair.state('a').rtb;
  const pacedLost = order ? sent - delivered - inFlight : -1;
  const pacedRetransmissions = pair.counters('a')['mtp2.retransmissions'] ?? 0;

  // 2. Unpaced CPU cost.
  const fsm = cpuRun(() => native.bench({ msus: n, msuLen, hdlc: false }));
  const hdlcN = Math.max(1000, Math.floor(n / 10));
  const hdlc = cpuRun(() => native.bench({ msus: hdlcN, msuLen, hdlc: true }));
  const hdlcMsusPerCpuSec = hdlc.r.msus / hdlc.cpuSec;
  // A loaded link: 8000 octets/s each way; the HDLC run moved both directions octet by octet.
  const susPerLinkSec = 2 * (8000 / (msuLen + 3 + 3)); // MSU SUs per second, both directions
  const hdlcNsPerSu = (hdlc.cpuSec * 1e9) / hdlc.r.signalUnits;
  const mem = process.memoryUsage();
  return {
    pacedMsusPerSec: Math.round(delivered / seconds),
    pacedLost,
    pacedRetransmissions,
    fsmSusPerCpuSec: Math.round(fsm.r.signalUnits / fsm.cpuSec),
    fsmNsPerSu: Math.round((fsm.cpuSec * 1e9) / fsm.r.signalUnits),
    fsmMsusPerCpuSec: Math.round(fsm.r.msus / fsm.cpuSec),
    hdlcSusPerCpuSec: Math.round(hdlc.r.signalUnits / hdlc.cpuSec),
    hdlcNsPerSu: Math.round(hdlcNsPerSu),
    hdlcMsusPerCpuSec: Math.round(hdlcMsusPerCpuSec),
    headroomVs320: Math.round(hdlcMsusPerCpuSec / LINK_MSUS_PER_SEC),
    cpuPerLoadedLinkPercent: Number(((susPerLinkSec * hdlcNsPerSu) / 1e7).toFixed(4)),
    linkStateKiB: Math.round(fsm.r.linkBytes / 1024),
    peakRssMiB: Math.round(mem.rss / 1048576),
    msuLen,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const f = runMtp2Bench();
  console.log(`MTP2 at 64 kbit/s, 100 % load, ${f.msuLen}-octet MSUs: ${f.pacedMsusPerSec} MSUs/s delivered, lost ${f.pacedLost}, retransmitted ${f.pacedRetransmissions}`);
  console.log(`state machines only: ${f.fsmSusPerCpuSec} SUs per CPU second (${f.fsmNsPerSu} ns/SU), ${f.fsmMsusPerCpuSec} MSUs/s`);
  console.log(`with HDLC octet by octet: ${f.hdlcSusPerCpuSec} SUs per CPU second (${f.hdlcNsPerSu} ns/SU), ${f.hdlcMsusPerCpuSec} MSUs/s`);
  console.log(`headroom vs ${LINK_MSUS_PER_SEC} MSUs/s: ${f.headroomVs320}x (goal >= 100x: ${f.headroomVs320 >= 100 ? 'met' : 'NOT met'}); one loaded link costs ${f.cpuPerLoadedLinkPercent} % of a core`);
  console.log(`link state ${f.linkStateKiB} KiB per link, peak RSS ${f.peakRssMiB} MiB`);
  console.log(JSON.stringify(f));
}
