// Basic error correction (Q.703 §5): MSUs both ways with positive acknowledgement, loss -> negative
// acknowledgement -> retransmission without loss or reordering, T7, abnormal BSN.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { advanceUntil, alignPair, golden, ids, msu, newPair } from './harness.js';

test('MSUs cross both ways in order and every one is positively acknowledged', () => {
  const pair = newPair({ logReceived: false });
  alignPair(pair);
  pair.transcript();
  for (let i = 0; i < 300; i++) {
    assert.equal(pair.command('a', 'transmit', msu(i)), true);
    if (i < 200) assert.equal(pair.command('b', 'transmit', msu(1000 + i, 40)), true);
  }
  // 300 MSUs of 20 octets = 300 x 25 line octets ~ 0.94 s at 64 kbit/s; the RTB never holds more than 127.
  let maxRtb = 0;
  const ms = advanceUntil(
    pair,
    () => {
      maxRtb = Math.max(maxRtb, pair.state('a').rtb);
      return pair.counters('b')['mtp2.msuRx'] === 300 && pair.counters('a')['mtp2.msuRx'] === 200;
    },
    5000,
  );
  assert.ok(ms > 0 && ms < 1500, `took ${ms} ms`);
  pair.advance(20);
  assert.deepEqual(ids(pair.received('b')), Array.from({ length: 300 }, (_, i) => i));
  assert.deepEqual(ids(pair.received('a')), Array.from({ length: 200 }, (_, i) => 1000 + i));
  assert.equal(pair.state('a').rtb, 0, 'all acknowledged');
  assert.equal(pair.state('b').rtb, 0, 'all acknowledged');
  assert.ok(maxRtb > 0 && maxRtb <= 127, `RTB peaked at ${maxRtb}`);
  const ca = pair.counters('a');
  assert.equal(ca['mtp2.msuTx'], 300);
  assert.equal(ca['mtp2.msuOctetsTx'], 300 * 20);
  assert.equal(ca['mtp2.retransmissions'], 0);
  assert.equal(ca['mtp2.nacksRx'], 0);
  assert.equal(pair.counters('b')['mtp2.msuOctetsRx'], 300 * 20);
  assert.equal(pair.transcript().length, 0, 'no state change, no error');
});

test('a lost MSU is negatively acknowledged and retransmitted with no loss or reordering', () => {
  const pair = newPair();
  alignPair(pair);
  pair.transcript();
  for (let i = 0; i < 3; i++) pair.command('a', 'transmit', msu(i));
  pair.advance(30);
  pair.note('line a->b: the next MSU is lost (bad FCS)');
  pair.impair('a', { corruptNext: 1, msuOnly: true });
  for (let i = 3; i < 10; i++) pair.command('a', 'transmit', msu(i));
  pair.advance(200);
  assert.deepEqual(ids(pair.received('b')), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(pair.counters('b')['mtp2.nacksTx'], 1);
  assert.equal(pair.counters('a')['mtp2.nacksRx'], 1);
  assert.ok(pair.counters('a')['mtp2.retransmissions'] >= 1);
  assert.equal(pair.counters('b')['mtp2.fcsErrors'], 1);
  assert.equal(pair.state('a').rtb, 0);
  assert.deepEqual(...golden('msu-loss-retransmission', pair.transcript()));
});

test('a lost last MSU is detected from the FSN of the next FISU and retransmitted', () => {
  const pair = newPair();
  alignPair(pair);
  pair.transcript();
  pair.impair('a', { dropNext: 1, msuOnly: true });
  pair.command('a', 'transmit', msu(42));
  pair.advance(50);
  assert.deepEqual(ids(pair.received('b')), [42]);
  assert.equal(pair.counters('b')['mtp2.nacksTx'], 1);
  assert.deepEqual(...golden('last-msu-loss', pair.transcript()));
});

test('T7: no acknowledgement for 1 s takes the link out of service (excessive delay of acknowledgement)', () => {
  const pair = newPair();
  alignPair(pair);
  pair.transcript();
  pair.note('line b->a: BSN frozen (b stops acknowledging)');
  pair.impair('b', { freezeBsn: true });
  pair.command('a', 'transmit', msu(1));
  const ms = advanceUntil(pair, () => pair.state('a').lsc === 'OUT_OF_SERVICE', 3000);
  assert.ok(ms >= 1000 && ms <= 1010, `T7 fired after ${ms} ms`);
  pair.advance(10);
  const lines = pair.transcript();
  assert.ok(lines.some((l) => l.includes('a L3 <- out-of-service (T7-expired)')));
  assert.deepEqual(...golden('t7-expiry', lines));
});

test('two abnormal BSNs out of three take the link out of service', () => {
  const pair = newPair();
  alignPair(pair);
  pair.transcript();
  pair.note('line b->a: BSN + 10 (acknowledges FSNs a never sent)');
  pair.impair('b', { bsnAdd: 10 });
  pair.advance(10);
  assert.equal(pair.counters('a')['mtp2.abnormalBsn'], 2);
  assert.deepEqual(...golden('abnormal-bsn', pair.transcript()));
});

test('two abnormal FIBs out of three take the link out of service', () => {
  const pair = newPair();
  alignPair(pair);
  pair.transcript();
  pair.note('line b->a: FIB inverted without a negative acknowledgement from a');
  pair.impair('b', { fibFlip: true });
  pair.advance(10);
  assert.equal(pair.counters('a')['mtp2.abnormalFib'], 2);
  assert.deepEqual(...golden('abnormal-fib', pair.transcript()));
});
