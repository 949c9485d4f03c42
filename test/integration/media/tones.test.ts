// Call-progress tones from a channel: on the timeslot (read at the far span) and towards RTP, with the
// plan's frequency and cadence (ITU-T E.180 defaults).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MediaCore } from '../../../src/media/index.js';
import { loadNative } from '../../../src/native/addon.js';
import { loopedSpans, RtpPeer, sleep, mediaPorts } from './helpers.js';

const { media } = loadNative();

/** Per 10 ms: is 425 Hz there (mean square at 425 Hz above -40 dBm0)? */
function onOff425(lin: Int16Array): boolean[] {
  const out: boolean[] = [];
  for (let o = 0; o + 80 <= lin.length; o += 80) {
    let re = 0;
    let im = 0;
    for (let n = 0; n < 80; n++) {
      re += lin[o + n]! * Math.cos((2 * Math.PI * 425 * n) / 8000);
      im += lin[o + n]! * Math.sin((2 * Math.PI * 425 * n) / 8000);
    }
    const ms = (2 * (re * re + im * im)) / (80 * 80);
    const ref = (32768 * 10 ** (-3.14 / 20)) ** 2 / 2;
    out.push(10 * Math.log10(ms / ref + 1e-12) > -40);
  }
  return out;
}

function runs(b: boolean[]): { on: boolean; ms: number }[] {
  const r: { on: boolean; ms: number }[] = [];
  for (const v of b) {
    const last = r[r.length - 1];
    if (last && last.on === v) last.ms += 10;
    else r.push({ on: v, ms: 10 });
  }
  return r;
}

test('busy tone played on the timeslot reaches the far span with the E.180 cadence; then ringback goes out as RTP; null stops each', async (t) => {
  const spans = await loopedSpans();
  t.after(() => spans.close());
  const core = new MediaCore(spans.engine, await mediaPorts());
  t.after(() => core.close());
  const peerA = await RtpPeer.open();
  const peerB = await RtpPeer.open();
  t.after(() => (peerA.close(), peerB.close()));
  const chA = core.openChannel({ span: spans.a.engineHandle!, timeslot: 11, remote: { host: '127.0.0.1', port: peerA.port } });
  core.openChannel({ span: spans.b.engineHandle!, timeslot: 11, remote: { host: '127.0.0.1', port: peerB.port } });
  chA.playTone('busy', 'tdm');
  await sleep(2600);
  chA.playTone(null);
  await sleep(300);
  const nB = peerB.received.length;
  chA.playTone('ringback', 'rtp'); // one tone at a time per channel
  await sleep(1600);
  chA.playTone(null);
  await sleep(200);
  peerB.received.splice(nB);
  const busy = runs(onOff425(media.g711Decode('alaw', peerB.audio(8))));
  // inner runs (the first and last are cut by the start and the stop)
  const inner = busy.slice(1, -2);
  assert.ok(inner.length >= 3, JSON.stringify(busy));
  for (const r of inner) assert.ok(Math.abs(r.ms - 500) <= 20, `busy interval ${r.ms} ms: ${JSON.stringify(busy)}`);
  assert.equal(busy[busy.length - 1]!.on, false, 'stopped');
  const ring = runs(onOff425(media.g711Decode('alaw', peerA.audio(8))));
  const ringOn = ring.filter((r) => r.on);
  assert.ok(ringOn.some((r) => Math.abs(r.ms - 1000) <= 20), `ringback 1 s on: ${JSON.stringify(ring)}`);
});
