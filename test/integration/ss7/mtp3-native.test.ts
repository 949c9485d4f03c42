// MTP3 over the native MTP2 in the TDM engine: two virtual E1 span pairs looped over UDP on
// 127.0.0.1 in one process, TS16 of each span an MTP2 link (NativeMtp2Link), one two-link linkset
// between point codes 1 and 2. Real time. Shows the whole stack below ISUP: alignment (emergency:
// no other link available), SLTM/SLTA, TRA, MTP-RESUME, traffic both ways, and changeover with no MSU
// lost or reordered when one link's line goes dead, then changeback when it returns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TdmEngine } from '../../../src/native/engine.js';
import { TrunkSpan } from '../../../src/trunk/span.js';
import { nullLogger } from '../../../src/log/logger.js';
import type { SpanConfig } from '../../../src/config/sections/spans.js';
import { NativeMtp2Link } from '../../../src/ss7/mtp2/native-link.js';
import { Mtp3 } from '../../../src/ss7/mtp3/mtp3.js';
import type { Mtp3Event } from '../../../src/ss7/mtp3/events.js';
import type { MtpTransferIndication, MtpUser } from '../../../src/ss7/mtp3/primitives.js';
import { spanPair, waitFor, sleep } from '../e1/helpers.js';

const fast: Partial<SpanConfig> = { alarmRaiseMs: 20, alarmClearMs: 20, losThresholdMs: 30 };

class User implements MtpUser {
  readonly rx: MtpTransferIndication[] = [];
  readonly resumed: number[] = [];
  readonly paused: number[] = [];
  transferIndication(ind: MtpTransferIndication): void {
    this.rx.push(ind);
  }
  pause(dpc: number): void {
    this.paused.push(dpc);
  }
  resume(dpc: number): void {
    this.resumed.push(dpc);
  }
  status(): void {}
}

function payload(sls: number, seq: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt16LE(sls, 0);
  b.writeUInt32BE(seq, 2);
  return b;
}

function streams(u: User): number[][] {
  const got: number[][] = Array.from({ length: 16 }, () => []);
  for (const r of u.rx) got[r.data.readUInt16LE(0)]!.push(r.data.readUInt32BE(2));
  return got;
}

test('MTP3 over native MTP2 on two E1 span pairs: SLT, TRA, traffic both ways, changeover without loss when a line dies, changeback when it returns', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const spans: TrunkSpan[][] = [[], []]; // [side][link]
  const links: NativeMtp2Link[][] = [[], []];
  for (let l = 0; l < 2; l++) {
    const [ca, cb] = await spanPair({ ...fast, name: `l${l}` } as Partial<SpanConfig>, { pcap: null });
    for (const [side, cfg] of [ca, cb].entries()) {
      const span = new TrunkSpan(engine, { ...cfg, name: `${side === 0 ? 'a' : 'b'}-span${l}` }, l, nullLogger());
      span.start();
      spans[side]!.push(span);
      // Normal proving shortened to 2 s (Pn is 8.2 s by default) to keep the suite fast; the first
      // alignment is an emergency one anyway (no other link available, Q.704 §12.2.2).
      const opts = { name: `${side === 0 ? 'a' : 'b'}-span${l}/16`, logger: nullLogger(), timersMs: { T4n: 2000 }, allowNonStandardTimers: true };
      links[side]!.push(new NativeMtp2Link(engine, span.engineHandle!, 16, opts));
    }
  }
  t.after(async () => {
    for (const side of links) for (const l of side) l.close();
    for (const side of spans) for (const s of side) await s.stop();
  });
  await waitFor('frame alignment', () => spans.flat().every((s) => s.status().frameAligned), 5000);

  const mk = (pc: number, adj: number, side: number) =>
    new Mtp3({
      pointCode: pc,
      networkIndicator: 'national',
      linksets: [{ name: 'ls', adjacentPointCode: adj, links: links[side]!.map((link, slc) => ({ slc, link })) }],
    });
  const a = mk(1, 2, 0);
  const b = mk(2, 1, 1);
  const ua = new User();
  const ub = new User();
  a.registerUser(5, ua);
  b.registerUser(5, ub);
  const evA: Mtp3Event[] = [];
  const evB: Mtp3Event[] = [];
  a.onEvent((e) => evA.push(e));
  b.onEvent((e) => evB.push(e));
  a.start();
  b.start();
  t.after(() => {
    a.stop();
    b.stop();
  });
  const upMs = await waitFor('MTP-RESUME both ways', () => ua.resumed.includes(2) && ub.resumed.includes(1), 10000);
  t.diagnostic(`link set up (alignment, SLTM/SLTA, TRA) in ${upMs} ms`);
  assert.ok(evA.some((e) => e.event === 'mtp3.traReceived'));
  await waitFor('both links available', () => a.linksets[0]!.links.every((l) => l.available) && b.linksets[0]!.links.every((l) => l.available), 10000);

  // Traffic: every 4 ms one MSU each way (250/s: one 64 kbit/s link carries about 400 of these
  // 13-octet MSUs per second, so the remaining link is not overloaded), SLS cycling, per-SLS sequence numbers.
  const seqA = new Array<number>(16).fill(0);
  const seqB = new Array<number>(16).fill(0);
  let n = 0;
  const timer = setInterval(() => {
    const sls = n++ % 16;
    if (a.transfer({ dpc: 2, sls, si: 5, data: payload(sls, seqA[sls]!) }) === 'sent') seqA[sls]!++;
    if (b.transfer({ dpc: 1, sls, si: 5, data: payload(sls, seqB[sls]!) }) === 'sent') seqB[sls]!++;
  }, 4);
  t.after(() => clearInterval(timer));
  await sleep(1000);
  const before = a.counters().links['a-span1/16']!.msuTx;
  assert.ok(before > 50, 'link 1 carries traffic');
  // B's transmitter on span 1 goes quiet: A's link 1 fails (SUERM), B's sees SIOS; changeover.
  const failedAt = evA.length;
  const t0 = Date.now();
  const show = (who: string) => (e: Mtp3Event) => {
    if (process.env.MTP3_TRACE) console.log(Date.now() - t0, who, JSON.stringify(e));
  };
  a.onEvent(show('A'));
  b.onEvent(show('B'));
  spans[1]![1]!.setTxEnabled(false);
  await waitFor('changeover at both ends', () => evA.some((e) => e.event === 'mtp3.changeover') && evB.some((e) => e.event === 'mtp3.changeover'), 5000);
  await sleep(800);
  spans[1]![1]!.setTxEnabled(true);
  await waitFor(
    'link 1 back and changed back',
    () => evA.slice(failedAt).some((e) => e.event === 'mtp3.changeback' && e.result === 'CBA' && e.link === 'a-span1/16'),
    15000,
  );
  await sleep(800);
  clearInterval(timer);
  await sleep(500);
  const want = (seq: number[]) => seq.map((k) => Array.from({ length: k }, (_, i) => i));
  assert.deepEqual(streams(ub), want(seqA), 'A to B: every SLS stream complete and in order');
  assert.deepEqual(streams(ua), want(seqB), 'B to A: every SLS stream complete and in order');
  const co = evA.find((e) => e.event === 'mtp3.changeover');
  const coB = evB.find((e) => e.event === 'mtp3.changeover');
  t.diagnostic(`A: ${JSON.stringify(co)}; B: ${JSON.stringify(coB)}; sent A->B ${seqA.reduce((x, y) => x + y)} B->A ${seqB.reduce((x, y) => x + y)}`);
  assert.ok(co && co.event === 'mtp3.changeover' && co.procedure === 'COO');
  assert.equal(a.counters().global['mtp3.changeoverLoss'], 0);
  assert.equal(b.counters().global['mtp3.changeoverLoss'], 0);
  assert.deepEqual(ua.paused, [], 'the destination stayed accessible');
  assert.ok(a.counters().links['a-span1/16']!.msuTx > before + 50, 'link 1 carries traffic again');
});
