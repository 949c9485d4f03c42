// The same MTP2 pair with the line running through the real HDLC encoder/decoder (native/e1/hdlc.h,
// Q.703 §3: flags, zero insertion, FCS) octet by octet: bit errors become FCS errors that MTP2
// corrects by retransmission; an all-ones line ends in octet counting and SUERM.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { advanceUntil, alignPair, ids, msu, newPair } from './harness.js';

test('over real HDLC the link aligns normally and MSUs of every length cross both ways', () => {
  const pair = newPair({ hdlc: true, logReceived: false });
  alignPair(pair, true);
  const lens = [7, 20, 62, 63, 64, 65, 200, 273];
  lens.forEach((len, i) => {
    pair.command('a', 'transmit', msu(i, Math.max(len, 7)));
    pair.command('b', 'transmit', msu(100 + i, Math.max(len, 7)));
  });
  const short = Buffer.from([0x85, 0x42, 0x43]); // the shortest MSU: SIO + 2 SIF octets (LI = 3)
  pair.command('a', 'transmit', short);
  pair.advance(400);
  const rb = pair.received('b');
  assert.deepEqual(ids(rb.slice(0, lens.length)), lens.map((_, i) => i));
  assert.deepEqual(rb[lens.length], short);
  assert.deepEqual(rb.slice(0, lens.length).map((b) => b.length), lens.map((l) => Math.max(l, 7)));
  assert.deepEqual(ids(pair.received('a')), lens.map((_, i) => 100 + i));
  assert.equal(pair.counters('b')['mtp2.suErrors'], 0);
  assert.equal(pair.counters('b')['mtp2.liErrors'], 0);
});

test('over real HDLC random line bit errors are corrected by retransmission with no loss or reordering', () => {
  const pair = newPair({ hdlc: true, logReceived: false });
  alignPair(pair);
  // One bit in 20000: about one errored SU in 100 at these lengths, well under SUERM's 1/256 limit
  // once averaged with the FISUs, so the link stays up while NACKs and retransmissions happen.
  pair.impair('a', { bitErrorEvery: 20011 });
  pair.impair('b', { bitErrorEvery: 30011 });
  const n = 400;
  for (let i = 0; i < n; i++) pair.command('a', 'transmit', msu(i, 30));
  const ms = advanceUntil(pair, () => pair.counters('b')['mtp2.msuRx'] >= n, 20000);
  assert.ok(ms > 0, 'all MSUs delivered');
  assert.deepEqual(ids(pair.received('b')), Array.from({ length: n }, (_, i) => i));
  assert.equal(pair.state('a').lsc, 'IN_SERVICE');
  assert.ok(pair.counters('b')['mtp2.fcsErrors'] > 0, 'errors happened');
  assert.ok(pair.counters('a')['mtp2.retransmissions'] > 0, 'and were corrected by retransmission');
});

test('over real HDLC an all-ones line takes the link out of service through octet counting and SUERM', () => {
  const pair = newPair({ hdlc: true });
  alignPair(pair);
  pair.impair('a', { cut: true });
  const ms = advanceUntil(pair, () => pair.state('b').lsc === 'OUT_OF_SERVICE', 1000);
  assert.ok(ms >= 120 && ms <= 135, `down after ${ms} ms`);
  pair.impair('a', { cut: false });
  alignPair(pair);
});
