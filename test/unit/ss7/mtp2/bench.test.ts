// The MTP2 benchmark runs and its figures hold: no loss at 100 % load of a 64 kbit/s link, and the
// stack costs at least 100 times less than that link's 320 MSUs/s (bench/ss7-mtp2.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runMtp2Bench } from '../../../../bench/ss7-mtp2.js';

test('MTP2 carries a fully loaded 64 kbit/s link with no loss and at least 100x headroom', () => {
  const f = runMtp2Bench({ msus: 20000 });
  assert.equal(f.pacedLost, 0);
  assert.equal(f.pacedRetransmissions, 0);
  // 20-octet MSUs take 26 line octets: 8000 / 26 = 307.7 per second.
  assert.ok(f.pacedMsusPerSec >= 300 && f.pacedMsusPerSec <= 308, `${f.pacedMsusPerSec} MSUs/s`);
  assert.ok(f.headroomVs320 >= 100, `headroom ${f.headroomVs320}x`);
});
