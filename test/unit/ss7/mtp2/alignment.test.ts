// Initial alignment (Q.703 §7, Fig. 9 IAC and Fig. 8 LSC) under a fake clock, with golden transcripts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { advanceUntil, golden, inService, newPair, timeOf } from './harness.js';

test('normal alignment proves for T4 Pn = 8.2 s on both ends and brings the link in service', () => {
  const pair = newPair();
  pair.command('a', 'start');
  pair.advance(50);
  pair.command('b', 'start');
  pair.advance(8150);
  assert.equal(pair.state('a').lsc, 'INITIAL_ALIGNMENT', 'still proving 8.1 s after proving began');
  pair.advance(300);
  assert.ok(inService(pair, 'a') && inService(pair, 'b'));
  const lines = pair.transcript();
  const proving = timeOf(lines, 'a proving started');
  const ready = timeOf(lines, 'a lsc INITIAL_ALIGNMENT -> ALIGNED_READY');
  assert.ok(Math.abs(ready - proving - 8.2) < 0.002, `Pn lasted ${ready - proving} s`);
  assert.equal(pair.counters('a')['mtp2.suErrors'], 0);
  assert.deepEqual(...golden('normal-alignment', lines));
});

test('emergency alignment on both ends proves for T4 Pe = 0.5 s', () => {
  const pair = newPair();
  pair.command('a', 'emergency');
  pair.command('b', 'emergency');
  pair.command('a', 'start');
  pair.command('b', 'start');
  const ms = advanceUntil(pair, () => inService(pair, 'a') && inService(pair, 'b'), 2000);
  assert.ok(ms > 500 && ms < 520, `in service after ${ms} ms`);
  assert.deepEqual(...golden('emergency-alignment', pair.transcript()));
});

test('a peer that always aligns in emergency (SIE) is accepted and both ends use Pe', () => {
  const pair = newPair();
  pair.command('b', 'emergency');
  pair.command('a', 'start');
  pair.command('b', 'start');
  const ms = advanceUntil(pair, () => inService(pair, 'a') && inService(pair, 'b'), 10000);
  assert.ok(ms > 500 && ms < 520, `in service after ${ms} ms (normal proving would take 8.2 s)`);
  const lines = pair.transcript();
  assert.ok(lines.some((l) => l.includes('a proving started (emergency, Pe)')));
  assert.deepEqual(...golden('peer-emergency-alignment', lines));
});

test('a peer switching to emergency during normal proving restarts our proving with Pe', () => {
  const pair = newPair();
  pair.command('a', 'start');
  pair.command('b', 'start');
  pair.advance(2000);
  pair.command('b', 'emergency');
  const ms = advanceUntil(pair, () => inService(pair, 'a') && inService(pair, 'b'), 10000);
  assert.ok(ms > 490 && ms < 520, `in service ${ms} ms after the emergency`);
  assert.deepEqual(...golden('emergency-during-proving', pair.transcript()));
});

test('no answer from the peer: T2 expires and alignment is not possible', () => {
  const pair = newPair();
  pair.command('a', 'start');
  pair.advance(12000);
  const lines = pair.transcript();
  assert.equal(pair.state('a').lsc, 'OUT_OF_SERVICE');
  assert.ok(Math.abs(timeOf(lines, 'a L3 <- out-of-service (T2-expired)') - 11.5) < 0.002);
  assert.deepEqual(...golden('t2-expiry', lines));
});

test('AERM aborts proving at Ti = 4 errors; after M = 5 attempts alignment fails, and a clean retry aligns', () => {
  const pair = newPair();
  pair.command('a', 'start');
  pair.command('b', 'start');
  pair.advance(100);
  assert.equal(pair.state('b').iac, 'PROVING');
  pair.note('line a->b: every 50th SU errored');
  pair.impair('a', { corruptEvery: 50 });
  const ms = advanceUntil(pair, () => pair.state('b').lsc === 'OUT_OF_SERVICE', 60000);
  // Each proving period is aborted after 4 errored SUs (~200 SUs); further proving restarts at
  // each T4 expiry, so the 5th abort comes 4 x 8.2 s after the first.
  assert.ok(ms > 32700 && ms < 33200, `alignment failed after ${ms} ms`);
  assert.equal(pair.counters('b')['mtp2.provingAborts'], 5);
  pair.advance(10);
  assert.equal(pair.state('a').lsc, 'OUT_OF_SERVICE', 'a sees SIOS');
  pair.note('line a->b clean again; level 3 restarts both ends');
  pair.impair('a', { corruptEvery: 0 });
  pair.command('a', 'start');
  pair.command('b', 'start');
  assert.ok(advanceUntil(pair, () => inService(pair, 'a') && inService(pair, 'b'), 9000) > 0);
  assert.deepEqual(...golden('aerm-alignment-failure', pair.transcript()));
});

test('emergency proving is aborted by a single error (Tie = 1)', () => {
  const pair = newPair();
  pair.command('a', 'emergency');
  pair.command('b', 'emergency');
  pair.command('a', 'start');
  pair.command('b', 'start');
  pair.advance(100);
  pair.impair('a', { corruptNext: 1 });
  pair.advance(5);
  assert.equal(pair.counters('b')['mtp2.provingAborts'], 1);
  // further proving: a whole new Pe after the current one runs out
  const ms = advanceUntil(pair, () => inService(pair, 'a') && inService(pair, 'b'), 3000);
  assert.ok(ms > 850 && ms < 950, `in service ${ms} ms after the error`);
});

test('start while in service is not permitted: reported, and the link stays in service', () => {
  const pair = newPair();
  pair.command('a', 'emergency');
  pair.command('b', 'emergency');
  pair.command('a', 'start');
  pair.command('b', 'start');
  pair.advance(600);
  pair.transcript();
  pair.command('a', 'start');
  assert.deepEqual(pair.transcript(), ['   0.600 a event L3 start not permitted in state IN_SERVICE']);
  assert.equal(pair.state('a').lsc, 'IN_SERVICE');
  pair.command('a', 'stop');
  pair.advance(5);
  const lines = pair.transcript();
  assert.ok(lines.includes('   0.600 a lsc IN_SERVICE -> OUT_OF_SERVICE (l3-stop)'), lines.join('\n'));
  assert.ok(!lines.some((l) => l.startsWith('   0.600 a L3 <- out-of-service')), 'no indication for a level 3 stop');
  assert.ok(lines.some((l) => l.includes('b L3 <- out-of-service (rx-SIOS)')));
});
