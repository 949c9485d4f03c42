// MTP3 (src/ss7/mtp3) over the native MTP2 (NativeMtp2Link, "mtp2" channels of the TDM engine) on
// virtual spans looped over 127.0.0.1 in one process, with the real clock: link activation with
// SLTM/SLTA and TRA, ISUP-like MSUs both ways, and a two-link linkset (each link on its own span
// pair) that survives the loss of signal of one span by changeover — BSNT retrieval and message
// retrieval in native MTP2 — with no MSU lost, duplicated or reordered.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TdmEngine } from '../../../src/native/engine.js';
import { TrunkSpan } from '../../../src/trunk/span.js';
import { nullLogger } from '../../../src/log/logger.js';
import type { SpanConfig } from '../../../src/config/sections/spans.js';
import { NativeMtp2Link } from '../../../src/ss7/mtp2/native-link.js';
import { Mtp3 } from '../../../src/ss7/mtp3/mtp3.js';
import type { MtpTransferIndication, MtpUser } from '../../../src/ss7/mtp3/primitives.js';
import { spanPair, waitFor } from '../e1/helpers.js';

const fast: Partial<SpanConfig> = { alarmRaiseMs: 20, alarmClearMs: 20, losThresholdMs: 30 };
const PC_A = 1;
const PC_B = 2;

class User implements MtpUser {
  readonly received: MtpTransferIndication[] = [];
  paused = 0;
  resumed = 0;
  transferIndication(ind: MtpTransferIndication): void {
    this.received.push(ind);
  }
  pause(): void {
    this.paused++;
  }
  resume(): void {
    this.resumed++;
  }
  status(): void {}
}

async function spansAndLinks(engine: TdmEngine, n: number) {
  const spans: TrunkSpan[] = [];
  const linksA: NativeMtp2Link[] = [];
  const linksB: NativeMtp2Link[] = [];
  for (let i = 0; i < n; i++) {
    const [ca, cb] = await spanPair(fast);
    const sa = new TrunkSpan(engine, { ...ca, name: `a${i}` }, 2 * i, nullLogger());
    const sb = new TrunkSpan(engine, { ...cb, name: `b${i}` }, 2 * i + 1, nullLogger());
    sa.start();
    sb.start();
    spans.push(sa, sb);
    // Emergency proving keeps the test short (Pe = 0.5 s instead of Pn = 8.2 s).
    linksA.push(new NativeMtp2Link(engine, sa.engineHandle!, 16, { name: `a${i}/16`, logger: nullLogger(), emergency: true }));
    linksB.push(new NativeMtp2Link(engine, sb.engineHandle!, 16, { name: `b${i}/16`, logger: nullLogger(), emergency: true }));
  }
  await waitFor('frame alignment', () => spans.every((s) => s.status().frameAligned), 5000);
  const mk = (pc: number, adj: number, links: NativeMtp2Link[]) =>
    new Mtp3({
      pointCode: pc,
      networkIndicator: 'national',
      linksets: [{ name: `to-${adj}`, adjacentPointCode: adj, links: links.map((link, slc) => ({ slc, link })) }],
    });
  const a = mk(PC_A, PC_B, linksA);
  const b = mk(PC_B, PC_A, linksB);
  const ua = new User();
  const ub = new User();
  a.registerUser(5, ua);
  b.registerUser(5, ub);
  return { spans, linksA, linksB, a, b, ua, ub };
}

const data = (n: number) => Buffer.from(`isup ${String(n).padStart(5, '0')}`);
const seen = (u: User) => u.received.map((r) => Number(r.data.toString('latin1', 5)));

test('MTP3 over native MTP2: SLTM/SLTA and TRA bring the route up, MSUs cross both ways', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const { a, b, ua, ub } = await spansAndLinks(engine, 1);
  t.after(() => {
    a.stop();
    b.stop();
  });
  a.start();
  b.start();
  await waitFor('route available', () => a.isAccessible(PC_B) && b.isAccessible(PC_A), 8000);
  assert.ok(ua.resumed >= 1 && ub.resumed >= 1);
  for (let i = 0; i < 20; i++) {
    assert.notEqual(a.transfer({ dpc: PC_B, sls: i & 15, si: 5, data: data(i) }), 'inaccessible');
    b.transfer({ dpc: PC_A, sls: i & 15, si: 5, data: data(100 + i) });
  }
  await waitFor('MSUs delivered', () => ub.received.length === 20 && ua.received.length === 20, 3000);
  assert.equal(ub.received[0]!.opc, PC_A);
});

test('a two-link linkset survives loss of signal on one link by changeover with no MSU lost or reordered', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const { spans, linksA, a, b, ub } = await spansAndLinks(engine, 2);
  t.after(() => {
    a.stop();
    b.stop();
  });
  const changeovers: string[] = [];
  a.onEvent((e) => {
    if (e.event === 'mtp3.changeover') changeovers.push(`${e.procedure} retrieved=${e.retrieved} discarded=${e.discarded} ${e.result}`);
  });
  a.start();
  b.start();
  await waitFor('both links available', () => a.linksets[0]!.links.every((l) => l.state === 'available'), 8000);
  // A steady stream of MSUs from A over both links (SLS alternates), while span pair 0 loses its signal.
  let sent = 0;
  const timer = setInterval(() => {
    for (let k = 0; k < 5; k++) {
      const r = a.transfer({ dpc: PC_B, sls: sent & 15, si: 5, data: data(sent) });
      if (r === 'sent' || r === 'queued') sent++;
    }
  }, 5);
  t.after(() => clearInterval(timer));
  await new Promise((r) => setTimeout(r, 300));
  spans[1]!.setTxEnabled(false); // b0 stops transmitting: a0 sees LOS, its link fails (SUERM), then b0 (SIOS)
  await waitFor('link 0 failed at A', () => linksA[0]!.state === 'OUT_OF_SERVICE', 3000);
  await new Promise((r) => setTimeout(r, 500));
  clearInterval(timer);
  await waitFor('every MSU delivered', () => ub.received.length >= sent, 5000);
  const got = seen(ub);
  assert.equal(got.length, sent, 'no MSU lost or duplicated');
  // Order is guaranteed per SLS (Q.704 §5.1); check each SLS stream is in order.
  for (let sls = 0; sls < 16; sls++) {
    const stream = got.filter((n) => (n & 15) === sls);
    assert.deepEqual(stream, [...stream].sort((x, y) => x - y), `SLS ${sls} in order`);
  }
  assert.ok(a.isAccessible(PC_B), 'the route stays available over link 1');
  t.diagnostic(`${sent} MSUs sent; changeover at A: ${changeovers.join('; ')}`);
  assert.equal(changeovers.length, 1);
  assert.match(changeovers[0]!, /^(COO|ECO) .*discarded=0/);
  assert.equal(a.counters().global['mtp3.changeoverLoss'], 0);
});
