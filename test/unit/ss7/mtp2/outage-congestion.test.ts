// Processor outage (Q.703 §8, SIPO) and level 2 flow control (§9, SIB, T5/T6).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { advanceUntil, alignPair, golden, ids, msu, newPair, timeOf } from './harness.js';

test('local processor outage sends SIPO; the peer reports remote processor outage and its recovery', () => {
  const pair = newPair();
  alignPair(pair);
  pair.transcript();
  pair.command('a', 'localProcessorOutage');
  pair.advance(10);
  assert.equal(pair.state('a').lsc, 'PROCESSOR_OUTAGE');
  assert.equal(pair.state('b').lsc, 'PROCESSOR_OUTAGE');
  pair.command('a', 'localProcessorRecovered');
  pair.advance(10);
  assert.equal(pair.state('a').lsc, 'IN_SERVICE');
  assert.equal(pair.state('b').lsc, 'IN_SERVICE');
  pair.command('b', 'transmit', msu(7));
  pair.advance(10);
  assert.deepEqual(ids(pair.received('a')), [7]);
  assert.deepEqual(...golden('processor-outage', pair.transcript()));
});

test('SIB from a congested peer is received: remote congestion, then its end; T7 does not fire meanwhile', () => {
  const pair = newPair();
  alignPair(pair);
  pair.transcript();
  pair.command('a', 'transmit', msu(1));
  pair.advance(2);
  pair.note('b: level 3 receive congestion on (SIB every T5, acknowledgements withheld)');
  pair.command('b', 'flowControl', 1);
  pair.advance(2000);
  assert.equal(pair.state('a').lsc, 'IN_SERVICE', 'SIBs restart T7 (1 s) while acknowledgements are withheld');
  assert.equal(pair.state('a').rtb, 1, 'MSU still unacknowledged');
  pair.note('b: congestion off');
  pair.command('b', 'flowControl', 0);
  pair.advance(20);
  assert.equal(pair.state('a').rtb, 0);
  assert.deepEqual(ids(pair.received('b')), [1]);
  const lines = pair.transcript();
  assert.ok(lines.some((l) => l.includes('a L3 <- remote-congestion-ceased')));
  assert.deepEqual(...golden('sib-congestion', lines));
});

test('remote congestion lasting longer than T6 takes the link out of service', () => {
  const pair = newPair();
  alignPair(pair);
  pair.transcript();
  pair.command('b', 'flowControl', 1);
  const ms = advanceUntil(pair, () => pair.state('a').lsc === 'OUT_OF_SERVICE', 10000);
  assert.ok(ms >= 5000 && ms <= 5010, `T6 fired after ${ms} ms`);
  const lines = pair.transcript();
  assert.ok(timeOf(lines, 'a L3 <- out-of-service (T6-expired)') > 0);
});
