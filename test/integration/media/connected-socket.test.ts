// The `connect` channel option: the RTP socket is connected to the remote (with symmetric RTP once
// latched), so the kernel keeps the route and drops datagrams from other sources before the channel
// sees them; a new remote (modify) or a new latch moves the association.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MediaCore } from '../../../src/media/index.js';
import { loadNative } from '../../../src/native/addon.js';
import { loopedSpans, RtpPeer, sleep, waitFor, mediaPorts } from './helpers.js';

const { media } = loadNative();
const pcma = (seq: number, ssrc = 0x42) => media.rtpBuild({ payloadType: 8, seq, timestamp: seq * 160, ssrc }, new Uint8Array(160).fill(0x55));

test('a connected channel sends to its remote and only receives from it; modify moves the association', async (t) => {
  const spans = await loopedSpans();
  t.after(() => spans.close());
  const core = new MediaCore(spans.engine, await mediaPorts());
  t.after(() => core.close());
  const peer = await RtpPeer.open();
  const other = await RtpPeer.open();
  t.after(() => {
    peer.close();
    other.close();
  });
  const ch = core.openChannel({ span: spans.a.engineHandle!, timeslot: 5, remote: { host: '127.0.0.1', port: peer.port }, connect: true, rtpTimeoutMs: 0 });
  await waitFor('packets at the remote', () => peer.received.length >= 3, 2000);
  other.send(ch.port, pcma(1, 0x77)); // another source: the kernel drops it
  peer.send(ch.port, pcma(1));
  peer.send(ch.port, pcma(2));
  await waitFor('the remote packets', () => ch.stats()['rtp.rx'] === 2, 2000);
  await sleep(50);
  let st = ch.stats();
  assert.equal(st['rtp.rx'], 2, 'only the connected remote is received');
  assert.equal(st['rtp.wrongSource'], 0, 'filtered by the kernel, not counted');
  assert.equal(st['rtp.ssrcChanges'], 0);
  assert.equal(st['rtp.sendErrors'], 0);

  ch.modify({ remote: { host: '127.0.0.1', port: other.port } });
  const before = other.received.length;
  await waitFor('packets at the new remote', () => other.received.length >= before + 3, 2000);
  other.send(ch.port, pcma(3));
  await waitFor('the new remote received', () => ch.stats()['rtp.rx'] === 3, 2000);
  peer.send(ch.port, pcma(50, 0x42)); // the old remote is now the stranger
  await sleep(100);
  st = ch.stats();
  assert.equal(st['rtp.rx'], 3);
  assert.equal(st['rtp.wrongSource'], 0);
});

test('with symmetric RTP a connected channel accepts any source until it latches, then only that one', async (t) => {
  const spans = await loopedSpans();
  t.after(() => spans.close());
  const core = new MediaCore(spans.engine, await mediaPorts());
  t.after(() => core.close());
  const peer = await RtpPeer.open();
  const other = await RtpPeer.open();
  t.after(() => {
    peer.close();
    other.close();
  });
  const ch = core.openChannel({ span: spans.a.engineHandle!, timeslot: 6, symmetric: true, connect: true, rtpTimeoutMs: 0 });
  peer.send(ch.port, pcma(1));
  await waitFor('latched', () => ch.stats()['rtp.rx'] === 1, 2000);
  await waitFor('packets sent back to the latched source', () => peer.received.length >= 3, 2000);
  other.send(ch.port, pcma(2, 0x99));
  peer.send(ch.port, pcma(2));
  await waitFor('the latched source received', () => ch.stats()['rtp.rx'] === 2, 2000);
  await sleep(50);
  const st = ch.stats();
  assert.equal(st['rtp.rx'], 2);
  assert.equal(st['rtp.ssrcChanges'], 0, 'the other source never reached the channel');
  assert.equal(other.received.length, 0);
});
