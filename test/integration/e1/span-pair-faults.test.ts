// Faults on a pair of looped virtual spans (one process): loss of signal and RAI, a side stopped and
// restarted, injected bit errors seen as CRC-4 errors and E-bits, a peer without CRC-4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TdmEngine } from '../../../src/native/engine.js';
import { TrunkSpan, type SpanChange } from '../../../src/trunk/span.js';
import { nullLogger } from '../../../src/log/logger.js';
import type { SpanConfig } from '../../../src/config/sections/spans.js';
import { sleep, spanPair, waitFor } from './helpers.js';

const fast: Partial<SpanConfig> = { alarmRaiseMs: 20, alarmClearMs: 20, losThresholdMs: 30 };

function recorder(s: TrunkSpan): SpanChange[] {
  const out: SpanChange[] = [];
  s.onChange((c) => out.push(c));
  return out;
}
const alarmed = (log: SpanChange[], alarm: string, state: 'raised' | 'cleared') =>
  log.some((c) => c.kind === 'alarm' && c.alarm === alarm && c.state === state);

async function alignedPair(engine: TdmEngine, over: Partial<SpanConfig> = fast, overB: Partial<SpanConfig> = {}) {
  const [ca, cb] = await spanPair(over, overB);
  const a = new TrunkSpan(engine, ca, 0, nullLogger());
  const b = new TrunkSpan(engine, cb, 1, nullLogger());
  a.start();
  b.start();
  await waitFor('frame alignment', () => a.status().frameAligned && b.status().frameAligned, 5000);
  return { a, b, ca, cb };
}

test('a silent transmitter raises LOS at the far end, which answers with RAI; re-enabling clears both', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const { a, b } = await alignedPair(engine);
  await waitFor('multiframe alignment', () => a.status().mfAligned && b.status().mfAligned);
  const la = recorder(a);
  const lb = recorder(b);
  b.setTxEnabled(false);
  await waitFor('LOS at a', () => a.status().alarms.includes('LOS'), 3000);
  await waitFor('RAI at b', () => b.status().alarms.includes('RAI'), 3000);
  assert.equal(a.status().native!.raiSent, true, 'a sends RAI while in LOS');
  assert.equal(b.status().frameAligned, true, 'b still receives a');
  assert.ok(!alarmed(la, 'AIS', 'raised') && !alarmed(la, 'LOF', 'raised'), 'LOS masks AIS and LOF');
  b.setTxEnabled(true);
  await waitFor('LOS cleared at a', () => alarmed(la, 'LOS', 'cleared'), 3000);
  await waitFor('RAI cleared at b', () => alarmed(lb, 'RAI', 'cleared'), 3000);
  await waitFor('a realigned', () => a.status().mfAligned);
  assert.deepEqual(a.status().alarms, []);
  assert.deepEqual(b.status().alarms, []);
});

test('stopping one span raises LOS on the other, and restarting it restores alignment', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const { a, b, cb } = await alignedPair(engine);
  const la = recorder(a);
  await b.stop();
  await waitFor('LOS at a', () => a.status().alarms.includes('LOS'), 3000);
  assert.equal(a.status().frameAligned, false);
  // Same address again: stop() resolved once the socket was closed.
  const b2 = new TrunkSpan(engine, cb, 1, nullLogger());
  b2.start();
  await waitFor('a realigned', () => a.status().frameAligned && a.status().mfAligned && b2.status().mfAligned, 3000);
  const st = a.status().native!;
  assert.ok(st.alignedAfterMs >= 0 && st.alignedAfterMs <= 50, `realigned after ${st.alignedAfterMs} ms of signal`);
  await waitFor('LOS cleared at a', () => alarmed(la, 'LOS', 'cleared'), 3000);
  assert.ok(st.counters['driver.losEvents']! >= 1);
});

test('injected bit errors show as CRC-4 errors at the receiver and as E-bits back at the sender', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const { a, b } = await alignedPair(engine, { ...fast, alarmRaiseMs: 100 });
  await waitFor('multiframe alignment', () => a.status().mfAligned && b.status().mfAligned);
  await sleep(50);
  const c0a = a.status().native!.counters;
  const c0b = b.status().native!.counters;
  assert.equal(c0b['framer.crcErrors'], 0);
  a.injectErrors(7);
  await waitFor('7 CRC-4 errors at b', () => b.status().native!.counters['framer.crcErrors']! - c0b['framer.crcErrors']! >= 7, 3000);
  await waitFor('7 E-bits at a', () => a.status().native!.counters['framer.febe']! - c0a['framer.febe']! >= 7, 3000);
  await sleep(100);
  const ca = a.status().native!.counters;
  const cb = b.status().native!.counters;
  assert.equal(cb['framer.crcErrors']! - c0b['framer.crcErrors']!, 7, 'exactly the injected errors at b');
  assert.equal(ca['framer.febe']! - c0a['framer.febe']!, 7, 'exactly as many E-bits at a');
  assert.equal(ca['framer.crcErrors'], 0, 'nothing wrong in the other direction');
  assert.equal(cb['framer.febe'], 0);
  assert.equal(a.status().frameAligned && b.status().mfAligned, true, 'alignment kept');
});

test('a CRC-4 span facing a peer without CRC-4 falls back and keeps framing', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const { a, b } = await alignedPair(engine, { ...fast, crc4: true }, { crc4: false });
  const la = recorder(a);
  await waitFor('CRC-4 fallback at a', () => a.status().crc4Fallback, 5000);
  assert.ok(la.some((c) => c.kind === 'crc4Fallback'));
  await sleep(200);
  const sa = a.status();
  assert.equal(sa.frameAligned, true, 'framing continues');
  assert.equal(sa.native!.crc4Active, false);
  assert.equal(b.status().frameAligned, true);
  assert.deepEqual(sa.alarms, [], 'no alarm after the fallback');
  a.setBert(true);
  b.setBert(true);
  await waitFor('BERT sync both ways', () => a.status().native!.bert.synced && b.status().native!.bert.synced, 2000);
  await sleep(300);
  assert.equal(a.status().native!.bert.bitErrors + b.status().native!.bert.bitErrors, 0, 'bearers still bit-exact');
});
