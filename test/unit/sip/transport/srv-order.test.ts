// RFC 2782 ordering of SRV records: priority first, weighted random within a priority (seeded RNG).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderSrv, seededRng } from '../../../../src/sip/transport/srv-order.js';
import type { SrvRecord } from '../../../../src/sip/transport/dns.js';

const rec = (name: string, priority: number, weight: number, port = 5060): SrvRecord => ({
  name,
  priority,
  weight,
  port,
});

test('SRV records are tried lowest priority first, whatever their weights', () => {
  const rng = seededRng(1);
  for (let i = 0; i < 200; i++) {
    const o = orderSrv([rec('c', 30, 100), rec('a', 10, 0), rec('b', 20, 1000), rec('a2', 10, 5)], rng);
    assert.deepEqual(
      o.map((r) => r.priority),
      [10, 10, 20, 30],
    );
  }
});

test('within one priority the first pick follows the weights (RFC 2782 running sums, seeded RNG)', () => {
  const rng = seededRng(42);
  const recs = [rec('w60', 10, 60), rec('w30', 10, 30), rec('w10', 10, 10)];
  const first = new Map<string, number>();
  const N = 20000;
  for (let i = 0; i < N; i++) {
    const name = orderSrv(recs, rng)[0]?.name ?? '';
    first.set(name, (first.get(name) ?? 0) + 1);
  }
  // Expected shares: a pick in [0, 100] → w60 takes 0..60 (61/101), w30 61..90 (30/101), w10 91..100 (10/101).
  const share = (n: string): number => (first.get(n) ?? 0) / N;
  assert.ok(Math.abs(share('w60') - 61 / 101) < 0.02, `w60 first ${share('w60')}`);
  assert.ok(Math.abs(share('w30') - 30 / 101) < 0.02, `w30 first ${share('w30')}`);
  assert.ok(Math.abs(share('w10') - 10 / 101) < 0.02, `w10 first ${share('w10')}`);
});

test('a weight-0 record is chosen first only rarely, and every record appears exactly once', () => {
  const rng = seededRng(7);
  const recs = [rec('zero', 10, 0), rec('heavy', 10, 99)];
  let zeroFirst = 0;
  for (let i = 0; i < 10000; i++) {
    const o = orderSrv(recs, rng);
    assert.deepEqual(o.map((r) => r.name).sort(), ['heavy', 'zero']);
    if (o[0]?.name === 'zero') zeroFirst++;
  }
  // RFC 2782: weight 0 records "should have a very small chance of being selected": here 1/100.
  assert.ok(zeroFirst > 40 && zeroFirst < 200, `weight 0 first ${zeroFirst} times in 10000`);
});

test('the same seed gives the same order, and a "." target (service not available) is dropped', () => {
  const recs = [rec('a', 1, 10), rec('b', 1, 10), rec('c', 1, 10), rec('.', 1, 10)];
  const a = orderSrv(recs, seededRng(99)).map((r) => r.name);
  const b = orderSrv(recs, seededRng(99)).map((r) => r.name);
  assert.deepEqual(a, b);
  assert.equal(a.length, 3);
  assert.ok(!a.includes('.'));
  assert.deepEqual(orderSrv([rec('.', 0, 0)]), []);
});
