// Acceptance (issue 5): RTP from a sender reaches the TDM timeslot of a virtual span and is read
// bit-exact at the far span (A-law in, A-law out) or converted by G.711 Table 3 (µ-law in); the
// reverse direction likewise; ptime 20 and 30 ms. The far span's timeslot is read by a second media
// channel, which sends it out as RTP again: sender -> channel A -> E1 -> channel B -> receiver.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MediaCore } from '../../../src/media/index.js';
import { loadNative } from '../../../src/native/addon.js';
import { loopedSpans, matchFrames, loudCodes, RtpPeer, sendPaced, sleep, waitFor, mediaPorts } from './helpers.js';

const { media } = loadNative();

for (const [encoding, ptimeMs] of [
  ['PCMA', 20],
  ['PCMA', 30],
  ['PCMU', 20],
  ['PCMU', 30],
] as const) {
  test(`${encoding} at ${ptimeMs} ms: RTP -> span A TS5 -> E1 -> span B TS5 -> RTP arrives ${encoding === 'PCMA' ? 'bit-exact' : 'converted by G.711 Table 3'}, both directions`, async (t) => {
    const spans = await loopedSpans();
    t.after(() => spans.close());
    const core = new MediaCore(spans.engine, await mediaPorts());
    t.after(() => core.close());
    const peerA = await RtpPeer.open();
    const peerB = await RtpPeer.open();
    t.after(() => {
      peerA.close();
      peerB.close();
    });
    const pt = encoding === 'PCMA' ? 8 : 0;
    const chA = core.openChannel({ span: spans.a.engineHandle!, timeslot: 5, encoding, payloadType: pt, ptimeMs, remote: { host: '127.0.0.1', port: peerA.port }, jitterBuffer: { initialMs: 80, minMs: 10, maxMs: 300 } });
    // the far side always hands out A-law RTP (the line's law): what the line carries, unconverted
    const chB = core.openChannel({ span: spans.b.engineHandle!, timeslot: 5, encoding: 'PCMA', payloadType: 8, ptimeMs, remote: { host: '127.0.0.1', port: peerB.port }, jitterBuffer: { initialMs: 80, minMs: 10, maxMs: 300 } });
    const seconds = 3;
    const sent = loudCodes(8000 * seconds, ptimeMs + pt);
    const back = loudCodes(8000 * seconds, 7 + ptimeMs);
    await Promise.all([
      sendPaced(peerA, chA.port, sent, { pt, ptimeMs }),
      sendPaced(peerB, chB.port, back, { pt: 8, ptimeMs, ssrc: 0x777 }),
    ]);
    // counters now, before the streams' ends drain the jitter buffers (those underflows are expected)
    const atEnd = { A: chA.stats(), B: chB.stats() };
    await sleep(400);
    const lineAB = encoding === 'PCMA' ? sent : media.g711Convert('ulaw', 'alaw', sent);
    const lineBA = encoding === 'PCMA' ? back : media.g711Convert('alaw', 'ulaw', back);
    // Every 10 ms frame arrives unchanged and in order. Only where the jitter buffer had to conceal
    // (the test's JS sender stalled on a loaded machine: underflow) may a frame and the two after it
    // be concealed or blended (G.711 Appendix I); on a clean run that is zero.
    for (const [what, line, got, rx] of [
      ['A -> B', lineAB, peerB.audio(8), atEnd.A],
      ['B -> A', lineBA, peerA.audio(pt), atEnd.B],
    ] as const) {
      const m = matchFrames(line, got);
      const st = rx;
      const disturbed = st['jb.underflow']! + st['jb.lost']!;
      assert.ok(m.start >= 0, `${what}: the sent stream arrived (received ${got.length} octets)`);
      assert.ok(m.exact >= m.total - 3 * disturbed, `${what}: ${m.exact} of ${m.total} frames exact; ${JSON.stringify(st)}`);
      if (disturbed === 0) assert.equal(m.exact, m.total, `${what}: bit-exact`);
      else t.diagnostic(`${what}: ${disturbed} concealed frames (sender late), ${m.exact}/${m.total} frames exact`);
      assert.ok(m.total > (8000 * (seconds - 0.2)) / 80);
    }
    const st = chA.stats();
    assert.equal(st['rtp.badSeq'], 0);
    assert.ok(st['rtp.rx']! >= (8000 * seconds) / (8 * ptimeMs) - 1);
    await waitFor('packet counters', () => chB.stats()['rtp.tx']! > 0, 1000);
  });
}
