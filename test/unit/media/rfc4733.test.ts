// RFC 4733 telephone-event: payload codec, the sender's packet pattern (§2.5.1) and the receiver's
// handling of updates, repeated ends, retransmissions, loss and reordering (§2.5.2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNative } from '../../../src/native/addon.js';
import { prng } from './speech-like.js';

const { media } = loadNative();

test('the payload round-trips: event, end bit, volume and duration (RFC 4733 §2.3)', () => {
  // digit 5, E=1, volume 10, duration 800: captured hex 05 8a 03 20
  const p = media.rfc4733Build({ event: 5, end: true, volume: 10, duration: 800 });
  assert.deepEqual([...p], [0x05, 0x8a, 0x03, 0x20]);
  assert.deepEqual(media.rfc4733Parse(Uint8Array.of(0x0b, 0x0a, 0x00, 0xa0)), { event: 11, end: false, volume: 10, duration: 160 });
  assert.equal(media.rfc4733Parse(Uint8Array.of(1, 2, 3)), null);
  // the reserved bit is ignored on receipt
  assert.deepEqual(media.rfc4733Parse(Uint8Array.of(0x01, 0xca, 0x00, 0x50)), { event: 1, end: true, volume: 10, duration: 80 });
});

test('a sender marks the first packet, keeps the start timestamp, grows the duration and sends the end three times', () => {
  const pk = media.rfc4733SendEvent(7, 10, 123456, 800, 160); // 100 ms event, 20 ms updates
  assert.equal(pk.length, 5 + 2); // updates at 160..640, end at 800 x3
  assert.equal(pk[0]!.marker, true);
  assert.ok(pk.slice(1).every((p) => !p.marker));
  assert.ok(pk.every((p) => p.timestamp === 123456));
  const ev = pk.map((p) => media.rfc4733Parse(p.payload)!);
  assert.deepEqual(ev.map((e) => e.duration), [160, 320, 480, 640, 800, 800, 800]);
  assert.deepEqual(ev.map((e) => e.end), [false, false, false, false, true, true, true]);
  assert.ok(ev.every((e) => e.event === 7 && e.volume === 10));
});

test('an event longer than 0xFFFF timestamp units continues in a new segment (§2.5.1.3)', () => {
  const pk = media.rfc4733SendEvent(1, 10, 1000, 70000, 8000);
  const stamps = [...new Set(pk.map((p) => p.timestamp))];
  assert.deepEqual(stamps, [1000, 1000 + 0xffff]);
  const last = media.rfc4733Parse(pk[pk.length - 1]!.payload)!;
  assert.equal(last.end, true);
  assert.equal(last.duration, 70000 - 0xffff);
});

test('the receiver reports each event once: begin at the first packet, end at the first end packet', () => {
  const pk = media.rfc4733SendEvent(3, 10, 5000, 800, 160);
  const r = media.rfc4733Receive(pk);
  assert.deepEqual(
    r.reports.map((x) => [x.event, x.begin, x.timestamp, x.duration]),
    [
      [3, true, 5000, 160],
      [3, false, 5000, 800],
    ],
  );
  assert.equal(r.stats.duplicates, 2); // the second and third end packets
});

test('retransmitted and reordered packets of an event are ignored, a stale event is not reported again', () => {
  const a = media.rfc4733SendEvent(1, 10, 1000, 480, 160);
  const b = media.rfc4733SendEvent(2, 10, 3000, 480, 160);
  const r = media.rfc4733Receive([a[0]!, a[1]!, a[0]!, a[2]!, a[3]!, b[0]!, a[4]!, b[1]!, b[2]!, b[3]!, b[4]!]);
  assert.deepEqual(
    r.reports.map((x) => `${x.event}${x.begin ? '+' : '-'}`),
    ['1+', '1-', '2+', '2-'],
  );
  assert.equal(r.stats.stale, 1);
});

test('a lost end is closed by the next event, and an event seen only in its end packets still counts', () => {
  const a = media.rfc4733SendEvent(4, 10, 1000, 480, 160).filter((p) => !media.rfc4733Parse(p.payload)!.end);
  const b = media.rfc4733SendEvent(9, 10, 3000, 480, 160).filter((p) => media.rfc4733Parse(p.payload)!.end);
  const r = media.rfc4733Receive([...a, ...b]);
  assert.deepEqual(
    r.reports.map((x) => `${x.event}${x.begin ? '+' : '-'}`),
    ['4+', '4-', '9+', '9-'],
  );
  assert.equal(r.stats.endsLost, 1);
  const open = media.rfc4733Receive(a, true);
  assert.deepEqual(open.reports.map((x) => x.begin), [true, false]);
});

test('malformed payloads and unknown events are counted and never reported', () => {
  const r = media.rfc4733Receive([
    { timestamp: 1, marker: true, payload: Uint8Array.of(1, 2) },
    { timestamp: 2, marker: true, payload: Uint8Array.of(200, 10, 0, 80) },
  ]);
  assert.equal(r.reports.length, 0);
  assert.equal(r.stats.malformed, 2);
});

test('all 16 events survive 5 % packet loss and reordering: each digit reported exactly once, in order', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const rnd = prng(seed);
    const packets = [];
    for (let ev = 0; ev < 16; ev++) packets.push(...media.rfc4733SendEvent(ev, 10, 10000 + ev * 1600, 800, 160));
    const kept = packets.filter(() => rnd() >= 0.05);
    // jitter: swap neighbours now and then
    for (let i = 0; i + 1 < kept.length; i++) if (rnd() < 0.1) [kept[i], kept[i + 1]] = [kept[i + 1]!, kept[i]!];
    const r = media.rfc4733Receive(kept, true);
    const begins = r.reports.filter((x) => x.begin).map((x) => x.event);
    assert.deepEqual(begins, [...Array(16).keys()], `seed ${seed}`);
    assert.equal(r.reports.filter((x) => !x.begin).length, 16);
  }
});
