// Acceptance (issue 5): DTMF sent as RFC 4733 events is played in-band on the E1 and detected at the
// far end (which sends it on as RFC 4733 events); tones played on the far end's timeslot arrive as
// RFC 4733 events; all 16 digits, with 5 % packet loss and 40 ms of jitter on the RTP legs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MediaCore, type MediaEvent } from '../../../src/media/index.js';
import { loadNative } from '../../../src/native/addon.js';
import { prng } from '../../unit/media/speech-like.js';
import { loopedSpans, RtpPeer, sleep, mediaPorts } from './helpers.js';

const { media } = loadNative();
const ALL = '123A456B789C*0#D';
const TE = 101;

interface Scheduled {
  at: number;
  packet: Uint8Array;
}

/** Applies loss and jitter to a packet schedule, then sends it by the wall clock. */
async function play(peer: RtpPeer, port: number, schedule: Scheduled[], lossPct: number, jitterMs: number, seed: number): Promise<void> {
  const rnd = prng(seed);
  const plan = schedule.filter(() => rnd() * 100 >= lossPct).map((s) => ({ at: s.at + rnd() * jitterMs, packet: s.packet }));
  plan.sort((x, y) => x.at - y.at);
  const t0 = Date.now();
  let i = 0;
  while (i < plan.length) {
    const now = Date.now() - t0;
    while (i < plan.length && plan[i]!.at <= now) peer.send(port, plan[i++]!.packet);
    await sleep(2);
  }
}

/** RFC 4733 events for every digit (100 ms each, 100 ms apart), silence audio in between; 20 ms packets. */
function eventSchedule(): Scheduled[] {
  const out: Scheduled[] = [];
  let seq = 100;
  const ssrc = 0xabcdef;
  const silence = new Uint8Array(160).fill(0xd5);
  const audio = (k: number) => out.push({ at: k * 20, packet: media.rtpBuild({ payloadType: 8, seq: seq++ & 0xffff, timestamp: 1000 + k * 160, ssrc, marker: k === 0 }, silence) });
  let k = 0;
  for (let i = 0; i < 10; i++) audio(k++);
  for (const d of ALL) {
    const ts = 1000 + k * 160;
    const pk = media.rfc4733SendEvent('0123456789*#ABCD'.indexOf(d), 10, ts, 800, 160);
    pk.forEach((p, j) => {
      const when = (k + Math.min(j + 1, 5)) * 20;
      out.push({ at: when, packet: media.rtpBuild({ payloadType: TE, seq: seq++ & 0xffff, timestamp: p.timestamp, ssrc, marker: p.marker }, p.payload) });
    });
    k += 5;
    for (let i = 0; i < 5; i++) audio(k++);
  }
  for (let i = 0; i < 15; i++) audio(k++);
  return out;
}

function eventDigits(peer: RtpPeer): string {
  const pk = peer.received.filter((p) => p.pt === TE).map((p) => ({ timestamp: p.ts, marker: p.marker, payload: p.payload }));
  return media
    .rfc4733Receive(pk, true)
    .reports.filter((r) => r.begin)
    .map((r) => '0123456789*#ABCD'[r.event])
    .join('');
}

const dtmfOf = (events: MediaEvent[], source: 'rtp' | 'tdm') =>
  events
    .filter((e): e is Extract<MediaEvent, { type: 'MEDIA_DTMF' }> => e.type === 'MEDIA_DTMF' && e.source === source && e.phase === 'begin')
    .map((e) => e.digit)
    .join('');

for (const [lossPct, jitterMs] of [
  [0, 0],
  [5, 40],
] as const) {
  test(`RFC 4733 events in -> Q.23 tones on the E1 -> detected at the far span -> RFC 4733 events out, all 16 digits (${lossPct} % loss, ${jitterMs} ms jitter)`, async (t) => {
    const spans = await loopedSpans();
    t.after(() => spans.close());
    const core = new MediaCore(spans.engine, await mediaPorts());
    t.after(() => core.close());
    const peerA = await RtpPeer.open();
    const peerB = await RtpPeer.open();
    t.after(() => (peerA.close(), peerB.close()));
    const evA: MediaEvent[] = [];
    const evB: MediaEvent[] = [];
    const jb = { initialMs: 60, minMs: 20, maxMs: 300 };
    const chA = core.openChannel({ span: spans.a.engineHandle!, timeslot: 7, dtmfMode: 'rfc4733', telephoneEventPt: TE, remote: { host: '127.0.0.1', port: peerA.port }, jitterBuffer: jb }, (e) => evA.push(e));
    core.openChannel({ span: spans.b.engineHandle!, timeslot: 7, dtmfMode: 'rfc4733', telephoneEventPt: TE, remote: { host: '127.0.0.1', port: peerB.port }, jitterBuffer: jb }, (e) => evB.push(e));
    await play(peerA, chA.port, eventSchedule(), lossPct, jitterMs, 11 + lossPct);
    await sleep(500);
    core.flushEvents();
    assert.equal(dtmfOf(evA, 'rtp'), ALL, 'channel A reported the received events');
    assert.equal(dtmfOf(evB, 'tdm'), ALL, 'channel B detected the tones on its timeslot');
    assert.equal(eventDigits(peerB), ALL, 'peer B received them as RFC 4733 events');
  });

  test(`in-band tones in RTP -> E1 -> detected at the far span -> RFC 4733 events out, all 16 digits (${lossPct} % loss, ${jitterMs} ms jitter)`, async (t) => {
    const spans = await loopedSpans();
    t.after(() => spans.close());
    const core = new MediaCore(spans.engine, await mediaPorts());
    t.after(() => core.close());
    const peerA = await RtpPeer.open();
    const peerB = await RtpPeer.open();
    t.after(() => (peerA.close(), peerB.close()));
    const evA: MediaEvent[] = [];
    const jb = { initialMs: 60, minMs: 20, maxMs: 300 };
    core.openChannel({ span: spans.a.engineHandle!, timeslot: 9, dtmfMode: 'rfc4733', telephoneEventPt: TE, remote: { host: '127.0.0.1', port: peerA.port }, jitterBuffer: jb }, (e) => evA.push(e));
    const chB = core.openChannel({ span: spans.b.engineHandle!, timeslot: 9, dtmfMode: 'inband', telephoneEventPt: TE, remote: { host: '127.0.0.1', port: peerB.port }, jitterBuffer: jb });
    const tones = media.g711Encode('alaw', new Int16Array([...new Int16Array(1600), ...media.dtmfGenerate(ALL, { onMs: 100, offMs: 100 }), ...new Int16Array(2400)]));
    const schedule: Scheduled[] = [];
    for (let k = 0; k * 160 < tones.length; k++) {
      schedule.push({ at: k * 20, packet: media.rtpBuild({ payloadType: 8, seq: k, timestamp: k * 160, ssrc: 0x55, marker: k === 0 }, tones.subarray(k * 160, (k + 1) * 160)) });
    }
    await play(peerB, chB.port, schedule, lossPct, jitterMs, 21 + lossPct);
    await sleep(500);
    core.flushEvents();
    assert.equal(dtmfOf(evA, 'tdm'), ALL, 'channel A detected the tones arriving over the E1');
    assert.equal(eventDigits(peerA), ALL, 'peer A received them as RFC 4733 events');
    // while events are sent, the audio packets carrying the tone are held back
    const audioDuringEvents = peerA.received.filter((p) => p.pt === 8).length;
    assert.ok(audioDuringEvents < (tones.length / 160) * 0.9, `audio packets ${audioDuringEvents}`);
  });
}
