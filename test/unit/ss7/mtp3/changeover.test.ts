import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bringUp, makePair, payload, PC_A, PC_B, type Pair, type RecordingUser } from './harness.js';
import type { Mtp3 } from '../../../../src/ss7/mtp3/mtp3.js';
import type { Mtp3Event } from '../../../../src/ss7/mtp3/events.js';

/** Sends one MSU every `everyMs` from `from` to `dpc`, cycling SLS 0-15, each with its own sequence. */
function traffic(p: Pair, from: Mtp3, dpc: number, everyMs: number) {
  const seq = new Array<number>(16).fill(0);
  let n = 0;
  let running = true;
  const results: Record<string, number> = {};
  const tick = (): void => {
    if (!running) return;
    const sls = n++ % 16;
    const r = from.transfer({ dpc, sls, si: 5, data: payload(sls, seq[sls]!) });
    results[r] = (results[r] ?? 0) + 1;
    if (r === 'sent') seq[sls]!++;
    p.clock.setTimeout(tick, everyMs);
  };
  p.clock.setTimeout(tick, 0);
  return {
    stop: () => {
      running = false;
    },
    sent: () => seq.reduce((a, b) => a + b, 0),
    seq,
    results,
  };
}

/** Every SLS stream arrived complete and in order: 0, 1, 2, ... sent-1. */
function assertInOrder(user: RecordingUser, sentPerSls: number[], label: string): void {
  const got: number[][] = Array.from({ length: 16 }, () => []);
  for (const ind of user.received) got[ind.data.readUInt16LE(0)]!.push(ind.data.readUInt32BE(2));
  for (let s = 0; s < 16; s++) {
    const want = Array.from({ length: sentPerSls[s]! }, (_, i) => i);
    assert.deepEqual(got[s], want, `${label}: SLS ${s} stream lost or reordered MSUs`);
  }
}

function events(m: Mtp3): Mtp3Event[] {
  const list: Mtp3Event[] = [];
  m.onEvent((e) => list.push(e));
  return list;
}

test('a two-link linkset losing one link under continuous traffic changes over with no MSU lost or reordered, and changes back when it returns', () => {
  // Link 0 is slower than link 1: traffic changed back to link 1 before the far end has everything
  // sent on link 0 (no CBD/CBA wait) would overtake it.
  const p = makePair({ links: 2, quietUsers: true, wire: { alignMs: 500 }, wireOf: (i) => ({ propagationMs: i === 0 ? 30 : 10 }) });
  const evA = events(p.a);
  const evB = events(p.b);
  bringUp(p);
  const ab = traffic(p, p.a, PC_B, 1);
  const ba = traffic(p, p.b, PC_A, 1);
  p.clock.advance(1000);
  // Both links carry traffic before the failure (SLS load sharing, Q.704 §4.2.1).
  const before = p.a.counters().links;
  assert.ok(before['a-l0']!.msuTx > 100 && before['a-l1']!.msuTx > 100, 'load shared over both links');
  const unacked = p.wires[1]!.a.unacknowledged;
  assert.ok(unacked > 0, 'MSUs in flight on the link when it fails');
  p.t.line('--', `cut wire of link 1 with ${unacked} MSU(s) unacknowledged at A`);
  p.wires[1]!.cutWire();
  p.clock.advance(3000);
  assert.deepEqual(p.a.linksets[0]!.slsMap(), new Array(16).fill('a-l0'), 'all SLS on the remaining link');
  p.t.line('--', 'wire of link 1 restored');
  p.wires[1]!.restoreWire();
  p.clock.advance(5000);
  ab.stop();
  ba.stop();
  p.clock.advance(1000);
  assert.deepEqual(ab.results, { sent: ab.sent() }, 'every transfer request accepted');
  assert.deepEqual(ba.results, { sent: ba.sent() });
  assertInOrder(p.userB, ab.seq, 'A to B');
  assertInOrder(p.userA, ba.seq, 'B to A');
  const co = evA.find((e) => e.event === 'mtp3.changeover');
  assert.ok(co && co.event === 'mtp3.changeover' && co.procedure === 'COO' && co.retrieved > 0, 'A retrieved MSUs by buffer updating');
  assert.ok(evB.some((e) => e.event === 'mtp3.changeover'), 'B changed over too');
  assert.ok(evA.some((e) => e.event === 'mtp3.changeback' && e.result === 'CBA'), 'A changed back with CBD/CBA');
  assert.ok(evB.some((e) => e.event === 'mtp3.changeback' && e.result === 'CBA'), 'B changed back with CBD/CBA');
  assert.ok(p.a.counters().links['a-l1']!.msuTx > before['a-l1']!.msuTx + 100, 'link 1 carries traffic again after changeback');
  assert.ok(!evA.some((e) => e.event === 'mtp3.pause') && !evB.some((e) => e.event === 'mtp3.pause'), 'destination never inaccessible');
  assert.equal(p.a.counters().global['mtp3.discarded'], 0);
  assert.equal(p.a.counters().global['mtp3.changeoverLoss'], 0);
  p.t.line('--', `A->B ${ab.sent()} MSUs, B->A ${ba.sent()} MSUs, all delivered in order`);
  p.t.check('changeover-changeback');
});

test('a failure detected at one end only (far end sees SIOS) also changes over without loss', () => {
  const p = makePair({ links: 2, quietUsers: true, traceEvents: false, wire: { propagationMs: 15 } });
  bringUp(p);
  const ab = traffic(p, p.a, PC_B, 2);
  const ba = traffic(p, p.b, PC_A, 2);
  p.clock.advance(700);
  p.wires[0]!.a.fail('excessiveErrorRate');
  p.clock.advance(4000);
  ab.stop();
  ba.stop();
  p.clock.advance(1000);
  assertInOrder(p.userB, ab.seq, 'A to B');
  assertInOrder(p.userA, ba.seq, 'B to A');
  assert.equal(p.a.counters().global['mtp3.changeovers'], 1);
  assert.equal(p.b.counters().global['mtp3.changeovers'], 1);
  assert.equal(p.a.linksets[0]!.links[0]!.state, 'available', 'the link was restored');
});

test('when one end cannot retrieve its BSNT it orders an emergency changeover (ECO) and the far end changes over without buffer updating', () => {
  const p = makePair({ links: 2, traceEvents: false });
  const evA = events(p.a);
  bringUp(p);
  p.wires[1]!.a.setBsntRetrievable(false);
  p.wires[1]!.cutWire();
  p.clock.advance(200);
  const co = evA.find((e) => e.event === 'mtp3.changeover');
  assert.ok(co && co.event === 'mtp3.changeover' && co.procedure === 'ECO', `emergency changeover, got ${JSON.stringify(co)}`);
  // A still updates its buffers with B's BSNT (B's COO crossed A's ECO); B cannot, since A could not
  // tell it which MSUs arrived: B's unacknowledged MSUs may be lost (Q.704 §5.6.1).
  assert.equal(p.a.counters().global['mtp3.changeoverLoss'], 0);
  assert.equal(p.b.counters().global['mtp3.changeoverLoss'], 1);
  assert.ok(p.a.isAccessible(PC_B));
});

test('the loss of the last link of a linkset makes the destination inaccessible (MTP-PAUSE) and its return gives MTP-RESUME', () => {
  const p = makePair({ links: 1, quietUsers: true });
  bringUp(p);
  p.wires[0]!.cutWire();
  p.clock.advance(100);
  assert.deepEqual(p.userA.paused, [PC_B]);
  assert.deepEqual(p.userB.paused, [PC_A]);
  assert.equal(p.a.transfer({ dpc: PC_B, sls: 3, si: 5, data: payload(3, 0) }), 'inaccessible');
  p.wires[0]!.restoreWire();
  p.clock.advance(3000);
  assert.deepEqual(p.userA.resumed, [PC_B, PC_B]);
  assert.deepEqual(p.userB.resumed, [PC_A, PC_A]);
  const link = p.a.linksets[0]!.links[0]!.l2 as unknown as { emergencyAlignment: boolean };
  assert.equal(link.emergencyAlignment, true, 'the only link of a linkset realigns with emergency proving (Q.704 §12.2.2)');
  p.t.check('last-link-lost');
});
