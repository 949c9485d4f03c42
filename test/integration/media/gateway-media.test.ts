// The gateway creates the media core from the config's `media` and `tones` sections after its spans,
// ready for call control; close() closes it (and any channel still open) before SS7, spans and engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../../src/config/load.js';
import { startGateway } from '../../../src/app/gateway.js';
import { freeUdpPorts } from '../../helpers/ports.js';
import { loadNative } from '../../../src/native/addon.js';
import { mediaPorts, RtpPeer, waitFor } from './helpers.js';

const { media } = loadNative();

/** Power of f Hz in the signal (Goertzel over all of it), relative to the signal's energy. */
function relPower(x: Int16Array, f: number): number {
  const c = 2 * Math.cos((2 * Math.PI * f) / 8000);
  let s1 = 0;
  let s2 = 0;
  let e = 0;
  for (const v of x) {
    const s = v + c * s1 - s2;
    s2 = s1;
    s1 = s;
    e += v * v;
  }
  return (s1 * s1 + s2 * s2 - c * s1 * s2) / (e * x.length || 1);
}

test('the gateway has a media core on the configured port range; close() closes it before the spans and the engine', async (t) => {
  const [pa, pb] = (await freeUdpPorts(2)) as [number, number];
  const range = await mediaPorts();
  const portMin = range.portMin + (range.portMin % 2);
  const lines: { event?: string; component?: string; rtpPortMin?: number }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as { event?: string });
      cb();
    },
  });
  const cfg = loadConfig({
    object: {
      spans: [{ name: 'e1-0', driver: 'virtual', local: `127.0.0.1:${pa}`, remote: `127.0.0.1:${pb}` }],
      lab: { spans: [{ name: 'lab-0', driver: 'virtual', local: `127.0.0.1:${pb}`, remote: `127.0.0.1:${pa}` }] },
      sip: { listen: [{ transport: 'udp', address: '127.0.0.1', port: 0 }] },
      media: { rtpPortMin: portMin, rtpPortMax: range.portMax },
      tones: { country: 'uk' },
    },
    env: {},
  });
  const gw = await startGateway(cfg, pino({ level: 'info' }, sink));
  t.after(() => gw.close());
  assert.equal(gw.media.closed, false);
  const peer = await RtpPeer.open();
  t.after(() => peer.close());
  const ch = gw.media.openChannel({ span: gw.spans[0]!.engineHandle!, timeslot: 1, remote: { host: '127.0.0.1', port: peer.port }, rtpTimeoutMs: 0 });
  assert.ok(ch.port >= portMin && ch.port + 1 <= range.portMax, `port ${ch.port} within ${portMin}-${range.portMax}`);
  ch.playTone('dial', 'rtp'); // the configured plan's dial tone: uk = 350 + 450 Hz (itu would be 425 Hz)
  await waitFor('dial tone as RTP', () => peer.received.length >= 20, 3000);
  const pcm = media.g711Decode('alaw', peer.audio(8).subarray(-1600));
  assert.ok(relPower(pcm, 350) > 0.2 && relPower(pcm, 450) > 0.2, `350 Hz ${relPower(pcm, 350).toFixed(2)}, 450 Hz ${relPower(pcm, 450).toFixed(2)}`);
  assert.ok(relPower(pcm, 425) < relPower(pcm, 350), 'not the ITU plan');
  await gw.close();
  assert.equal(gw.media.closed, true);
  assert.equal(ch.closed, true, 'open channels are closed with the core');
  const at = (event: string) => lines.findIndex((l) => l.event === event);
  assert.ok(at('media.started') >= 0 && at('media.started') < at('gateway.started'));
  assert.equal(lines[at('media.started')]!.rtpPortMin, portMin);
  const closeAt = lines.findIndex((l) => l.event === 'media.close');
  assert.ok(closeAt >= 0 && closeAt < at('span.down') && at('span.down') < at('engine.stopped'), 'media closed before the spans and the engine');
});
