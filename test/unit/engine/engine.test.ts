// The TDM engine's boundary: typed errors that keep their class, lifecycle (close is idempotent and
// final), the 1 ms tick, IPv6 spans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { TdmEngine, type NativeSpanConfig } from '../../../src/native/engine.js';
import { InvalidStateError, TandemNativeError } from '../../../src/native/errors.js';
import { freeUdpPorts } from '../../helpers/ports.js';
import { sleep, waitFor } from '../../integration/e1/helpers.js';

function nativeCfg(localPort: number, remotePort: number, over: Partial<NativeSpanConfig> = {}): NativeSpanConfig {
  return {
    name: 's',
    driver: 'virtual',
    localHost: '127.0.0.1',
    localPort,
    remoteHost: '127.0.0.1',
    remotePort,
    jitterBufferPackets: 3,
    losThresholdMs: 30,
    crc4: true,
    signallingTimeslots: [16],
    law: 'alaw',
    pcap: null,
    alarmRaiseMs: 100,
    alarmClearMs: 100,
    ...over,
  };
}

const nativeCode = (code: string) => (e: unknown) => e instanceof TandemNativeError && e.code === code;

test('bad arguments are TypeErrors or RangeErrors, domain failures TandemNativeErrors with a code', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const [p1, p2] = (await freeUdpPorts(2)) as [number, number];
  const noop = () => {};
  assert.throws(() => engine.addSpan({ ...nativeCfg(p1, p2), crc4: 'yes' } as unknown as NativeSpanConfig, noop), TypeError);
  assert.throws(() => engine.addSpan(nativeCfg(p1, p2, { jitterBufferPackets: 0 }), noop), RangeError);
  assert.throws(() => engine.addSpan(nativeCfg(p1, p2, { signallingTimeslots: [0] }), noop), RangeError);
  assert.throws(() => engine.addSpan(nativeCfg(p1, p2, { localHost: 'localhost' }), noop), nativeCode('EINVAL'));
  assert.throws(() => engine.addSpan(nativeCfg(p1, p2, { remoteHost: '::1' }), noop), nativeCode('EINVAL'));
  assert.throws(() => engine.addSpan(nativeCfg(p1, p2, { pcap: '/nonexistent-dir/x.pcap' }), noop), nativeCode('EPCAP'));

  const span = engine.addSpan(nativeCfg(p1, p2), noop);
  assert.throws(() => engine.addSpan(nativeCfg(p1, p2), noop), nativeCode('EADDRINUSE'));
  assert.throws(() => engine.spanStatus(span + 1000), nativeCode('ESPAN_UNKNOWN'));
  assert.throws(() => engine.openChannel(span, 1, 'hdlc', {}, noop), nativeCode('ETIMESLOT'));
  assert.throws(() => engine.openChannel(span, 16, 'no-such-kind', {}, noop), nativeCode('ECHANNEL_KIND'));
  assert.throws(() => engine.openChannel(span, 32, 'hdlc', {}, noop), RangeError);
  const ch = engine.openChannel(span, 16, 'hdlc', {}, noop);
  assert.throws(() => engine.openChannel(span, 16, 'hdlc', {}, noop), nativeCode('ECHANNEL_BUSY'));
  assert.throws(() => engine.sendFrame(ch, new Uint8Array(2)), RangeError);
  assert.throws(() => engine.sendFrame(ch, new Uint8Array(299)), RangeError);
  assert.throws(() => engine.channelCounters(ch + 1000), nativeCode('ECHANNEL_UNKNOWN'));
  assert.throws(() => engine.injectErrors(span, 0), RangeError);
  engine.closeChannel(ch);
  assert.throws(() => engine.channelCounters(ch), nativeCode('ECHANNEL_UNKNOWN'));
});

test('close() is idempotent, frees the span sockets, and every later call is an InvalidStateError', async () => {
  const engine = new TdmEngine();
  const [p1, p2] = (await freeUdpPorts(2)) as [number, number];
  engine.addSpan(nativeCfg(p1, p2), () => {});
  engine.close();
  engine.close();
  assert.equal(engine.closed, true);
  assert.throws(() => engine.stats(), InvalidStateError);
  assert.throws(() => engine.addSpan(nativeCfg(p1, p2), () => {}), InvalidStateError);
  // The port is free again.
  const s = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.bind(p1, '127.0.0.1', () => resolve());
  });
  s.close();
});

test('removing a span resolves once its address can be bound again', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const [p1, p2] = (await freeUdpPorts(2)) as [number, number];
  const h = engine.addSpan(nativeCfg(p1, p2), () => {});
  await engine.removeSpan(h);
  const h2 = engine.addSpan(nativeCfg(p1, p2), () => {});
  assert.notEqual(h2, h);
  assert.throws(() => engine.spanStatus(h), nativeCode('ESPAN_UNKNOWN'));
});

test('the engine ticks once per millisecond of wall time (catching up after stalls)', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  await sleep(50);
  const s0 = engine.stats();
  const t0 = performance.now();
  await sleep(500);
  const s1 = engine.stats();
  const elapsed = performance.now() - t0;
  const ticks = s1.ticks - s0.ticks;
  assert.ok(Math.abs(ticks - elapsed) < 100, `${ticks} ticks in ${elapsed.toFixed(1)} ms`);
  assert.ok(s1.samples >= ticks && s1.lateMaxUs >= s1.lateP99Us && s1.lateP99Us >= s1.lateP50Us);
  assert.ok(s1.threadCpuUs > 0);
});

test('two spans align over IPv6 loopback', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const [p1, p2] = (await freeUdpPorts(2, '::1')) as [number, number];
  const v6 = { localHost: '::1', remoteHost: '::1' };
  const a = engine.addSpan(nativeCfg(p1, p2, v6), () => {});
  const b = engine.addSpan(nativeCfg(p2, p1, v6), () => {});
  await waitFor('alignment over ::1', () => engine.spanStatus(a).mfAligned && engine.spanStatus(b).mfAligned, 3000);
});
