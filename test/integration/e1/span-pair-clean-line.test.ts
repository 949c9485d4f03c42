// Two virtual E1 spans looped over loopback UDP in one process (one engine): alignment, an error-free
// line for 10 s, every bearer octet bit-exact (BERT on all 30 bearer timeslots), HDLC frames intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { TdmEngine } from '../../../src/native/engine.js';
import { TrunkSpan, type SpanChange } from '../../../src/trunk/span.js';
import { nullLogger } from '../../../src/log/logger.js';
import { sleep, spanPair, waitFor } from './helpers.js';

/** Random HDLC payloads that stress flag/escape handling: 0x7E, 0x7D, long runs of ones, random. */
function nastyFrame(i: number): Buffer {
  const n = randomInt(3, 280);
  switch (i % 5) {
    case 0:
      return Buffer.alloc(n, 0x7e);
    case 1:
      return Buffer.alloc(n, 0x7d);
    case 2:
      return Buffer.alloc(n, 0xff);
    case 3: {
      const b = randomBytes(n);
      for (let k = 0; k < n; k += 3) b[k] = [0x7e, 0x7d, 0xff, 0x1f, 0xf8][k % 5]!;
      return b;
    }
    default:
      return randomBytes(n);
  }
}

test('two looped virtual spans align, run 10 s without a CRC-4 error, carry every bearer octet bit-exact and HDLC frames intact', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const [ca, cb] = await spanPair();
  const a = new TrunkSpan(engine, ca, 0, nullLogger());
  const b = new TrunkSpan(engine, cb, 1, nullLogger());
  const changes: { span: string; c: SpanChange; at: number }[] = [];
  a.onChange((c) => changes.push({ span: 'a', c, at: Date.now() }));
  b.onChange((c) => changes.push({ span: 'b', c, at: Date.now() }));
  const t0 = Date.now();
  a.start();
  b.start();

  // Alignment: measured by the engine in ticks (1 ms of line time each) from the first datagram.
  await waitFor('CRC-4 multiframe alignment on both spans', () => a.status().mfAligned && b.status().mfAligned, 5000);
  for (const s of [a, b]) {
    const st = s.status().native!;
    assert.ok(st.alignedAfterMs >= 0 && st.alignedAfterMs <= 50, `${s.name}: frame alignment after ${st.alignedAfterMs} ms`);
    assert.ok(st.mfAlignedAfterMs >= 0 && st.mfAlignedAfterMs <= 50, `${s.name}: multiframe alignment after ${st.mfAlignedAfterMs} ms`);
    assert.equal(st.crc4Active, true);
  }
  // Wall clock, with a margin for a loaded CI machine: the events reached JS.
  assert.ok(changes.filter((x) => x.c.kind === 'mfAligned').every((x) => x.at - t0 < 2000));

  a.setBert(true);
  b.setBert(true);
  await waitFor('BERT sync', () => a.status().native!.bert.synced && b.status().native!.bert.synced, 2000);

  // HDLC frames both ways on TS16 while BERT runs on the 30 bearer timeslots.
  const gotA: Buffer[] = [];
  const gotB: Buffer[] = [];
  const chA = a.openHdlcChannel(16, (f) => gotA.push(f));
  const chB = b.openHdlcChannel(16, (f) => gotB.push(f));
  await sleep(20);
  const before = { a: a.status().native!.counters, b: b.status().native!.counters };
  const sentAB: Buffer[] = [];
  const sentBA: Buffer[] = [];
  const end = Date.now() + 10_000;
  let i = 0;
  while (Date.now() < end) {
    // 64 kbit/s: a 280-octet frame takes ~35 ms; send in small bursts within the queue depth.
    for (let k = 0; k < 4; k++, i++) {
      const fa = nastyFrame(i);
      const fb = nastyFrame(i + 2);
      chA.send(fa);
      sentAB.push(fa);
      chB.send(fb);
      sentBA.push(fb);
    }
    await sleep(250);
  }
  await waitFor('all HDLC frames delivered', () => gotB.length >= sentAB.length && gotA.length >= sentBA.length, 5000);
  assert.deepEqual(gotB, sentAB, 'frames A->B');
  assert.deepEqual(gotA, sentBA, 'frames B->A');

  for (const [s, prev] of [
    [a, before.a],
    [b, before.b],
  ] as const) {
    const st = s.status().native!;
    assert.equal(st.counters['framer.crcErrors'], 0, `${s.name} CRC-4 errors`);
    assert.equal(st.counters['framer.febe'], 0, `${s.name} far-end block errors`);
    assert.equal(st.counters['framer.fasErrors'], 0, `${s.name} FAS errors`);
    assert.equal(st.counters['framer.realignments'], 1, `${s.name} realignments`);
    // 10 s of frames really were checked: 8000 frames/s.
    assert.ok(st.counters['framer.frames']! - prev['framer.frames']! >= 79_000, `${s.name} frames checked`);
    // 30 bearer timeslots x 8 bits x 8000 frames/s x 10 s = 19.2 Mbit, all compared.
    assert.ok(st.bert.synced, `${s.name} BERT in sync`);
    assert.ok(st.bert.bits >= 19_000_000, `${s.name} BERT bits ${st.bert.bits}`);
    assert.equal(st.bert.bitErrors, 0, `${s.name} BERT bit errors`);
    assert.equal(st.bert.syncLosses, 0, `${s.name} BERT sync losses`);
    assert.deepEqual(s.status().alarms, []);
  }
  assert.equal(chB.counters()['hdlcRx.fcsErrors'], 0);
  assert.ok(changes.every((x) => x.c.kind !== 'alarm'), 'no alarm on a clean line');
  await a.stop();
  await b.stop();
});
