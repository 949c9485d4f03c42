import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bringUp, makePair, payload, PC_A, PC_B } from './harness.js';
import { decodeMsu } from '../../../../src/ss7/mtp3/label.js';
import { decodeSnm } from '../../../../src/ss7/mtp3/snm-messages.js';
import type { Mtp3Event } from '../../../../src/ss7/mtp3/events.js';
import type { FakeMtp2Link } from '../../../../src/ss7/mtp2/fake-link.js';

/** Drops management messages of the given types sent by B. */
function bDrops(types: string[]) {
  return (from: FakeMtp2Link, msu: Buffer): boolean => {
    if (!from.name.startsWith('b')) return false;
    const d = decodeMsu(msu);
    if (!d.ok || d.value.sio.si !== 0) return false;
    const m = decodeSnm(d.value.data);
    return m.ok && types.includes(m.value.type);
  };
}

test('without a CBA the CBD is repeated once after T4 and the traffic is changed back after T5 anyway (Q.704 §6.5)', () => {
  const p = makePair({ links: 2, quietUsers: true, wire: { dropTx: bDrops(['CBA']) } });
  const ev: Mtp3Event[] = [];
  p.a.onEvent((e) => ev.push(e));
  p.a.start();
  p.b.start();
  p.clock.advance(3000);
  const cb = ev.filter((e) => e.event === 'mtp3.changeback');
  assert.equal(cb.length, 1);
  assert.ok(cb[0]!.event === 'mtp3.changeback' && cb[0]!.result === 'timeout');
  assert.ok(p.a.linksets[0]!.slsMap().includes('a-l1'), 'link 1 carries its SLS values after the time-out');
  p.t.check('changeback-timeout');
});

test('without any answer to the COO the changeover completes after T2 without buffer updating (Q.704 §5.7.2)', () => {
  const p = makePair({ links: 2, quietUsers: true, wire: { propagationMs: 10, dropTx: bDrops(['COO', 'COA', 'ECO', 'ECA']) } });
  const ev: Mtp3Event[] = [];
  p.a.onEvent((e) => ev.push(e));
  bringUp(p);
  for (let i = 0; i < 16; i++) p.a.transfer({ dpc: PC_B, sls: i, si: 5, data: payload(i, 0) });
  p.wires[1]!.cutWire();
  p.clock.advance(1000);
  assert.ok(!ev.some((e) => e.event === 'mtp3.changeover'), 'still waiting within T2');
  p.a.transfer({ dpc: PC_B, sls: 1, si: 5, data: payload(1, 1) });
  p.clock.advance(1000);
  const co = ev.find((e) => e.event === 'mtp3.changeover');
  assert.ok(co && co.event === 'mtp3.changeover' && co.result === 'T2 expired', JSON.stringify(co));
  assert.equal(p.a.counters().global['mtp3.changeoverLoss'], 1);
  p.clock.advance(100);
  // The MSU held in the changeover buffer during T2 was delivered after it.
  assert.ok(p.userB.received.some((r) => r.sls === 1 && r.data.readUInt32BE(2) === 1));
});

test('a 16-link linkset gives each SLS its own link and moves only the failed link\'s SLS', () => {
  const p = makePair({ links: 16, traceEvents: false });
  bringUp(p);
  p.clock.advance(2000);
  const map = p.a.linksets[0]!.slsMap();
  assert.deepEqual(map, Array.from({ length: 16 }, (_, i) => `a-l${i}`));
  p.wires[5]!.cutWire();
  p.clock.advance(200);
  const after = p.a.linksets[0]!.slsMap();
  for (let i = 0; i < 16; i++) if (i !== 5) assert.equal(after[i], `a-l${i}`, `SLS ${i} stays`);
  assert.notEqual(after[5], 'a-l5');
  assert.equal(p.a.transfer({ dpc: PC_B, sls: 5, si: 5, data: payload(5, 0) }), 'sent');
  p.clock.advance(50);
  assert.equal(p.userB.received.length, 1);
  assert.ok(p.b.isAccessible(PC_A));
});

test('stop() takes every link out of service and the destination becomes inaccessible', () => {
  const p = makePair({ links: 2, traceEvents: false });
  bringUp(p);
  p.a.stop();
  p.clock.advance(100);
  assert.equal(p.a.isAccessible(PC_B), false);
  assert.deepEqual(p.userA.paused, [PC_B]);
  assert.ok(p.a.linksets[0]!.links.every((l) => l.state === 'inactive'));
  p.clock.advance(10_000);
  assert.ok(p.a.linksets[0]!.links.every((l) => l.state === 'inactive'), 'no restart after stop');
});

test('a periodic link test that fails on an available link takes it out of service with a lossless changeover, and it returns when tests pass again', () => {
  let dropSlta = false;
  const p = makePair({
    links: 2,
    quietUsers: true,
    traceEvents: false,
    wire: {
      propagationMs: 10,
      dropTx: (from, msu) => {
        if (!dropSlta || from.name !== 'b-l1') return false;
        const d = decodeMsu(msu);
        return d.ok && d.value.sio.si === 1 && d.value.data[0] === 0x21; // SLTA
      },
    },
  });
  const ev: Mtp3Event[] = [];
  p.a.onEvent((e) => ev.push(e));
  bringUp(p);
  const seq = new Array<number>(16).fill(0);
  let n = 0;
  let running = true;
  const tick = (): void => {
    if (!running) return;
    const sls = n++ % 16;
    if (p.a.transfer({ dpc: PC_B, sls, si: 5, data: payload(sls, seq[sls]!) }) === 'sent') seq[sls]!++;
    p.clock.setTimeout(tick, 5);
  };
  p.clock.setTimeout(tick, 0);
  dropSlta = true;
  p.clock.advance(60_000 + 2 * 8000 + 100); // next periodic test (T2) and its repetition (2 x T1)
  const failed = ev.find((e) => e.event === 'mtp3.sltFailed');
  assert.ok(failed && failed.event === 'mtp3.sltFailed' && failed.link === 'a-l1');
  assert.ok(ev.some((e) => e.event === 'mtp3.changeover' && e.link === 'a-l1' && e.procedure === 'COO'));
  dropSlta = false;
  p.clock.advance(5000);
  running = false;
  p.clock.advance(500);
  assert.equal(p.a.linksets[0]!.links[1]!.state, 'available');
  assert.ok(ev.some((e) => e.event === 'mtp3.changeback' && e.link === 'a-l1' && e.result === 'CBA'));
  const got: number[][] = Array.from({ length: 16 }, () => []);
  for (const r of p.userB.received) got[r.data.readUInt16LE(0)]!.push(r.data.readUInt32BE(2));
  for (let s = 0; s < 16; s++) assert.deepEqual(got[s], Array.from({ length: seq[s]! }, (_, i) => i), `SLS ${s}`);
});
