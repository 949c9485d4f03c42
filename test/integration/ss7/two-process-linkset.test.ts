// Two `tandem start` processes joined by a two-link linkset: two virtual E1 lines, each through a
// UDP relay in the test that can cut the line (both ends then see LOS). It shows, across processes:
//  - with line 1 cut from the start, the linkset works on link 0 alone: MTP-RESUME, and the circuit
//    group resets of both spans' circuits (GRS/GRA for CIC 1, 17, 33, 49) cross on link 0, including
//    those whose SLS belongs to link 1;
//  - line 1 connected: link 1 aligns with NORMAL proving (link 0 is available, Q.704 §12.2.2; T4n
//    set to 7.5 s, the bottom of Q.703's range) and traffic is changed back onto it;
//  - line 0 cut: changeover (COO/COA) to link 1, and the destination stays accessible (no MTP-PAUSE);
//  - line 0 connected again: B's link 0 is configured mtp2.emergency, so it realigns with emergency
//    proving although A's MTP3 asked for normal (Q.703: SIE received => emergency proving).
// No-loss changeover with counted traffic is proven in one process (mtp3-native.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeUdpPorts } from '../../helpers/ports.js';
import { requireTool } from '../../helpers/tools.js';
import { LineRelay, Tandem, at, tsharkFields, writeConfig, type LogLine } from './two-process-harness.js';

const ev = (name: string, extra: (l: LogLine) => boolean = () => true) => (l: LogLine) => l.event === name && extra(l);
const T4N = 7500;

test('a two-link linkset between two processes: carried on one link while the other line is dead, normal proving when it comes, changeover when the first line dies, forced emergency proving on its return', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-ss7-ls-'));
  const procs: Tandem[] = [];
  const relays: LineRelay[] = [];
  t.after(async () => {
    for (const p of procs) await p.kill();
    for (const r of relays) r.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const [la0, la1, lb0, lb1, ra0, rb0, ra1, rb1] = (await freeUdpPorts(8)) as number[] as [number, number, number, number, number, number, number, number];
  const line0 = new LineRelay(ra0, rb0, la0, lb0, true);
  const line1 = new LineRelay(ra1, rb1, la1, lb1, false);
  relays.push(line0, line1);
  await line0.open();
  await line1.open();
  const pcapA0 = join(dir, 'a0.pcap');
  const pcapA1 = join(dir, 'a1.pcap');
  const normal = { timersMs: { T4n: T4N } };
  // The relays run on this process's event loop, which a loaded host stalls for tens of ms: a deep
  // receive buffer (48 ms) keeps such stalls from becoming line hits; LOS after 100 ms of silence.
  const line = { jitterBufferPackets: 48, losThresholdMs: 100 };
  // Link 1's first alignment starts before link 0 is available, so in emergency; on its dead line it
  // fails when T2 expires (5 s, the bottom of Q.703's range) and MTP3 restarts it after T17, now in
  // normal alignment.
  const link1 = { timersMs: { T4n: T4N, T2: 5000 } };
  const fileA = writeConfig(
    dir,
    'a.json',
    1,
    [
      { name: 'a0', local: la0, remote: ra0, pcap: pcapA0, line },
      { name: 'a1', local: la1, remote: ra1, pcap: pcapA1, line },
    ],
    [{ name: 'ls-b', adjacent: 2, links: [{ span: 'a0', slc: 0, mtp2: normal }, { span: 'a1', slc: 1, mtp2: link1 }] }],
  );
  const fileB = writeConfig(
    dir,
    'b.json',
    2,
    [
      { name: 'b0', local: lb0, remote: rb0, line },
      { name: 'b1', local: lb1, remote: rb1, line },
    ],
    [{ name: 'ls-a', adjacent: 1, links: [{ span: 'b0', slc: 0, mtp2: { emergency: true, timersMs: { T4n: T4N } } }, { span: 'b1', slc: 1, mtp2: link1 }] }],
  );
  const a = new Tandem('A', fileA, ['--log-level', 'debug']);
  const b = new Tandem('B', fileB, ['--log-level', 'debug']);
  procs.push(a, b);

  // 1. Line 1 dead: everything runs over link 0.
  for (const [p, own, adj, l0] of [
    [a, 1, 2, 'a0/16'],
    [b, 2, 1, 'b0/16'],
  ] as const) {
    await p.waitFor('link 0 available', ev('mtp3.linkAvailable', (l) => l.link === l0), 15_000);
    await p.waitFor('MTP-RESUME', ev('mtp3.resume', (l) => l.destination === adj), 10_000);
    for (const cic of [1, 17, 33, 49]) {
      await p.waitFor(`GRA received for CIC ${cic}`, ev('isup.graReceived', (l) => l.cic === cic && l.opc === adj), 5_000);
      await p.waitFor(`GRA sent for CIC ${cic}`, ev('isup.graSent', (l) => l.cic === cic && l.dpc === adj && l.opc === own), 5_000);
    }
  }
  assert.ok(!a.find(ev('mtp3.linkAvailable', (l) => l.link === 'a1/16')), 'link 1 never came up on a dead line');
  const grs33 = a.find(ev('isup.grsSent', (l) => l.cic === 33));
  assert.ok(grs33, 'GRS for CIC 33 (SLS 1: link 1 when available) was sent and answered over link 0');

  // 2. Line 1 connected: normal proving (MTP3 asks for it: link 0 is available).
  for (const [p, l1] of [
    [a, 'a1/16'],
    [b, 'b1/16'],
  ] as const) {
    await p.waitFor('link 1 realigning in normal', ev('mtp3.linkAligning', (l) => l.link === l1 && l.emergency === false), 15_000);
  }
  const mark1 = a.lines.length;
  const plugged1 = Date.now();
  line1.connected = true;
  const inService1 = await a.waitFor('link 1 in service', ev('mtp3.linkInService', (l) => l.link === 'a1/16'), 25_000, mark1);
  await a.waitFor('link 1 available', ev('mtp3.linkAvailable', (l) => l.link === 'a1/16'), 10_000, mark1);
  await b.waitFor('link 1 available at B', ev('mtp3.linkAvailable', (l) => l.link === 'b1/16'), 10_000);
  const aligning1 = a.lines.slice(0, a.lines.indexOf(inService1)).filter(ev('mtp3.linkAligning', (l) => l.link === 'a1/16')).pop();
  assert.equal(aligning1?.emergency, false, 'MTP3 asked for normal alignment');
  const proving1 = a.lines.slice(0, a.lines.indexOf(inService1)).filter(ev('mtp2.provingStarted', (l) => l.link === 'a1/16')).pop();
  assert.equal(proving1?.emergency, false, 'MTP2 proved with the normal proving period');
  const provedMs = at(inService1) - at(proving1!);
  t.diagnostic(`link 1: in service ${at(inService1) - plugged1} ms after the line was connected; normal proving ${provedMs} ms (T4n ${T4N})`);
  assert.ok(provedMs >= T4N - 50, `normal proving lasted ${provedMs} ms`);

  // 3. Line 0 cut: changeover to link 1; the destination stays accessible.
  const mark0 = a.lines.length;
  const markB = b.lines.length;
  line0.connected = false;
  const co = await a.waitFor('changeover at A', ev('mtp3.changeover', (l) => l.link === 'a0/16'), 5_000, mark0);
  await b.waitFor('changeover at B', ev('mtp3.changeover', (l) => l.link === 'b0/16'), 5_000, markB);
  t.diagnostic(`changeover at A: ${JSON.stringify({ procedure: co.procedure, result: co.result, retrieved: co.retrieved })}`);
  assert.ok(a.find(ev('span.alarm', (l) => l.span === 'a0' && l.alarm === 'LOS' && l.state === 'raised'), mark0), 'LOS on line 0');
  assert.ok(co.procedure === 'COO' || co.procedure === 'ECO', `changeover by order (${co.procedure})`);

  // 4. Line 0 back: A's MTP3 asks for normal alignment, B's link 0 keeps emergency (config), so both
  // prove in emergency.
  await new Promise((r) => setTimeout(r, 300));
  const plugged0 = Date.now();
  const mark0b = a.lines.length;
  line0.connected = true;
  const inService0 = await a.waitFor('link 0 back in service', ev('mtp3.linkInService', (l) => l.link === 'a0/16'), 20_000, mark0b);
  await a.waitFor('link 0 available again', ev('mtp3.linkAvailable', (l) => l.link === 'a0/16'), 10_000, mark0b);
  const before0 = a.lines.slice(0, a.lines.indexOf(inService0));
  assert.ok(!a.find(ev('mtp3.linkUnavailable', (l) => l.link === 'a1/16'), mark1), 'link 1 stayed available (no line hit on the relay)');
  assert.equal(before0.filter(ev('mtp3.linkAligning', (l) => l.link === 'a0/16')).pop()?.emergency, false, 'A asked for normal alignment');
  assert.equal(before0.filter(ev('mtp2.provingStarted', (l) => l.link === 'a0/16')).pop()?.emergency, true, 'A proved in emergency: B sends SIE');
  assert.ok(b.find(ev('ss7.emergencyKept', (l) => l.link === 'b0/16')), 'B kept emergency on link 0 (config)');
  t.diagnostic(`link 0: in service ${at(inService0) - plugged0} ms after the line was reconnected (emergency proving)`);
  assert.ok(!a.find(ev('mtp3.pause'), mark1) && !b.find(ev('mtp3.pause'), markB), 'no MTP-PAUSE while one link was left');
  assert.ok(!a.lines.concat(b.lines).some((l) => l.event === 'isup.unexpected'), 'no unexpected ISUP');

  assert.equal(await b.stop(), 0);
  assert.equal(await a.stop(), 0);
  if (!requireTool(t, 'tshark', 'tshark')) return;
  for (const file of [pcapA0, pcapA1]) {
    const all = tsharkFields(file, ['mtp2.fcs_16.status']);
    assert.ok(all.length > 1000 && all.every(([fcs]) => fcs === '1'), `${file}: ${all.length} signal units, every FCS good`);
  }
  const isup0 = tsharkFields(pcapA0, ['isup.message_type', 'isup.cic'], 'isup').map((r) => r.map(Number).join(':'));
  for (const cic of [1, 17, 33, 49]) assert.ok(isup0.includes(`23:${cic}`) && isup0.includes(`41:${cic}`), `GRS and GRA for CIC ${cic} on link 0`);
  // Changeover messages (SNM H0 = 1: COO/COA, ECO/ECA) crossed on link 1.
  const snm1 = tsharkFields(pcapA1, ['mtp3mg.h0'], 'mtp3mg.h0 == 1');
  assert.ok(snm1.length >= 2, `changeover messages on link 1: ${snm1.length}`);
});
