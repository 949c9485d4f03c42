// Damaged capture files (seeded random octet changes and truncations of the small corpus captures)
// never make the capture reader or the decoder throw: they give typed errors or fewer messages.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import test from 'node:test';
import { readCapture, ss7Messages } from '../../../../src/ss7/capture/index.js';
import { decodeIsup } from '../../../../src/ss7/isup/index.js';
import { rng } from '../../../unit/ss7/isup/fuzz-corpus.js';

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/isup-captures/', import.meta.url));

test('3000 damaged capture files are read without an exception', () => {
  const seeds = ['isup.cap', 'bicc.pcap', 'sipi-loopback-call.pcapng'].map((f) => readFileSync(corpus + f));
  const next = rng(0xcafe);
  let files = 0;
  let messages = 0;
  for (let i = 0; i < 3000; i++) {
    const b = Buffer.from(seeds[next() % seeds.length]!);
    for (let k = 1 + (next() % 8); k > 0; k--) b[next() % b.length] = next() & 0xff;
    const cut = next() % 4 === 0 ? b.subarray(0, next() % b.length) : b;
    const r = readCapture(cut);
    if (!r.ok) continue;
    files++;
    for (const m of ss7Messages(r.frames)) {
      decodeIsup(m.userPart);
      messages++;
    }
  }
  assert.ok(files > 1000 && messages > 1000, `${files} files, ${messages} messages read`);
});
