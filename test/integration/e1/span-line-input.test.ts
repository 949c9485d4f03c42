// What arrives on the virtual card's UDP port: garbage is counted and dropped (never a crash), a far
// end sending AIS is reported as AIS, and the span's pcap of HDLC frames decodes in tshark with good FCS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { TdmEngine } from '../../../src/native/engine.js';
import { TrunkSpan } from '../../../src/trunk/span.js';
import { nullLogger } from '../../../src/log/logger.js';
import { freeUdpPorts } from '../../helpers/ports.js';
import { requireTool } from '../../helpers/tools.js';
import { sleep, spanConfig, spanPair, waitFor } from './helpers.js';

async function bound(port: number): Promise<Socket> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(port, '127.0.0.1', r));
  return s;
}
const send = (s: Socket, port: number, b: Uint8Array) =>
  new Promise<void>((r, j) => s.send(b, port, '127.0.0.1', (e) => (e ? j(e) : r())));

/** A SAToP packet (RFC 4553 control word + 256 octets). */
function satop(seq: number, payload: Uint8Array, cw0 = 0, cw1 = 0): Buffer {
  const b = Buffer.alloc(260);
  b[0] = cw0;
  b[1] = cw1;
  b.writeUInt16BE(seq & 0xffff, 2);
  Buffer.from(payload).copy(b, 4);
  return b;
}

test('garbage datagrams (wrong sizes, bad control words, random bytes, wrong source) are counted and dropped', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const [spanPort, remotePort, strangerPort] = (await freeUdpPorts(3)) as [number, number, number];
  const remote = await bound(remotePort);
  const stranger = await bound(strangerPort);
  t.after(() => {
    remote.close();
    stranger.close();
  });
  const span = new TrunkSpan(engine, spanConfig('g', spanPort, remotePort), 0, nullLogger());
  span.start();
  const ticks0 = engine.stats().ticks;

  const sizes = [0, 1, 3, 4, 100, 259, 261, 512, 1400];
  for (const n of sizes) await send(remote, spanPort, randomBytes(n));
  const badCw = [
    [0x10, 0x00],
    [0x80, 0x00],
    [0x00, 0x40],
    [0x00, 0x80],
    [0x00, 0x01],
    [0x00, 0x3f],
  ] as const;
  for (const [c0, c1] of badCw) await send(remote, spanPort, satop(1, randomBytes(256), c0, c1));
  // Random 260-octet datagrams: every one either has a bad control word (dropped) or is a block.
  let randomBad = 0;
  for (let i = 0; i < 50; i++) {
    const b = randomBytes(260);
    if ((b[0]! & 0xf0) !== 0 || b[1] !== 0) randomBad++;
    await send(remote, spanPort, b);
  }
  for (let i = 0; i < 20; i++) await send(stranger, spanPort, satop(i, randomBytes(256)));

  const expectMalformed = sizes.length + badCw.length + randomBad;
  await waitFor('all garbage seen', () => {
    const c = span.status().native!.counters;
    return c['driver.malformed']! >= expectMalformed && c['driver.wrongSource']! >= 20;
  }, 3000);
  await sleep(50);
  const c = span.status().native!.counters;
  assert.equal(c['driver.malformed'], expectMalformed);
  assert.equal(c['driver.wrongSource'], 20);
  assert.ok(engine.stats().ticks > ticks0 + 10, 'the engine keeps ticking');
  assert.equal(span.status().frameAligned, false, 'no alignment on garbage');
});

test('a far end sending AIS (all-ones in well-formed packets) is reported as AIS, not LOS', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const [spanPort, remotePort] = (await freeUdpPorts(2)) as [number, number];
  const remote = await bound(remotePort);
  t.after(() => remote.close());
  const span = new TrunkSpan(
    engine,
    spanConfig('ais', spanPort, remotePort, { jitterBufferPackets: 24, alarmRaiseMs: 30, losThresholdMs: 200 }),
    0,
    nullLogger(),
  );
  span.start();
  // Keep pace with the 1 ms line from JS timers: send what is due (in small bursts).
  const ones = Buffer.alloc(256, 0xff);
  const t0 = Date.now();
  let seq = 40000;
  let sent = 0;
  const timer = setInterval(() => {
    const due = Date.now() - t0 + 20;
    for (; sent < due; sent++) send(remote, spanPort, satop(seq++, ones)).catch(() => {});
  }, 4);
  t.after(() => clearInterval(timer));
  await waitFor('AIS raised', () => span.status().alarms.includes('AIS'), 4000);
  assert.equal(span.status().alarms.includes('LOS'), false);
  assert.equal(span.status().alarms.includes('LOF'), false, 'AIS masks LOF');
  clearInterval(timer);
  await waitFor('LOS after the stream stops', () => span.status().alarms.includes('LOS'), 3000);
  await waitFor('AIS cleared under LOS', () => !span.status().alarms.includes('AIS'), 3000);
});

test('the span pcap of signalling frames decodes in tshark as MTP2 with good FCS', async (t) => {
  if (!requireTool(t, 'tshark', 'tshark')) return;
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pcap-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'a-ts16.pcap');
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const [ca, cb] = await spanPair({ pcap: file }, { pcap: null });
  const a = new TrunkSpan(engine, ca, 0, nullLogger());
  const b = new TrunkSpan(engine, cb, 1, nullLogger());
  a.start();
  b.start();
  await waitFor('alignment', () => a.status().frameAligned && b.status().frameAligned);
  const got: Buffer[] = [];
  const chA = a.openHdlcChannel(16, () => {});
  b.openHdlcChannel(16, (f) => got.push(f));
  // MTP2 signal units: FISU (BSN/BIB, FSN/FIB, LI=0), LSSU (LI=1, SIO), MSUs with random SIF.
  const sus: Buffer[] = [Buffer.from([0xff, 0xff, 0x00]), Buffer.from([0x81, 0x82, 0x01, 0x02])];
  for (let i = 0; i < 6; i++) {
    const sif = randomBytes(10 + i * 7);
    sus.push(Buffer.concat([Buffer.from([0x80 | i, 0x80 | (i + 1), Math.min(sif.length + 1, 63), 0x83]), sif]));
  }
  for (const su of sus) chA.send(su);
  await waitFor('frames received', () => got.length >= sus.length, 3000);
  await a.stop(); // closes the pcap file
  await b.stop();
  assert.ok(statSync(file).size > 24);
  const r = spawnSync(
    'tshark',
    ['-r', file, '-o', 'mtp2.capture_contains_frame_check_sequence:TRUE', '-T', 'fields', '-e', 'mtp2.li', '-e', 'mtp2.fcs_16.status'],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').map((l) => l.split('\t'));
  // a's tap sees its transmitted frames (the pcap is of everything on a's TS16).
  assert.equal(rows.length, sus.length, r.stdout);
  rows.forEach(([li, fcs], i) => {
    assert.equal(Number(li), sus[i]![2]! & 0x3f, `frame ${i} LI`);
    assert.equal(fcs, '1', `frame ${i} FCS status good`);
  });
});

test('the receive buffer puts reordered packets in order, drops duplicates, and counts late ones', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const [spanPort, remotePort] = (await freeUdpPorts(2)) as [number, number];
  const remote = await bound(remotePort);
  t.after(() => remote.close());
  const span = new TrunkSpan(engine, spanConfig('jb', spanPort, remotePort, { jitterBufferPackets: 3, losThresholdMs: 10000 }), 0, nullLogger());
  span.start();
  const p = Buffer.alloc(256, 0xd5);
  // Sequence numbers across the 16-bit wrap: 65535, then 1 before 0, then 0 twice.
  for (const seq of [65535, 1, 0, 0]) await send(remote, spanPort, satop(seq, p));
  await waitFor('playout of the three packets', () => span.status().native!.counters['driver.playedOut']! >= 4, 2000);
  await send(remote, spanPort, satop(65535, p)); // long since played out
  await waitFor('late packet counted', () => span.status().native!.counters['driver.late']! >= 1, 2000);
  const c = span.status().native!.counters;
  assert.equal(c['driver.rxBlocks'], 3);
  assert.equal(c['driver.reordered'], 1);
  assert.equal(c['driver.duplicate'], 1);
  assert.equal(c['driver.late'], 1);
  assert.equal(c['driver.lost'], 0);
  assert.ok(c['driver.underruns']! >= 1, 'nothing more to play: underrun');
});

test('a receive buffer that has to shed excess delay keeps the CRC-4 multiframe phase (E-bits stay right)', async (t) => {
  // a <-> relay <-> b: the relay holds a's first 24 packets and releases them at once, so b starts
  // with 20 ms too much delay and sheds it after a second (driver.overruns). Shedding an odd number of
  // 1 ms blocks would shift the multiframe by one sub-multiframe: CRC-4 would not notice, but b would
  // read MFAS bits as E-bits and count far-end block errors a never sent.
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const [pa, pb, r1, r2] = (await freeUdpPorts(4)) as [number, number, number, number];
  const s1 = await bound(r1);
  const s2 = await bound(r2);
  t.after(() => {
    s1.close();
    s2.close();
  });
  const held: Buffer[] = [];
  let holding = true;
  s1.on('message', (m) => {
    if (holding) {
      held.push(m);
      if (held.length >= 24) {
        holding = false;
        for (const h of held.splice(0)) s2.send(h, pb, '127.0.0.1');
      }
    } else s2.send(m, pb, '127.0.0.1');
  });
  s2.on('message', (m) => s1.send(m, pa, '127.0.0.1'));
  const a = new TrunkSpan(engine, spanConfig('a', pa, r1, { jitterBufferPackets: 4 }), 0, nullLogger());
  const b = new TrunkSpan(engine, spanConfig('b', pb, r2, { jitterBufferPackets: 4 }), 1, nullLogger());
  a.start();
  b.start();
  await waitFor('multiframe alignment', () => a.status().mfAligned && b.status().mfAligned, 3000);
  await waitFor('b sheds the excess delay', () => b.status().native!.counters['driver.overruns']! > 0, 5000);
  await sleep(500);
  const cb = b.status().native!.counters;
  const ca = a.status().native!.counters;
  assert.equal(cb['driver.overruns']! % 2, 0, 'an even number of blocks shed');
  assert.ok(cb['driver.overruns']! >= 16, `shed ${cb['driver.overruns']} blocks`);
  assert.equal(b.status().mfAligned, true);
  // The relay runs on this test's event loop: on a loaded host a stall of it can cost a few genuine
  // CRC-4 errors (and their E-bits, some still in flight when the counters are read). The fault this
  // test guards against is of another order: a half-multiframe shift reads MFAS bits as E-bits, about
  // 500 false far-end block errors a second.
  assert.ok(cb['framer.crcErrors']! <= 10, `b CRC-4 errors ${cb['framer.crcErrors']}`);
  const febeGap = Math.abs(cb['framer.febe']! - ca['framer.crcErrors']!);
  assert.ok(febeGap <= 4, `b counts the E-bits a sent: febe ${cb['framer.febe']} vs a's CRC errors ${ca['framer.crcErrors']}`);
});
