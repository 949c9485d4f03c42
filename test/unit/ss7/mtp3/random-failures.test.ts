// Random link failures and returns under continuous traffic in both directions: as long as another link
// of the linkset is up when one fails, every SLS stream must arrive complete, without duplicates, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePair, payload, bringUp, PC_A, PC_B, type Pair, type RecordingUser } from './harness.js';
import type { Mtp3 } from '../../../../src/ss7/mtp3/mtp3.js';

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

function traffic(p: Pair, from: Mtp3, dpc: number, everyMs: number) {
  const seq = new Array<number>(16).fill(0);
  let n = 0;
  let running = true;
  const tick = (): void => {
    if (!running) return;
    const sls = n++ % 16;
    if (from.transfer({ dpc, sls, si: 5, data: payload(sls, seq[sls]!) }) === 'sent') seq[sls]!++;
    p.clock.setTimeout(tick, everyMs);
  };
  p.clock.setTimeout(tick, 0);
  return { stop: () => (running = false), seq };
}

function check(user: RecordingUser, seq: number[], label: string): void {
  const got: number[][] = Array.from({ length: 16 }, () => []);
  for (const ind of user.received) got[ind.data.readUInt16LE(0)]!.push(ind.data.readUInt32BE(2));
  for (let s = 0; s < 16; s++) assert.deepEqual(got[s], Array.from({ length: seq[s]! }, (_, i) => i), `${label}: SLS ${s}`);
}

const SEEDS = process.env.MTP3_SEEDS ? Array.from({ length: Number(process.env.MTP3_SEEDS) }, (_, i) => i + 1) : [1, 2, 3, 4, 5, 6];
for (const seed of SEEDS) {
  test(`random link failures and returns (seed ${seed}) lose, duplicate and reorder nothing while another link is up`, () => {
    const rnd = prng(seed * 7919);
    const links = 2 + (seed % 3);
    // Links of different delays: moving an SLS to a faster link without the CBD/CBA handshake, or
    // before the retrieved MSUs, would reorder it.
    const delays = Array.from({ length: links }, () => 2 + Math.floor(rnd() * 30));
    const p = makePair({ links, quietUsers: true, traceEvents: false, wire: { alignMs: 300 }, wireOf: (i) => ({ propagationMs: delays[i] }) });
    bringUp(p);
    const ab = traffic(p, p.a, PC_B, 1);
    const ba = traffic(p, p.b, PC_A, 1);
    for (let step = 0; step < 25; step++) {
      p.clock.advance(50 + Math.floor(rnd() * 1500));
      const i = Math.floor(rnd() * links);
      const w = p.wires[i]!;
      const r = rnd();
      // Another link must stay available at both ends for the failure to be survivable.
      const othersUp = p.wires.some((o, j) => j !== i && o.wireUp && p.a.linksets[0]!.links[j]!.available && p.b.linksets[0]!.links[j]!.available);
      if (!w.wireUp) w.restoreWire();
      else if (!othersUp) continue;
      else if (r < 0.5) w.cutWire();
      else if (r < 0.75) (rnd() < 0.5 ? w.a : w.b).fail('excessiveErrorRate');
    }
    for (const w of p.wires) w.restoreWire();
    p.clock.advance(5000);
    ab.stop();
    ba.stop();
    p.clock.advance(2000);
    check(p.userB, ab.seq, 'A to B');
    check(p.userA, ba.seq, 'B to A');
    assert.equal(p.a.counters().global['mtp3.changeoverLoss'], 0);
    assert.equal(p.b.counters().global['mtp3.changeoverLoss'], 0);
    assert.ok(p.a.counters().global['mtp3.changeovers'] > 0);
    assert.ok(p.a.linksets[0]!.links.every((l) => l.state === 'available'), 'all links back');
  });
}

for (const seed of [101, 102, 103]) {
  test(`random failures that may take every link down (seed ${seed}) never duplicate or reorder, and the linkset recovers`, () => {
    const rnd = prng(seed);
    const links = 2 + (seed % 2);
    const p = makePair({ links, quietUsers: true, traceEvents: false, wire: { alignMs: 300 }, wireOf: () => ({ propagationMs: 2 + Math.floor(rnd() * 20) }) });
    bringUp(p);
    const ab = traffic(p, p.a, PC_B, 2);
    const ba = traffic(p, p.b, PC_A, 2);
    for (let step = 0; step < 30; step++) {
      p.clock.advance(20 + Math.floor(rnd() * 2500));
      const w = p.wires[Math.floor(rnd() * links)]!;
      if (!w.wireUp) w.restoreWire();
      else if (rnd() < 0.6) w.cutWire();
      else (rnd() < 0.5 ? w.a : w.b).fail('abnormalBsn');
    }
    for (const w of p.wires) w.restoreWire();
    p.clock.advance(70_000); // long enough for T21 if a restart waits for it
    ab.stop();
    ba.stop();
    p.clock.advance(2000);
    for (const [user, label] of [[p.userB, 'A to B'], [p.userA, 'B to A']] as const) {
      const got: number[][] = Array.from({ length: 16 }, () => []);
      for (const ind of user.received) got[ind.data.readUInt16LE(0)]!.push(ind.data.readUInt32BE(2));
      for (let s = 0; s < 16; s++) {
        for (let k = 1; k < got[s]!.length; k++) assert.ok(got[s]![k]! > got[s]![k - 1]!, `${label}: SLS ${s} duplicated or reordered at ${k}`);
      }
    }
    assert.ok(p.a.isAccessible(PC_B) && p.b.isAccessible(PC_A), 'recovered');
    assert.ok(p.a.linksets[0]!.links.every((l) => l.state === 'available'));
  });
}
