// Media channel behaviour at its edges: bad RTP counted and dropped (never a crash), first-packet,
// SSRC-change, RTP-timeout and latching events, symmetric RTP refusing other sources, modify, and
// the lifecycle (close idempotent; span removed under a channel; engine closed first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { MEDIA_COUNTERS, MediaCore, type MediaEvent } from '../../../src/media/index.js';
import { InvalidStateError } from '../../../src/native/errors.js';
import { loadNative } from '../../../src/native/addon.js';
import { loopedSpans, RtpPeer, sleep, waitFor, mediaPorts } from './helpers.js';

const { media } = loadNative();
const pcma = (seq: number, ssrc = 0x42, pt = 8) => media.rtpBuild({ payloadType: pt, seq, timestamp: seq * 160, ssrc }, new Uint8Array(160).fill(0x55));

test('bad RTP is counted by kind and dropped; good packets around it still play', async (t) => {
  const spans = await loopedSpans();
  t.after(() => spans.close());
  const core = new MediaCore(spans.engine, await mediaPorts());
  t.after(() => core.close());
  const peer = await RtpPeer.open();
  t.after(() => peer.close());
  const ch = core.openChannel({ span: spans.a.engineHandle!, timeslot: 3, remote: { host: '127.0.0.1', port: peer.port }, symmetric: true });
  const other = await RtpPeer.open();
  t.after(() => other.close());
  peer.send(ch.port, pcma(1));
  await waitFor('latched', () => ch.stats()['rtp.rx'] === 1, 2000);
  peer.send(ch.port, Uint8Array.of(0x80, 0x08, 0, 1)); // short
  peer.send(ch.port, Uint8Array.from([0x40, ...pcma(2).subarray(1)])); // version 1
  peer.send(ch.port, pcma(3, 0x42, 96)); // payload type not negotiated
  other.send(ch.port, pcma(4)); // another source while latched
  peer.send(ch.port, Uint8Array.from([0xa0, ...pcma(5).subarray(1, 12), 1, 2, 0])); // padding count 0
  // garbage; where it happens to look like RTP v2 its payload type is one not negotiated
  for (let i = 0; i < 300; i++) {
    const g = randomBytes(i % 200);
    if (g.length >= 2 && g[0]! >> 6 === 2) g[1] = 0x7f;
    peer.send(ch.port, g);
  }
  peer.send(ch.port, pcma(6));
  await waitFor('the good packet after the bad ones', () => ch.stats()['rtp.rx']! >= 2, 2000);
  await sleep(50);
  const st = ch.stats();
  assert.ok(st['rtp.badShort']! >= 1);
  assert.ok(st['rtp.badVersion']! >= 1);
  assert.ok(st['rtp.unknownPt']! >= 1);
  assert.equal(st['rtp.wrongSource'], 1);
  assert.ok(st['rtp.badHeader']! >= 1);
  assert.equal(st['rtp.rx'], 2, 'only the two good packets counted');
  assert.equal(st['rtp.ssrcChanges'], 0);
  assert.deepEqual(Object.keys(st).sort(), Object.keys(MEDIA_COUNTERS).concat(['rtp.localSsrc', 'rtp.remoteSsrc']).sort(), 'every counter is described');
  assert.equal(st['rtp.badShort']! + st['rtp.badVersion']! + st['rtp.badHeader']! + st['rtp.unknownPt']! + st['rtp.wrongSource']!, 300 + 5);
});

test('first packet, SSRC change, RTP timeout and resume are reported; symmetric RTP latches the source', async (t) => {
  const spans = await loopedSpans();
  t.after(() => spans.close());
  const core = new MediaCore(spans.engine, await mediaPorts());
  t.after(() => core.close());
  const peer = await RtpPeer.open();
  t.after(() => peer.close());
  const ev: MediaEvent[] = [];
  const ch = core.openChannel({ span: spans.a.engineHandle!, timeslot: 4, symmetric: true, rtpTimeoutMs: 200 }, (e) => ev.push(e));
  // no remote configured: nothing is sent until the first packet tells where to
  await sleep(100);
  assert.equal(ch.stats()['rtp.tx'], 0);
  for (let i = 0; i < 5; i++) peer.send(ch.port, pcma(10 + i, 0x1111));
  await waitFor('latched + first packet', () => ev.some((e) => e.type === 'MEDIA_LATCHED') && ev.some((e) => e.type === 'MEDIA_FIRST_PACKET'), 2000);
  assert.deepEqual(ev.find((e) => e.type === 'MEDIA_LATCHED'), { type: 'MEDIA_LATCHED', remote: `127.0.0.1:${peer.port}` });
  await waitFor('RTP towards the learnt address', () => peer.received.length > 3, 2000);
  for (let i = 0; i < 3; i++) peer.send(ch.port, pcma(500 + i, 0x2222));
  await waitFor('SSRC change', () => ev.some((e) => e.type === 'MEDIA_SSRC_CHANGE'), 2000);
  assert.deepEqual(ev.find((e) => e.type === 'MEDIA_SSRC_CHANGE'), { type: 'MEDIA_SSRC_CHANGE', ssrc: 0x2222, previousSsrc: 0x1111 });
  await waitFor('timeout', () => ev.some((e) => e.type === 'MEDIA_RTP_TIMEOUT'), 2000);
  peer.send(ch.port, pcma(503, 0x2222));
  await waitFor('resumed', () => ev.some((e) => e.type === 'MEDIA_RTP_RESUMED'), 2000);
  assert.equal(ev.filter((e) => e.type === 'MEDIA_FIRST_PACKET').length, 1);
});

test('modify changes ptime and codec at the next tick; bad values are refused before they reach native', async (t) => {
  const spans = await loopedSpans();
  t.after(() => spans.close());
  const core = new MediaCore(spans.engine, await mediaPorts());
  t.after(() => core.close());
  const peer = await RtpPeer.open();
  t.after(() => peer.close());
  const ch = core.openChannel({ span: spans.a.engineHandle!, timeslot: 6, remote: { host: '127.0.0.1', port: peer.port }, ptimeMs: 20 });
  await waitFor('packets', () => peer.received.length >= 5, 2000);
  assert.ok(peer.received.every((p) => p.payload.length === 160 && p.pt === 8));
  ch.modify({ ptimeMs: 30, encoding: 'PCMU', payloadType: 0 });
  const n = peer.received.length;
  await waitFor('new packets', () => peer.received.length >= n + 8, 2000);
  const last = peer.received.slice(-3);
  assert.ok(last.every((p) => p.payload.length === 240 && p.pt === 0), JSON.stringify(last.map((p) => [p.pt, p.payload.length])));
  const idle = media.g711Convert('alaw', 'ulaw', Uint8Array.of(0xd5))[0]; // G.711 Table 4: 0xFE
  assert.ok(last.every((p) => p.payload.every((c) => c === idle)), 'the idle A-law octets arrive converted to µ-law');
  assert.throws(() => ch.modify({ ptimeMs: 25 as 20 }), RangeError);
  assert.throws(() => ch.modify({ remote: { host: 'example.com', port: 5 } }), TypeError);
  assert.throws(() => ch.modify({ remote: { host: '::1', port: 5 } }), /address family/);
  assert.throws(() => core.openChannel({ span: spans.a.engineHandle!, timeslot: 16 }), /not a bearer timeslot/);
  assert.throws(() => core.openChannel({ span: 9999, timeslot: 1 }), /no span/);
});

test('close is idempotent, a span removed under a channel does not break it, an engine closed first is survived', async (t) => {
  const spans = await loopedSpans();
  const core = new MediaCore(spans.engine, await mediaPorts());
  const a = core.openChannel({ span: spans.a.engineHandle!, timeslot: 1 });
  const b = core.openChannel({ span: spans.b.engineHandle!, timeslot: 1 });
  const c = core.openChannel({ span: spans.b.engineHandle!, timeslot: 2 });
  a.close();
  a.close();
  assert.equal(a.closed, true);
  assert.throws(() => a.stats(), InvalidStateError);
  // the span goes away first (call control had not closed the channel yet)
  await spans.b.stop();
  b.close();
  await sleep(50);
  core.flushEvents();
  // the engine closes before the media core: its channels are freed without the RT thread
  spans.engine.close();
  c.close();
  core.close();
  core.close();
  assert.equal(core.closed, true);
  assert.throws(() => core.openChannel({ span: 1, timeslot: 1 }), InvalidStateError);
  await spans.a.stop();
  t.diagnostic('no crash, no leak reported');
});

test('two channels as each other\'s RTP peers exchange RTCP SR/RR and measure the round trip (RFC 3550 §6.4.1)', async (t) => {
  const spans = await loopedSpans();
  t.after(() => spans.close());
  const core = new MediaCore(spans.engine, await mediaPorts());
  t.after(() => core.close());
  const a = core.openChannel({ span: spans.a.engineHandle!, timeslot: 20, rtcpIntervalMs: 200 });
  const b = core.openChannel({ span: spans.b.engineHandle!, timeslot: 20, rtcpIntervalMs: 200, remote: { host: '127.0.0.1', port: a.port } });
  a.modify({ remote: { host: '127.0.0.1', port: b.port } });
  await waitFor('RTT on both', () => a.stats()['rtcp.rttMs']! >= 0 && b.stats()['rtcp.rttMs']! >= 0, 5000);
  for (const ch of [a, b]) {
    const st = ch.stats();
    assert.ok(st['rtcp.tx']! >= 1 && st['rtcp.rx']! >= 1, JSON.stringify(st));
    assert.ok(st['rtcp.rttMs']! < 50, `loopback RTT ${st['rtcp.rttMs']} ms`);
    assert.equal(st['rtcp.remoteFractionLost'], 0);
    assert.equal(st['rtcp.bad'], 0);
  }
});

test('a channel works over IPv6 (::1)', async (t) => {
  const spans = await loopedSpans();
  t.after(() => spans.close());
  const core = new MediaCore(spans.engine, { ...(await mediaPorts()), localHost: '::1' });
  t.after(() => core.close());
  const peer = await RtpPeer.open('::1');
  t.after(() => peer.close());
  const ch = core.openChannel({ span: spans.a.engineHandle!, timeslot: 21, remote: { host: '::1', port: peer.port } });
  for (let i = 0; i < 5; i++) peer.send(ch.port, pcma(i + 1), '::1');
  await waitFor('RTP both ways over IPv6', () => ch.stats()['rtp.rx'] === 5 && peer.received.length >= 5, 3000);
});

test('an RFC 4733 event whose end packets are all lost is ended after 300 ms without updates, and its tone stops', async (t) => {
  const spans = await loopedSpans();
  t.after(() => spans.close());
  const core = new MediaCore(spans.engine, await mediaPorts());
  t.after(() => core.close());
  const peer = await RtpPeer.open();
  t.after(() => peer.close());
  const evA: MediaEvent[] = [];
  const evB: MediaEvent[] = [];
  const a = core.openChannel({ span: spans.a.engineHandle!, timeslot: 22, telephoneEventPt: 101 }, (e) => evA.push(e));
  core.openChannel({ span: spans.b.engineHandle!, timeslot: 22, telephoneEventPt: 101 }, (e) => evB.push(e));
  const updates = media.rfc4733SendEvent(5, 10, 8000, 1600, 160).filter((p) => !media.rfc4733Parse(p.payload)!.end);
  for (const [i, p] of updates.entries()) {
    peer.send(a.port, media.rtpBuild({ payloadType: 101, seq: 10 + i, timestamp: p.timestamp, ssrc: 9, marker: p.marker }, p.payload));
    await sleep(20);
  }
  await waitFor('end reported', () => evA.some((e) => e.type === 'MEDIA_DTMF' && e.phase === 'end'), 2000);
  await waitFor('the far end saw the tone stop', () => evB.some((e) => e.type === 'MEDIA_DTMF' && e.phase === 'end' && e.digit === '5'), 2000);
  assert.deepEqual(
    evA.filter((e) => e.type === 'MEDIA_DTMF').map((e) => e.type === 'MEDIA_DTMF' && `${e.digit}${e.phase}`),
    ['5begin', '5end'],
  );
});
