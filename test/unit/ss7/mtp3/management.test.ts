import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bringUp, makePair, payload, PC_A, PC_B, RecordingUser } from './harness.js';
import { encodeMsu, SI } from '../../../../src/ss7/mtp3/label.js';
import { encodeSnm, type SnmMessage } from '../../../../src/ss7/mtp3/snm-messages.js';

const PC_C = 3;

/** B's link sends a management message as if B's MTP3 had (B is an SP; an STP would send TFx). */
function injectFromB(p: ReturnType<typeof makePair>, m: SnmMessage, opc = PC_B): void {
  p.wires[0]!.b.transmit(encodeMsu({ sio: { si: SI.snm, ni: 'national', priority: 0 }, label: { dpc: PC_A, opc, sls: 0 }, data: encodeSnm(m) }));
}

test('TFP, TFR and TFA from the adjacent point update a remote destination: MTP-PAUSE, still accessible when restricted, MTP-RESUME', () => {
  const p = makePair({ routesA: [{ destination: PC_C, linkset: 'ls-b' }] });
  bringUp(p);
  assert.ok(p.a.isAccessible(PC_C));
  assert.deepEqual(p.userA.resumed, [PC_B, PC_C]);
  injectFromB(p, { type: 'TFP', destination: PC_C });
  p.clock.advance(50);
  assert.equal(p.a.isAccessible(PC_C), false);
  assert.deepEqual(p.userA.paused, [PC_C]);
  assert.equal(p.a.transfer({ dpc: PC_C, sls: 0, si: 5, data: payload(0, 0) }), 'inaccessible');
  assert.ok(p.a.isAccessible(PC_B), 'the adjacent point itself stays accessible');
  injectFromB(p, { type: 'TFR', destination: PC_C });
  p.clock.advance(50);
  assert.ok(p.a.isAccessible(PC_C), 'a restricted route is used when nothing better exists (Q.704 §13.4)');
  assert.equal(p.a.transfer({ dpc: PC_C, sls: 0, si: 5, data: payload(0, 0) }), 'sent');
  injectFromB(p, { type: 'TFA', destination: PC_C });
  p.clock.advance(50);
  assert.deepEqual(p.userA.resumed, [PC_B, PC_C, PC_C]);
  // A TFP from a point that is not the adjacent one is ignored.
  injectFromB(p, { type: 'TFP', destination: PC_C }, 9);
  p.clock.advance(50);
  assert.ok(p.a.isAccessible(PC_C));
  p.t.check('tfp-tfr-tfa');
});

test('an MSU for a user part that is not equipped is discarded and answered with UPU, which the sender gives its user as MTP-STATUS', () => {
  const p = makePair();
  const tupA = new RecordingUser('A/TUP', p.t);
  p.a.registerUser(SI.tup, tupA);
  bringUp(p);
  assert.equal(p.a.transfer({ dpc: PC_B, sls: 4, si: SI.tup, data: Buffer.from([1, 2, 3]) }), 'sent');
  p.clock.advance(50);
  assert.equal(p.b.counters().global['mtp3.upuSent'], 1);
  assert.deepEqual(tupA.statuses, [{ affectedDpc: PC_B, cause: 'userPartUnavailable', userPart: SI.tup, userPartCause: 'unequippedRemoteUser' }]);
  assert.equal(p.userA.statuses.length, 0, 'ISUP is not told about TUP');
  p.t.check('upu');
});

test('a link whose SLTA never matches (SLC mismatch between the ends) fails its test twice, is restarted and never carries traffic', () => {
  // A calls the link SLC 0, B calls it SLC 1: each end's SLTM is rejected by the other (Q.707 §2.2).
  const p = makePair({ slcB: [1] });
  p.a.start();
  p.b.start();
  p.clock.advance(20_000);
  const link = p.a.linksets[0]!.links[0]!;
  assert.notEqual(link.state, 'available');
  assert.equal(p.a.isAccessible(PC_B), false);
  assert.equal(p.a.counters().global['mtp3.sltFailures'], 1);
  const cmds = (link.l2 as unknown as { commands: string[] }).commands;
  assert.deepEqual(cmds.filter((c) => c === 'start' || c === 'stop'), ['start', 'stop', 'start'], 'stopped after the failed test, started again after T17');
  p.t.check('slt-failure');
});

test('a late or foreign SLTA pattern counts as a failed attempt and the test is repeated once', () => {
  const p = makePair({ traceEvents: false });
  bringUp(p);
  const link = p.a.linksets[0]!.links[0]!;
  // Periodic test at T2 (60 s); answer it ourselves with a wrong pattern before B's SLTA arrives.
  p.clock.advance(60_000 - 600);
  link.sltaReceived(Buffer.from('nope'));
  p.clock.advance(1000);
  assert.equal(link.state, 'available', 'the repeated test passed');
  assert.equal(p.a.counters().global['mtp3.sltFailures'], 0);
});

test('MSUs addressed to another point or with another network indicator are discarded (no STP function)', () => {
  const p = makePair({ traceEvents: false });
  bringUp(p);
  p.wires[0]!.b.transmit(encodeMsu({ sio: { si: 5, ni: 'national', priority: 0 }, label: { dpc: 99, opc: PC_B, sls: 0 }, data: Buffer.from([0]) }));
  p.wires[0]!.b.transmit(encodeMsu({ sio: { si: 5, ni: 'international', priority: 0 }, label: { dpc: PC_A, opc: PC_B, sls: 0 }, data: Buffer.from([0]) }));
  p.wires[0]!.b.transmit(Buffer.from([0x85, 1, 2]));
  p.clock.advance(50);
  assert.equal(p.userA.received.length, 0);
  assert.equal(p.a.counters().global['mtp3.discarded'], 3);
});

test('with the restart procedure off no TRA is exchanged and traffic starts as soon as the link is available; a restarting end waits T21 for a TRA that never comes', async () => {
  const { FakeClock } = await import('../../../../src/ss7/mtp3/clock.js');
  const { FakeLinkPair } = await import('../../../../src/ss7/mtp2/fake-link.js');
  const { Mtp3 } = await import('../../../../src/ss7/mtp3/mtp3.js');
  const clock = new FakeClock();
  const w = new FakeLinkPair(clock, 'a', 'b');
  const a = new Mtp3({ pointCode: 1, networkIndicator: 'national', clock, linksets: [{ name: 'ls', adjacentPointCode: 2, links: [{ slc: 0, link: w.a }] }] });
  const b = new Mtp3({ pointCode: 2, networkIndicator: 'national', clock, restartProcedure: false, linksets: [{ name: 'ls', adjacentPointCode: 1, links: [{ slc: 0, link: w.b }] }] });
  const traSent = { a: 0, b: 0 };
  a.onEvent((e) => void (e.event === 'mtp3.traSent' && traSent.a++));
  b.onEvent((e) => void (e.event === 'mtp3.traSent' && traSent.b++));
  a.start();
  b.start();
  clock.advance(600);
  assert.ok(b.isAccessible(1), 'B (restart off) uses the link at once');
  assert.equal(traSent.b, 0);
  assert.equal(traSent.a, 1);
  assert.equal(a.isAccessible(2), false, 'A waits for the TRA of B');
  clock.advance(64_000);
  assert.ok(a.isAccessible(2), 'T21 expired: A starts traffic without it');
});

test('while a route is prohibited by TFP a route set test (RST) is sent every T10 until TFA arrives', () => {
  const p = makePair({ routesA: [{ destination: PC_C, linkset: 'ls-b' }], traceEvents: true });
  bringUp(p);
  injectFromB(p, { type: 'TFP', destination: PC_C });
  p.clock.advance(50);
  const rst = () => p.t.lines.filter((l) => l.includes('A> a-l0') && l.includes('RST dest=3')).length;
  p.clock.advance(29_000);
  assert.equal(rst(), 0, 'not before T10');
  p.clock.advance(1_000);
  assert.equal(rst(), 1);
  p.clock.advance(30_000);
  assert.equal(rst(), 2);
  injectFromB(p, { type: 'TFA', destination: PC_C });
  p.clock.advance(60_000);
  assert.equal(rst(), 2, 'no more RST once allowed');
  assert.ok(p.a.isAccessible(PC_C));
});
