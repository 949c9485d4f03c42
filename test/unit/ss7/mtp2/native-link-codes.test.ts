// The TypeScript copies of the "mtp2" channel kind's code tables (src/ss7/mtp2/native-link.ts) must
// equal the native ones (native/mtp2/mtp2_link.h, events.h), and the cause mapping covers them all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadNative } from '../../../../src/native/addon.js';
import {
  MTP2_CAUSES,
  MTP2_COMMAND,
  MTP2_EVENT_CODE_BASE,
  MTP2_EVENT_KINDS,
  MTP2_IAC_STATES,
  MTP2_LSC_STATES,
  MTP2_TIMERS_MS,
  checkMtp2Timers,
  decodeMtp2Event,
  outOfServiceReason,
} from '../../../../src/ss7/mtp2/native-link.js';

test('the native-link code tables equal the native ones', () => {
  const c = loadNative().mtp2test.codes();
  assert.deepEqual(c.eventKinds, [...MTP2_EVENT_KINDS]);
  assert.deepEqual(c.causes, [...MTP2_CAUSES]);
  assert.deepEqual(c.lscStates, [...MTP2_LSC_STATES]);
  assert.deepEqual(c.iacStates, [...MTP2_IAC_STATES]);
  assert.deepEqual(c.commands, { ...MTP2_COMMAND });
  assert.equal(c.eventCodeBase, MTP2_EVENT_CODE_BASE);
});

test('every link failure cause maps to a level 3 out-of-service reason; a level 3 stop gives none', () => {
  for (const cause of MTP2_CAUSES) {
    const r = outOfServiceReason(cause, 'IN_SERVICE');
    if (cause === 'none' || cause === 'l3-stop') assert.equal(r, null);
    else assert.equal(typeof r, 'string', cause);
  }
  assert.equal(outOfServiceReason('rx-SIOS', 'INITIAL_ALIGNMENT'), 'alignmentNotPossible');
  assert.equal(outOfServiceReason('rx-SIOS', 'IN_SERVICE'), 'receivedSios');
  assert.equal(outOfServiceReason('suerm-threshold', 'IN_SERVICE'), 'excessiveErrorRate');
});

test('a channel event record decodes into kind, states and cause', () => {
  const e = decodeMtp2Event({ code: 100, a: 0, b: 1 | (2 << 8) | (3 << 16), data: Buffer.alloc(0) });
  assert.deepEqual(e && { kind: e.kind, from: e.from, to: e.to, cause: e.cause }, {
    kind: 'lsc',
    from: 1,
    to: 2,
    cause: 'T2-expired',
  });
  assert.equal(decodeMtp2Event({ code: 7, a: 0, b: 0, data: Buffer.alloc(0) }), null);
});

test('the TypeScript Q.703 timer table equals the native one, and overrides outside the ranges are refused', () => {
  const nativeTimers = loadNative().mtp2test.timers();
  assert.deepEqual(
    Object.fromEntries(nativeTimers.map((t) => [t.name, { defaultMs: t.defaultMs, minMs: t.minMs, maxMs: t.maxMs }])),
    MTP2_TIMERS_MS,
  );
  checkMtp2Timers({ T1: 40000, T7: 2000 });
  assert.throws(() => checkMtp2Timers({ T4n: 2000 }), /T4n must be 7500-9500 ms/);
  assert.throws(() => checkMtp2Timers({ T2: 1 }), RangeError);
});
