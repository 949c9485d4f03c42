/**
 * MTP3 benchmark: CPU cost per MSU of the MTP3 path (MTP-TRANSFER request -> HMRT -> linkset load
 * sharing -> link; then at the far point HMDC -> HMDT -> MTP-TRANSFER indication), measured over the
 * in-memory FakeMtp2Link pair under a fake clock (so the fake link's own bookkeeping is included and
 * the figure is pessimistic for MTP3 alone). Compared with the ~320 ISUP MSUs per second per direction
 * of a loaded 64 kbit/s link. `runMtp3Bench()` returns the figures (for bench/ss7.ts); run directly
 * (`npm run bench -- ss7-mtp3`) it prints them, last line one JSON object.
 */
import { fileURLToPath } from 'node:url';
import { FakeClock } from '../src/ss7/mtp3/clock.js';
import { FakeLinkPair } from '../src/ss7/mtp2/fake-link.js';
import { Mtp3 } from '../src/ss7/mtp3/mtp3.js';
import type { MtpUser } from '../src/ss7/mtp3/primitives.js';

const LINK_MSUS_PER_SEC = 320;

export interface Mtp3BenchFigures {
  msus: number;
  links: number;
  /** MSUs carried end to end (both MTP3s and the fake links) per CPU second. */
  msusPerCpuSec: number;
  usPerMsu: number;
  /** msusPerCpuSec / 320. */
  headroomVs320: number;
  delivered: number;
}

export function runMtp3Bench(opts: { msus?: number; links?: number } = {}): Mtp3BenchFigures {
  const msus = opts.msus ?? 200_000;
  const nLinks = opts.links ?? 2;
  const clock = new FakeClock();
  const wires = Array.from({ length: nLinks }, (_, i) => new FakeLinkPair(clock, `a${i}`, `b${i}`, { propagationMs: 1 }));
  const mk = (pc: number, adj: number, side: 'a' | 'b') =>
    new Mtp3({ pointCode: pc, networkIndicator: 'national', clock, linksets: [{ name: 'ls', adjacentPointCode: adj, links: wires.map((w, slc) => ({ slc, link: side === 'a' ? w.a : w.b })) }] });
  const a = mk(1, 2, 'a');
  const b = mk(2, 1, 'b');
  let delivered = 0;
  const user: MtpUser = { transferIndication: () => void delivered++, pause: () => {}, resume: () => {}, status: () => {} };
  a.registerUser(5, user);
  b.registerUser(5, user);
  a.start();
  b.start();
  clock.advance(2000);
  if (!a.isAccessible(2)) throw new Error('bench: link set did not come up');
  // A typical ISUP IAM-sized user part payload (CIC + ~30 octets).
  const data = Buffer.alloc(32, 0x5a);
  const t0 = process.cpuUsage();
  const batch = 100;
  for (let sent = 0; sent < msus; sent += batch) {
    for (let i = 0; i < batch; i++) a.transfer({ dpc: 2, sls: (sent + i) & 15, si: 5, data });
    clock.advance(3);
  }
  clock.advance(50);
  const cpu = process.cpuUsage(t0);
  const sec = (cpu.user + cpu.system) / 1e6;
  const msusPerCpuSec = Math.round(delivered / sec);
  return { msus, links: nLinks, msusPerCpuSec, usPerMsu: Number(((sec * 1e6) / delivered).toFixed(2)), headroomVs320: Math.round(msusPerCpuSec / LINK_MSUS_PER_SEC), delivered };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const f = runMtp3Bench();
  console.log(`MTP3 (over the in-memory fake MTP2): ${f.delivered} MSUs, ${f.msusPerCpuSec} MSU/CPU-s, ${f.usPerMsu} us/MSU, ${f.headroomVs320}x a loaded 64 kbit/s link`);
  console.log(JSON.stringify({ bench: 'ss7-mtp3', ...f }));
}
