// RTP header (RFC 3550 §5.1) and the receive state of §A.1 (probation, wrap, jumps, restart),
// §A.3 (loss) and §A.8 (jitter); RTCP SR/RR/SDES/BYE (§6) with the §A.2 checks and RTT (§6.4.1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNative } from '../../../src/native/addon.js';
import type { RtpReceiveStep } from '../../../src/native/types/media.js';

const { media } = loadNative();
const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

test('a PCMA packet parses field by field (captured hex, network to gateway)', () => {
  // 80 08 1f a0 | 00 00 a0 00 | 12 34 56 78 | d5 d5 d5 d5
  const p = media.rtpParse(hex('80081fa0 0000a000 12345678 d5d5d5d5'));
  assert.equal(p.error, undefined);
  assert.deepEqual(
    [p.version, p.padding, p.extension, p.marker, p.payloadType, p.seq, p.timestamp, p.ssrc],
    [2, false, false, false, 8, 8096, 40960, 0x12345678],
  );
  assert.deepEqual([...p.payload!], [0xd5, 0xd5, 0xd5, 0xd5]);
});

test('build and parse round-trip marker, CSRCs, a header extension and padding', () => {
  const payload = Uint8Array.from({ length: 160 }, (_, i) => i);
  const pkt = media.rtpBuild(
    { payloadType: 0, seq: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef, marker: true, csrc: [1, 2, 3], extProfile: 0xbede, paddingLength: 4 },
    payload,
    Uint8Array.of(0x10, 0xaa, 0, 0),
  );
  assert.equal(pkt.length, 12 + 12 + 8 + 160 + 4);
  const p = media.rtpParse(pkt);
  assert.deepEqual([p.marker, p.payloadType, p.seq, p.timestamp, p.ssrc], [true, 0, 65535, 0xfffffff0, 0xdeadbeef]);
  assert.deepEqual(p.csrc, [1, 2, 3]);
  assert.equal(p.extProfile, 0xbede);
  assert.deepEqual([...p.ext!], [0x10, 0xaa, 0, 0]);
  assert.equal(p.paddingLength, 4);
  assert.deepEqual([...p.payload!], [...payload]);
});

test('invalid headers are rejected with a reason, never read beyond the packet', () => {
  assert.equal(media.rtpParse(hex('80 08 00 01 00 00 00 00 00 00 00')).error, 'short'); // 11 octets
  assert.equal(media.rtpParse(hex('40 08 00 01 00 00 00 00 00 00 00 01')).error, 'version'); // V=1
  assert.equal(media.rtpParse(hex('c0 08 00 01 00 00 00 00 00 00 00 01')).error, 'version'); // V=3
  assert.equal(media.rtpParse(hex('82 08 00 01 00 00 00 00 00 00 00 01 00 00 00 01')).error, 'csrc'); // CC=2, one present
  assert.equal(media.rtpParse(hex('90 08 00 01 00 00 00 00 00 00 00 01 be de 00 02 00 00 00 00')).error, 'extension');
  assert.equal(media.rtpParse(hex('a0 08 00 01 00 00 00 00 00 00 00 01 d5 d5 00')).error, 'padding'); // pad count 0
  assert.equal(media.rtpParse(hex('a0 08 00 01 00 00 00 00 00 00 00 01 d5 09')).error, 'padding'); // beyond payload
  // random octets: always a result, never a crash
  for (let i = 0; i < 2000; i++) {
    const b = Uint8Array.from({ length: i % 40 }, () => (Math.random() * 256) | 0);
    const r = media.rtpParse(b);
    assert.ok(r.error !== undefined || r.payload !== undefined);
  }
});

function stream(seqs: number[], ts0 = 0, step = 160): RtpReceiveStep[] {
  return seqs.map((seq, i) => ({ seq: seq & 0xffff, ts: ts0 + i * step, arrival: ts0 + i * step }));
}

test('a new source needs two packets in sequence before it counts (§A.1 probation)', () => {
  const r = media.rtpReceive(stream([100, 101, 102, 103]), { probation: true });
  assert.deepEqual(r.results, ['probation', 'valid', 'valid', 'valid']);
  assert.equal(r.stats.received, 3);
  assert.equal(r.stats.cumulativeLost, 0);
  const bad = media.rtpReceive(stream([100, 200, 201, 202]), { probation: true });
  assert.deepEqual(bad.results, ['probation', 'probation', 'valid', 'valid']);
});

test('sequence wrap keeps the extended highest sequence growing and loses nothing', () => {
  const r = media.rtpReceive(stream([65533, 65534, 65535, 0, 1, 2]));
  assert.ok(r.results.every((x) => x === 'valid'));
  assert.equal(r.stats.extendedMax, 65536 + 2);
  assert.equal(r.stats.expected, 6);
  assert.equal(r.stats.cumulativeLost, 0);
});

test('gaps count as lost, and fraction lost is per report interval (§A.3)', () => {
  const steps: RtpReceiveStep[] = [...stream([1, 2, 3, 4, 6, 7, 8, 10]), { report: true }, ...stream([11, 12, 13, 14], 1760), { report: true }];
  const r = media.rtpReceive(steps);
  // 10 expected, 8 received: 2 lost, fraction 2/10 * 256 = 51
  assert.equal(r.results[8], 'report:51:2');
  assert.equal(r.results[13], 'report:0:2');
});

test('a jump beyond MAX_DROPOUT is dropped, and confirmed by the next packet it restarts the source', () => {
  const r = media.rtpReceive(stream([10, 11, 12, 20000, 20001, 20002]));
  assert.deepEqual(r.results, ['valid', 'valid', 'valid', 'bad', 'restart', 'valid']);
  assert.equal(r.stats.restarts, 1);
  assert.equal(r.stats.received, 2);
  const lone = media.rtpReceive(stream([10, 11, 12, 20000, 13, 14]));
  assert.deepEqual(lone.results, ['valid', 'valid', 'valid', 'bad', 'valid', 'valid']);
  assert.equal(lone.stats.badSeq, 1);
});

test('an SSRC change starts a new source', () => {
  const steps: RtpReceiveStep[] = [...stream([1, 2, 3]), { seq: 5000, ts: 0, arrival: 480, ssrc: 2 }, { seq: 5001, ts: 160, arrival: 640, ssrc: 2 }];
  const r = media.rtpReceive(steps);
  assert.deepEqual(r.results, ['valid', 'valid', 'valid', 'ssrc-change:valid', 'valid']);
  assert.equal(r.stats.ssrc, 2);
  assert.equal(r.stats.received, 2);
});

test('interarrival jitter follows §A.8: zero for a steady stream, about the mean deviation otherwise', () => {
  assert.equal(media.rtpReceive(stream(Array.from({ length: 100 }, (_, i) => i))).stats.jitter, 0);
  // arrival alternates +0 / +80 timestamp units (10 ms of jitter): |D| = 80 every packet -> J -> 80
  const steps = Array.from({ length: 400 }, (_, i) => ({ seq: i, ts: i * 160, arrival: i * 160 + (i % 2) * 80 }));
  const j = media.rtpReceive(steps).stats.jitter;
  assert.ok(j >= 76 && j <= 80, `jitter ${j}`);
});

test('SR and RR compounds round-trip with CNAME, report blocks and BYE', () => {
  const block = { ssrc: 0xabc, fractionLost: 51, cumulativeLost: -3, extHighestSeq: 65538, jitter: 77, lsr: 0x12345678, dlsr: 0x00018000 };
  const sr = media.rtcpBuild({ ssrc: 7, sender: { ntp: 0xe8f1234580000000n, rtpTimestamp: 160000, packetCount: 1000, octetCount: 160000 }, blocks: [block] }, 'tandem@127.0.0.1', true);
  const p = media.rtcpParse(sr);
  assert.equal(p.error, undefined);
  assert.equal(p.type, 'SR');
  assert.equal(p.ssrc, 7);
  assert.equal(p.sender!.ntp, 0xe8f1234580000000n);
  assert.deepEqual([p.sender!.rtpTimestamp, p.sender!.packetCount, p.sender!.octetCount], [160000, 1000, 160000]);
  assert.deepEqual(p.blocks, [block]);
  assert.equal(p.cname, 'tandem@127.0.0.1');
  assert.equal(p.bye, true);
  assert.equal(p.packets, 3);
  assert.equal(sr.length % 4, 0);
  const rr = media.rtcpParse(media.rtcpBuild({ ssrc: 9, blocks: [] }, 'x'));
  assert.deepEqual([rr.type, rr.blocks!.length, rr.cname, rr.bye], ['RR', 0, 'x', false]);
});

test('RTCP validity checks of §A.2 reject malformed compounds', () => {
  const ok = media.rtcpBuild({ ssrc: 1, blocks: [] }, 'abc');
  assert.equal(media.rtcpParse(ok.subarray(0, 6)).error, 'short');
  const v1 = Uint8Array.from(ok);
  v1[0] = (v1[0]! & 0x3f) | 0x40;
  assert.equal(media.rtcpParse(v1).error, 'version');
  const sdesFirst = ok.subarray(8);
  assert.equal(media.rtcpParse(sdesFirst).error, 'not-report-first');
  const longer = Uint8Array.from(ok);
  longer[3] = longer[3]! + 5;
  assert.equal(media.rtcpParse(longer).error, 'length');
});

test('round-trip time is A - LSR - DLSR (§6.4.1), none without an LSR', () => {
  // SR sent at middle32 0x00010000 (1 s), held 0.5 s at the far end, report back at 1.75 s -> RTT 0.25 s
  assert.equal(media.rtcpRoundTrip(0x0001c000, 0x00010000, 0x00008000), 0x4000);
  assert.equal(media.rtcpRoundTrip(0x0001c000, 0, 0x00008000), -1);
});
