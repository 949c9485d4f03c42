// BSNT retrieval and message retrieval for changeover (Q.704 §5.4 with the Q.703 §1.5 primitives):
// after a failure level 3 asks each end for its BSNT, exchanges them in COO/COA, and retrieves from
// level 2 what the far end did not accept, in order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { advanceUntil, alignPair, golden, ids, msu, newPair } from './harness.js';

test('after a failure BSNT and retrieval hand back, in order, exactly the MSUs the far end did not accept', () => {
  const pair = newPair();
  alignPair(pair);
  pair.transcript();
  for (let i = 0; i < 3; i++) pair.command('a', 'transmit', msu(i));
  pair.advance(20);
  assert.deepEqual(ids(pair.received('b')), [0, 1, 2]);
  pair.note('line a->b cut');
  pair.impair('a', { cut: true });
  pair.command('a', 'transmit', msu(3));
  pair.command('a', 'transmit', msu(4));
  pair.advance(10);
  pair.command('a', 'transmit', msu(5));
  pair.command('a', 'transmit', msu(6));
  pair.command('a', 'stop');
  advanceUntil(pair, () => pair.state('b').lsc === 'OUT_OF_SERVICE', 1000);
  pair.command('a', 'retrieveBsnt');
  pair.command('b', 'retrieveBsnt');
  const lines = pair.transcript();
  assert.ok(lines.some((l) => l.includes('b L3 <- bsnt 2')), 'b accepted FSN 0..2');
  pair.command('a', 'retrievalRequestAndFsnc', 2);
  assert.deepEqual(ids(pair.retrieved('a')), [3, 4, 5, 6], 'RTB (sent, unacknowledged) then transmission buffer');
  assert.equal(pair.state('a').rtb, 0);
  assert.equal(pair.state('a').txQueue, 0);
  assert.deepEqual(...golden('bsnt-retrieval', [...lines, ...pair.transcript()]));
});

test('retrieval with an FSNC outside the retransmission buffer is not possible and empties the buffers', () => {
  const pair = newPair();
  alignPair(pair);
  pair.impair('a', { cut: true });
  pair.command('a', 'transmit', msu(1));
  pair.advance(5);
  pair.command('a', 'stop');
  pair.transcript();
  pair.command('a', 'retrievalRequestAndFsnc', 50);
  const lines = pair.transcript();
  assert.ok(lines.some((l) => l.includes('a L3 <- retrieval-not-possible')));
  assert.equal(pair.state('a').rtb, 0);
});

test('BSNT is not retrievable while the link is in service', () => {
  const pair = newPair();
  alignPair(pair);
  pair.transcript();
  pair.command('a', 'retrieveBsnt');
  assert.ok(pair.transcript().some((l) => l.includes('a L3 <- bsnt-not-retrievable')));
});

test('transmit before the link was ever in service is discarded; after it left service it is kept for retrieval', () => {
  const pair = newPair();
  assert.equal(pair.command('a', 'transmit', msu(1)), false);
  pair.command('a', 'start');
  assert.equal(pair.command('a', 'transmit', msu(2)), false, 'aligning');
  assert.equal(pair.counters('a')['mtp2.txDiscarded'], 2);
  pair.command('a', 'stop');
  alignPair(pair);
  pair.command('a', 'stop');
  assert.equal(pair.command('a', 'transmit', msu(3)), true, 'left service: kept');
  pair.advance(20);
  assert.equal(pair.received('b').length, 0, 'not sent');
  pair.command('a', 'retrievalRequestAndFsnc', 127);
  assert.deepEqual(ids(pair.retrieved('a')), [3]);
  assert.equal(pair.command('a', 'transmit', msu(4)), false, 'after retrieval: discarded again');
});

test('a restart without retrieval sends the unacknowledged MSUs again after realignment (start clears no buffer)', () => {
  const pair = newPair();
  alignPair(pair);
  pair.impair('a', { cut: true });
  pair.command('a', 'transmit', msu(10));
  pair.command('a', 'transmit', msu(11));
  pair.advance(10);
  pair.command('a', 'stop');
  advanceUntil(pair, () => pair.state('b').lsc === 'OUT_OF_SERVICE', 1000);
  pair.impair('a', { cut: false });
  pair.received('b');
  alignPair(pair);
  pair.advance(20);
  assert.deepEqual(ids(pair.received('b')), [10, 11]);
});
