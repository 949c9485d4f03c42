// Two `tandem start` processes, point codes 1 and 2, one virtual E1 between them with the signalling
// link on TS16 (a one-link linkset). Everything is read from their JSON log lines and span pcaps:
// alignment (emergency proving: no other link in the linkset, Q.704 §12.2.2), SLTM/SLTA, TRA,
// MTP-RESUME, ISUP circuit group reset both ways (GRS/GRA); SIGKILL of one process: the other raises
// LOS, takes the link out of service (level 1 failure) and gives MTP-PAUSE; a new process in its
// place: realignment, MTP-RESUME and a new GRS/GRA exchange; tshark decodes both pcaps, every FCS
// good, with SLTM/SLTA, TRA and ISUP GRS/GRA in them.
// Normal proving between two processes is in two-process-linkset.test.ts (a link restored while
// another link of the linkset is available); the SUERM rate under injected bit errors is proven in
// one process by mtp2-engine.test.ts ("injected line bit errors take the link down at the rate SUERM
// allows"), since a running tandem has no error-injection control.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeUdpPorts } from '../../helpers/ports.js';
import { requireTool } from '../../helpers/tools.js';
import { Tandem, at, tsharkFields, writeConfig, type LogLine } from './two-process-harness.js';

const ev = (name: string, extra: (l: LogLine) => boolean = () => true) => (l: LogLine) => l.event === name && extra(l);

/** Waits for the stack to come up on one side and returns its timing (ms, from the log's times). */
async function upAndReset(p: Tandem, own: number, adj: number, from: number): Promise<{ aligning: LogLine; inService: number; resume: number }> {
  const inService = await p.waitFor('link in service', ev('mtp3.linkInService'), 15_000, from);
  // The alignment that succeeded: the last one started before the link came into service.
  const aligning = p.lines.slice(from, p.lines.indexOf(inService)).filter(ev('mtp3.linkAligning')).pop();
  assert.ok(aligning, 'an alignment started');
  await p.waitFor('SLT passed: link available', ev('mtp3.linkAvailable'), 15_000, from);
  await p.waitFor('TRA sent', ev('mtp3.traSent'), 5_000, from);
  await p.waitFor('TRA received', ev('mtp3.traReceived'), 5_000, from);
  const resume = await p.waitFor('MTP-RESUME', ev('mtp3.resume', (l) => l.destination === adj), 5_000, from);
  for (const cic of [1, 17]) {
    await p.waitFor(`GRS sent ${cic}`, ev('isup.grsSent', (l) => l.cic === cic && l.range === 14 && l.opc === own && l.dpc === adj), 5_000, from);
    await p.waitFor(`GRS received ${cic}`, ev('isup.grsReceived', (l) => l.cic === cic && l.range === 14 && l.opc === adj), 5_000, from);
    await p.waitFor(`GRA sent ${cic}`, ev('isup.graSent', (l) => l.cic === cic && l.range === 14 && l.dpc === adj), 5_000, from);
    await p.waitFor(`GRA received ${cic}`, ev('isup.graReceived', (l) => l.cic === cic && l.range === 14 && l.opc === adj), 5_000, from);
  }
  return { aligning, inService: at(inService) - at(aligning), resume: at(resume) - at(aligning) };
}

test('two tandem processes align the signalling link, pass SLTM/SLTA, exchange TRA and GRS/GRA both ways, and recover from a killed peer; tshark decodes their pcaps', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-ss7-2p-'));
  const procs: Tandem[] = [];
  t.after(async () => {
    for (const p of procs) await p.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  const [pa, pb] = (await freeUdpPorts(2)) as [number, number];
  const pcapA = join(dir, 'a.pcap');
  const pcapB2 = join(dir, 'b2.pcap');
  const fileA = writeConfig(dir, 'a.json', 1, [{ name: 'e1-a', local: pa, remote: pb, pcap: pcapA }], [{ name: 'ls-b', adjacent: 2, links: [{ span: 'e1-a', slc: 0 }] }]);
  const fileB = writeConfig(dir, 'b.json', 2, [{ name: 'e1-b', local: pb, remote: pa }], [{ name: 'ls-a', adjacent: 1, links: [{ span: 'e1-b', slc: 0 }] }]);
  const fileB2 = writeConfig(dir, 'b2.json', 2, [{ name: 'e1-b', local: pb, remote: pa, pcap: pcapB2 }], [{ name: 'ls-a', adjacent: 1, links: [{ span: 'e1-b', slc: 0 }] }]);

  const a = new Tandem('A', fileA);
  const b = new Tandem('B', fileB);
  procs.push(a, b);
  const [ua, ub] = await Promise.all([upAndReset(a, 1, 2, 0), upAndReset(b, 2, 1, 0)]);
  // One link in the linkset: MTP3 asks for emergency alignment (Pe = T4e 500 ms).
  assert.equal(ua.aligning.emergency, true);
  assert.equal(ub.aligning.emergency, true);
  t.diagnostic(`A: in service ${ua.inService} ms, MTP-RESUME ${ua.resume} ms after its last alignment start; B: ${ub.inService} / ${ub.resume} ms`);
  assert.ok(!a.lines.concat(b.lines).some((l) => l.event === 'isup.unexpected' || l.event === 'isup.decodeError'), 'no unexpected ISUP');

  // B dies: A sees LOS, the link goes out of service at once (level 1 failure), MTP-PAUSE.
  const mark = a.lines.length;
  const killedAt = Date.now();
  await b.kill();
  await a.waitFor('LOS at A', ev('span.alarm', (l) => l.alarm === 'LOS' && l.state === 'raised'), 5_000, mark);
  const oos = await a.waitFor('link out of service', ev('mtp3.linkUnavailable'), 5_000, mark);
  const pause = await a.waitFor('MTP-PAUSE', ev('mtp3.pause', (l) => l.destination === 2), 5_000, mark);
  await a.waitFor('ISUP told of the pause', ev('isup.pause', (l) => l.destination === 2), 5_000, mark);
  const l2 = a.find(ev('mtp2.outOfService'), mark);
  t.diagnostic(`A after B's death: MTP-PAUSE ${at(pause) - killedAt} ms after the kill; MTP2 out of service: ${l2?.reason}; MTP3: ${oos.reason}`);
  assert.ok(a.find(ev('ss7.level1Failure', (l) => l.link === 'e1-a/16' && l.cause === 'LOS'), mark), 'the LOS reached the link as a level 1 failure');
  // LOS (30 ms without datagrams + 20 ms integration) normally stops the link first; SUERM in octet
  // counting would end it ~126 ms after the line went quiet if the JS thread were stalled that long.
  assert.ok(l2?.reason === 'level1Failure' || l2?.reason === 'excessiveErrorRate', `link out of service by ${l2?.reason}`);

  // A new B: realignment, MTP-RESUME and a new circuit group reset.
  const b2 = new Tandem('B2', fileB2);
  procs.push(b2);
  const [ra] = await Promise.all([upAndReset(a, 1, 2, mark), upAndReset(b2, 2, 1, 0)]);
  await a.waitFor('LOS cleared', ev('span.alarm', (l) => l.alarm === 'LOS' && l.state === 'cleared'), 5_000, mark);
  t.diagnostic(`A realigned: in service ${ra.inService} ms, MTP-RESUME ${ra.resume} ms after the alignment start`);

  assert.equal(await b2.stop(), 0);
  await a.waitFor('A sees B2 stop', ev('mtp3.pause'), 5_000, a.lines.indexOf(ra.aligning) + 1);
  assert.equal(await a.stop(), 0);
  for (const p of [a, b2]) {
    const names = p.lines.map((l) => l.event);
    assert.ok(names.indexOf('ss7.stopped') < names.lastIndexOf('span.down'), `${p.name}: SS7 stops before the spans`);
    assert.ok(names.lastIndexOf('span.down') < names.indexOf('engine.stopped'), `${p.name}: spans stop before the engine`);
  }

  if (!requireTool(t, 'tshark', 'tshark')) return;
  for (const [file, own] of [
    [pcapA, 1],
    [pcapB2, 2],
  ] as const) {
    const all = tsharkFields(file, ['mtp2.fcs_16.status', 'mtp2.li']);
    assert.ok(all.length > 1000, `${file}: ${all.length} signal units`);
    assert.ok(
      all.every(([fcs]) => fcs === '1'),
      `${file}: every FCS good`,
    );
    const slt = tsharkFields(file, ['mtp3.opc', 'mtp3mg.test.h1'], 'mtp3mg.test.h0 == 1').map(([opc, h1]) => `${Number(opc)}:${Number(h1)}`);
    assert.ok(slt.includes(`${own}:1`) && slt.includes(`${own}:2`), `${file}: SLTM and SLTA from ${own} (${[...new Set(slt)].join(' ')})`);
    // TRA: SNM H0 = 7 (traffic restart messages), H1 = 1 (Q.704 §15), from both ends.
    const tra = tsharkFields(file, ['mtp3.opc', 'mtp3mg.h1'], 'mtp3mg.h0 == 7').map(([opc, h1]) => `${Number(opc)}:${Number(h1)}`);
    assert.ok(tra.includes(`${own}:1`) && tra.includes(`${3 - own}:1`), `${file}: TRA both ways (${[...new Set(tra)].join(' ')})`);
    const isup = tsharkFields(file, ['mtp3.opc', 'isup.message_type', 'isup.cic'], 'isup').map((r) => r.map(Number).join(':'));
    // GRS = 23, GRA = 41 (Q.763 Table 4), CIC 1 and 17, from each side.
    for (const want of [`${own}:23:1`, `${own}:23:17`, `${3 - own}:23:1`, `${own}:41:1`, `${own}:41:17`, `${3 - own}:41:17`]) {
      assert.ok(isup.includes(want), `${file}: ISUP ${want} in [${[...new Set(isup)].join(' ')}]`);
    }
  }
});
