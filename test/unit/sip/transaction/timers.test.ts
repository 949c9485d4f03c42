import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBaseTimers, deriveTimers, TIMER_TABLE } from '../../../../src/sip/transaction/timers.js';

test('the timer table derives A-K, L and M from T1, T2 and T4 as RFC 3261 Table 4 and RFC 6026 state', () => {
  const udp = deriveTimers({ T1: 500, T2: 4000, T4: 5000 }, false);
  assert.deepEqual(
    [udp.A, udp.B, udp.D, udp.E, udp.F, udp.G, udp.H, udp.I, udp.J, udp.K, udp.L, udp.M],
    [500, 32000, 32000, 500, 32000, 500, 32000, 5000, 32000, 5000, 32000, 32000],
  );
  const tcp = deriveTimers({ T1: 500, T2: 4000, T4: 5000 }, true);
  assert.deepEqual([tcp.D, tcp.I, tcp.J, tcp.K], [0, 0, 0, 0]);
  const fast = deriveTimers({ T1: 100, T2: 400, T4: 1000 }, false);
  assert.equal(fast.B, 6400);
  assert.equal(fast.K, 1000);
  assert.equal(fast.D, 32000, 'Timer D stays at least 32 s on UDP');
});

test('every timer in the table has a unique name, a unit, a section and its default equals the derived UDP value', () => {
  const names = new Set(TIMER_TABLE.map((t) => t.name));
  assert.equal(names.size, TIMER_TABLE.length);
  for (const t of TIMER_TABLE) {
    assert.equal(t.unit, 'ms');
    assert.match(t.section, /RFC (3261|6026)/);
    assert.equal(t.value({ T1: 500, T2: 4000, T4: 5000 }, false), t.defaultMs, t.name);
  }
});

test('base timers are checked: T2 below T1 is refused', () => {
  assert.throws(() => checkBaseTimers({ T1: 500, T2: 100, T4: 5000 }), /T2/);
  assert.throws(() => checkBaseTimers({ T1: 0, T2: 100, T4: 5000 }), /T1/);
  checkBaseTimers({ T1: 500, T2: 4000, T4: 5000 });
});
