import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bringUp, makePair, payload, PC_A, PC_B } from './harness.js';

test('link activation runs SLTM/SLTA, makes the link available, exchanges TRA and gives MTP-RESUME on both sides', () => {
  const p = makePair();
  p.a.start();
  p.b.start();
  p.clock.advance(2000);
  assert.ok(p.a.isAccessible(PC_B));
  assert.ok(p.b.isAccessible(PC_A));
  assert.deepEqual(p.userA.resumed, [PC_B]);
  assert.deepEqual(p.userB.resumed, [PC_A]);
  // ISUP MSUs both ways (SLS from the CIC's low bits).
  assert.equal(p.a.transfer({ dpc: PC_B, sls: 1, si: 5, data: payload(1, 100) }), 'sent');
  assert.equal(p.b.transfer({ dpc: PC_A, sls: 2, si: 5, data: payload(2, 200) }), 'sent');
  p.clock.advance(100);
  assert.equal(p.userB.received.length, 1);
  assert.equal(p.userA.received.length, 1);
  assert.deepEqual(p.userB.received[0]?.data, payload(1, 100));
  assert.equal(p.userB.received[0]?.opc, PC_A);
  assert.equal(p.userB.received[0]?.sls, 1);
  assert.deepEqual(p.userA.received[0]?.data, payload(2, 200));
  p.t.check('activation');
});

test('a link is not available to traffic before its link test passed', () => {
  const p = makePair({ wire: { propagationMs: 5, alignMs: 500 } });
  p.a.start();
  p.b.start();
  p.clock.advance(505); // aligned at 500 ms, SLTM in flight
  const link = p.a.linksets[0]!.links[0]!;
  assert.equal(link.state, 'testing');
  assert.equal(p.a.transfer({ dpc: PC_B, sls: 0, si: 5, data: payload(0, 1) }), 'inaccessible');
  p.clock.advance(50);
  assert.equal(link.state, 'available');
});

test('periodic link tests repeat every Q.707 T2 while the link is up', () => {
  const p = makePair({ traceEvents: false });
  bringUp(p);
  const before = p.a.counters().links['a-l0']!.msuTx;
  p.clock.advance(60_000 * 3 + 100); // SLT_T2 default 60 s
  const after = p.a.counters().links['a-l0']!.msuTx;
  // Each period: one SLTM from A and one SLTA answering B's SLTM.
  assert.equal(after - before, 6);
  assert.equal(p.a.linksets[0]!.links[0]!.state, 'available');
});

test('an MSU to an unknown destination is refused as noRoute and counted as discarded', () => {
  const p = makePair({ traceEvents: false });
  bringUp(p);
  assert.equal(p.a.transfer({ dpc: 77, sls: 0, si: 5, data: payload(0, 1) }), 'noRoute');
  assert.equal(p.a.counters().global['mtp3.discarded'], 1);
});

test('MTP-TRANSFER accepts a plain Uint8Array (as the ISUP encoder returns) and delivers a Buffer', () => {
  const p = makePair({ traceEvents: false });
  bringUp(p);
  assert.equal(p.a.transfer({ dpc: PC_B, sls: 7, si: 5, data: Uint8Array.from([7, 0, 1, 2, 3]) }), 'sent');
  p.clock.advance(50);
  assert.deepEqual([...p.userB.received[0]!.data], [7, 0, 1, 2, 3]);
  assert.ok(Buffer.isBuffer(p.userB.received[0]!.data));
});
