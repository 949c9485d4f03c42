// Acceptance (issue 4): a million fuzzed ISUP messages (seeded mutations of every captured and
// fixture message, plus random octets) give typed errors or valid decodes, never an exception; and
// every valid decode in the canonical layout re-encodes to the same octets.
import assert from 'node:assert/strict';
import test from 'node:test';
import { decodeIsup, encodeIsup, type IsupDecodeError } from '../../../../src/ss7/isup/index.js';
import { mutate, rng, seedMessages } from './fuzz-corpus.js';

const N = Number(process.env.ISUP_FUZZ_COUNT ?? 1_000_000);

test(`${N} fuzzed ISUP messages decode to typed errors or messages, never an exception, and valid ones round-trip`, (t) => {
  const seeds = seedMessages();
  assert.ok(seeds.length > 100, 'seeds from the corpus and the fixtures');
  const next = rng(0x15a9);
  const kinds = new Map<IsupDecodeError['kind'] | 'ok', number>();
  const roundTripFailures: string[] = [];
  for (let i = 0; i < N; i++) {
    const x = mutate(seeds, next);
    const d = decodeIsup(x); // a throw here fails the test
    const k = d.ok ? 'ok' : d.error.kind;
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
    if (d.ok && !d.value.nonCanonical) {
      const e = encodeIsup(d.value);
      if (!e.ok || Buffer.compare(Buffer.from(e.value), Buffer.from(x)) !== 0) {
        if (roundTripFailures.length < 10) roundTripFailures.push(Buffer.from(x).toString('hex'));
      }
    }
  }
  t.diagnostic(JSON.stringify(Object.fromEntries(kinds)));
  assert.equal(kinds.get('internal') ?? 0, 0, 'no exception caught at the codec boundary');
  assert.deepEqual(roundTripFailures, []);
  // Both outcomes are exercised: the fuzzer is not just producing garbage or just valid messages.
  assert.ok((kinds.get('ok') ?? 0) > N / 10);
  assert.ok((kinds.get('truncated') ?? 0) > 0 && (kinds.get('bad-pointer') ?? 0) > 0 && (kinds.get('no-end-of-optional') ?? 0) > 0);
});
