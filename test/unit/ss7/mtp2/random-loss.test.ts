// Property: whatever signal units the line corrupts or drops, level 3 at the far end gets each MSU
// at most once and in order; while the link stays in service it gets all of them (Q.703 §5).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { alignPair, ids, msu, newPair } from './harness.js';

test('under random corruption and loss of signal units MSUs arrive once, in order, and none is lost while in service', () => {
  let retransmitted = 0;
  let failed = 0;
  fc.assert(
    fc.property(
      fc.record({
        corruptEvery: fc.integer({ min: 0, max: 400 }),
        dropEvery: fc.integer({ min: 20, max: 400 }),
        dropBurst: fc.integer({ min: 1, max: 4 }),
        reverseCorrupt: fc.integer({ min: 0, max: 400 }),
        n: fc.integer({ min: 1, max: 300 }),
        len: fc.integer({ min: 3, max: 120 }),
      }),
      (p) => {
        const pair = newPair({ logReceived: false });
        alignPair(pair);
        pair.impair('a', { corruptEvery: p.corruptEvery });
        pair.impair('b', { corruptEvery: p.reverseCorrupt });
        for (let i = 0; i < p.n; i++) pair.command('a', 'transmit', msu(i, Math.max(p.len, 7)));
        let got: number[] = [];
        for (let ms = 0; ms < 8000; ms += 10) {
          if ((ms / 10) % Math.max(1, Math.floor(p.dropEvery / 10)) === 0) pair.impair('a', { dropNext: p.dropBurst });
          pair.advance(10);
          got = got.concat(ids(pair.received('b')));
          if (got.length === p.n) break;
        }
        assert.deepEqual(got, Array.from({ length: got.length }, (_, i) => i), 'in order, no duplicates');
        retransmitted += pair.counters('a')['mtp2.retransmissions'] ?? 0;
        if (pair.state('a').lsc === 'IN_SERVICE' && pair.state('b').lsc === 'IN_SERVICE') {
          assert.equal(got.length, p.n, 'all delivered while in service');
        } else {
          failed++;
        }
      },
    ),
    { numRuns: 40, seed: 4703 },
  );
  assert.ok(retransmitted > 100, `the runs exercised retransmission (${retransmitted} MSUs retransmitted)`);
  assert.ok(failed < 40, `${failed} runs ended with the link down`);
});
