// Signal unit error rate monitor (Q.703 §10.2: T = 64, D = 256) and octet counting (§4.1.4).
//
// The expectation, derived from the SUERM rule (count +1 per errored SU, -1 per D = 256 SUs
// received, link failure when the count reaches T = 64):
//  - every SU errored: no leak happens before the 256th SU, so the link fails at the 64th errored
//    SU. An idle link carries FISUs of 3 octets + 2 (CK) + 1 (flag) = 6 line octets, 8 octets per
//    ms at 64 kbit/s, so 64 FISUs take 64 x 6 / 8 = 48 ms;
//  - one SU in two errored: 64 errors after 128 SUs (still no leak) = 96 ms;
//  - one SU in 128 errored: per 256 SUs the count gains 2 and leaks 1, so it reaches 64 after
//    about 63 x 256 + 128 = 16256 SUs = 12.2 s;
//  - one SU in 300 errored (below 1/D) never takes the link down;
//  - octet counting (a cut line, all ones): one error on losing alignment, then one per 16 octets:
//    1 + 63 -> 63 x 16 = 1008 octets = 126 ms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { advanceUntil, alignPair, golden, newPair } from './harness.js';
import type { Mtp2TestPair } from '../../../../src/native/types/mtp2.js';

function failAfter(pair: Mtp2TestPair, maxMs: number): number {
  return advanceUntil(pair, () => pair.state('b').lsc === 'OUT_OF_SERVICE', maxMs);
}

test('with every SU errored SUERM takes the link down at the 64th errored SU (48 ms of FISUs)', () => {
  const pair = newPair();
  alignPair(pair);
  pair.transcript();
  const before = pair.counters('b')['mtp2.suErrors'];
  pair.note('line a->b: every SU errored');
  pair.impair('a', { corruptEvery: 1 });
  const ms = failAfter(pair, 1000);
  assert.equal(pair.counters('b')['mtp2.suErrors'] - before, 64);
  assert.ok(ms >= 47 && ms <= 49, `failed after ${ms} ms, expected 48`);
  pair.advance(5);
  assert.deepEqual(...golden('suerm-all-errored', pair.transcript()));
});

test('with one SU in two errored SUERM fails after 128 SUs (96 ms)', () => {
  const pair = newPair();
  alignPair(pair);
  pair.impair('a', { corruptEvery: 2 });
  const ms = failAfter(pair, 1000);
  assert.ok(ms >= 95 && ms <= 97, `failed after ${ms} ms, expected 96`);
});

test('with one SU in 128 errored SUERM fails after about 16256 SUs (12.2 s)', () => {
  const pair = newPair();
  alignPair(pair);
  pair.impair('a', { corruptEvery: 128 });
  const ms = failAfter(pair, 30000);
  assert.ok(ms > 11900 && ms < 12400, `failed after ${ms} ms, expected ~12190`);
});

test('one SU in 300 errored is below the 1/256 SUERM allows: the link stays in service', () => {
  const pair = newPair();
  alignPair(pair);
  pair.impair('a', { corruptEvery: 300 });
  pair.advance(60000);
  assert.equal(pair.state('b').lsc, 'IN_SERVICE');
  assert.ok(pair.counters('b')['mtp2.suErrors'] > 200);
  assert.ok(pair.state('b').suermCount <= 2);
});

test('a cut line puts DAEDR in octet counting: one error per 16 octets, link down after 126 ms', () => {
  const pair = newPair();
  alignPair(pair);
  pair.transcript();
  pair.note('line a->b cut (all ones)');
  pair.impair('a', { cut: true });
  pair.advance(1);
  assert.equal(pair.state('b').octetCounting, true);
  const ms = failAfter(pair, 1000) + 1;
  assert.ok(ms >= 125 && ms <= 127, `failed after ${ms} ms, expected 126`);
  pair.note('line a->b restored; level 3 restarts both ends');
  pair.impair('a', { cut: false });
  pair.advance(50);
  pair.command('a', 'emergency');
  pair.command('b', 'emergency');
  pair.command('a', 'start');
  pair.command('b', 'start');
  assert.ok(advanceUntil(pair, () => pair.state('a').lsc === 'IN_SERVICE' && pair.state('b').lsc === 'IN_SERVICE', 2000) > 0);
  assert.equal(pair.state('b').octetCounting, false);
  assert.deepEqual(...golden('octet-counting-cut', pair.transcript()));
});

test('a signal unit whose LI disagrees with its length is an errored SU and is not delivered', () => {
  const pair = newPair();
  alignPair(pair);
  const before = pair.counters('b');
  pair.impair('a', { badLiNext: 3 });
  pair.command('a', 'transmit', Buffer.from([0x85, 1, 2, 3, 4, 5, 6]));
  pair.advance(30);
  const after = pair.counters('b');
  assert.equal(after['mtp2.liErrors'] - before['mtp2.liErrors'], 3);
  assert.equal(after['mtp2.suErrors'] - before['mtp2.suErrors'], 3);
  assert.equal(pair.received('b').length, 1, 'the MSU arrives once (retransmitted if its LI was the bad one)');
  assert.equal(pair.state('b').lsc, 'IN_SERVICE');
});
