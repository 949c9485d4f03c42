// The in-memory loop driver (drivers/loop): pairing rules by name within one engine, and that a
// removed peer is loss of signal while the other span keeps running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TdmEngine, type NativeSpanConfig } from '../../../src/native/engine.js';
import { loadConfig } from '../../../src/config/load.js';
import { TrunkSpan } from '../../../src/trunk/span.js';
import { nullLogger } from '../../../src/log/logger.js';
import { waitFor } from './helpers.js';

const loop = (name: string, peer: string): NativeSpanConfig => ({
  name,
  driver: 'loop',
  peer,
  localHost: '',
  localPort: 0,
  remoteHost: '',
  remotePort: 1,
  jitterBufferPackets: 3,
  losThresholdMs: 30,
  crc4: true,
  signallingTimeslots: [16],
  law: 'alaw',
  pcap: null,
  alarmRaiseMs: 20,
  alarmClearMs: 20,
});

test('a loop span needs a peer other than itself, and a name can be looped only once per engine', (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  assert.throws(() => engine.addSpan(loop('a', 'a'), () => {}), { code: 'EINVAL' });
  assert.throws(() => engine.addSpan(loop('a', ''), () => {}), { code: 'EINVAL' });
  engine.addSpan(loop('a', 'b'), () => {});
  assert.throws(() => engine.addSpan(loop('a', 'b'), () => {}), { code: 'EADDRINUSE' });
});

test('pairs are per engine: the same names in two engines are two separate loops', async (t) => {
  const e1 = new TdmEngine();
  const e2 = new TdmEngine();
  t.after(() => {
    e1.close();
    e2.close();
  });
  const a1 = e1.addSpan(loop('a', 'b'), () => {});
  const a2 = e2.addSpan(loop('a', 'b'), () => {});
  const b1 = e1.addSpan(loop('b', 'a'), () => {});
  await waitFor('e1 aligned', () => e1.spanStatus(a1).mfAligned && e1.spanStatus(b1).mfAligned, 3000);
  await waitFor('LOS in e2 (its a has no b)', () => e2.spanStatus(a2).alarms.LOS, 3000);
  assert.equal(e1.spanStatus(a1).alarms.LOS, false);
});

test('removing one span of a loop is loss of signal at the other; adding it back realigns both', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const a = engine.addSpan(loop('a', 'b'), () => {});
  let b = engine.addSpan(loop('b', 'a'), () => {});
  await waitFor('aligned', () => engine.spanStatus(a).mfAligned && engine.spanStatus(b).mfAligned, 3000);
  await engine.removeSpan(b);
  await waitFor('LOS at a', () => engine.spanStatus(a).alarms.LOS && engine.spanStatus(a).los, 3000);
  b = engine.addSpan(loop('b', 'a'), () => {});
  await waitFor('realigned', () => engine.spanStatus(a).mfAligned && engine.spanStatus(b).mfAligned && !engine.spanStatus(a).alarms.LOS, 3000);
  assert.equal(engine.spanStatus(b).counters['framer.crcErrors'] ?? 0, 0);
});

test('spans configured with driver loop and each other as peer start as trunk spans and align', async (t) => {
  const cfg = loadConfig({
    object: {
      spans: [
        { name: 'x', driver: 'loop', peer: 'y' },
        { name: 'y', driver: 'loop', peer: 'x' },
      ],
    },
    env: {},
  });
  assert.equal(cfg.spans[0]!.driver, 'loop');
  assert.equal(cfg.spans[0]!.peer, 'y');
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const spans = cfg.spans.map((c, i) => new TrunkSpan(engine, c, i, nullLogger()));
  for (const s of spans) s.start();
  await waitFor('aligned', () => spans.every((s) => engine.spanStatus(s.engineHandle!).mfAligned), 3000);
  for (const s of spans) await s.stop();
  assert.throws(() => loadConfig({ object: { spans: [{ name: 'x', driver: 'loop0', peer: 'y' }] }, env: {} }));
});
