// Memory of failed targets across calls: a failed target goes to the end of the list for a while (a 503's
// Retry-After sets how long), never out of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUri } from '../../../../src/sip/message/index.js';
import type { DnsResult, SrvRecord } from '../../../../src/sip/transport/dns.js';
import { ServerLocator } from '../../../../src/sip/transport/resolve.js';
import { TargetHealth } from '../../../../src/sip/transport/target-health.js';
import type { Destination } from '../../../../src/sip/transport/types.js';

const d = (port: number): Destination => ({ transport: 'udp', address: '127.0.0.1', port });

test('a failed target is tried last until its down time has passed; all down keeps the order', () => {
  const clock = { t: 0 };
  const h = new TargetHealth({ downMs: 30000, now: () => clock.t });
  const list = [d(1), d(2), d(3)];
  h.markDown(d(1));
  assert.deepEqual(
    h.order(list).map((x) => x.port),
    [2, 3, 1],
  );
  h.markDown(d(2), 5000);
  h.markDown(d(3));
  assert.deepEqual(
    h.order(list).map((x) => x.port),
    [1, 2, 3],
    'every target down: all still tried, in order',
  );
  clock.t = 5001;
  assert.deepEqual(
    h.order(list).map((x) => x.port),
    [2, 1, 3],
  );
  clock.t = 30001;
  assert.deepEqual(
    h.order(list).map((x) => x.port),
    [1, 2, 3],
  );
  const none = new TargetHealth({ downMs: 0 });
  none.markDown(d(1));
  assert.equal(none.isDown(d(1)), false, 'downMs 0 keeps no memory');
});

test('the locator orders its results by target health, and a Retry-After sets the down time', async () => {
  const clock = { t: 0 };
  const srv: DnsResult<SrvRecord> = {
    outcome: 'ok',
    records: [
      { priority: 1, weight: 1, port: 5001, name: 'a.h.test' },
      { priority: 2, weight: 1, port: 5002, name: 'b.h.test' },
    ],
  };
  const locator = new ServerLocator({
    dns: {
      naptr: () => Promise.resolve({ outcome: 'nxdomain', records: [] }),
      srv: (n) => Promise.resolve(n === '_sip._udp.h.test' ? srv : { outcome: 'nodata', records: [] }),
      addresses: (_n, f) =>
        Promise.resolve(f === 4 ? { outcome: 'ok', records: ['127.0.0.1'] } : { outcome: 'nodata', records: [] }),
    },
    downMs: 30000,
    now: () => clock.t,
  });
  const uri = parseUri('sip:x@h.test');
  assert.ok(uri.ok, 'uri parses');
  if (!uri.ok) return;
  const ports = async (): Promise<number[]> => {
    const r = await locator.locate(uri.value);
    return r.ok ? r.targets.map((t) => t.port) : [];
  };
  assert.deepEqual(await ports(), [5001, 5002]);
  locator.reportFailure(d(5001), 2);
  assert.deepEqual(await ports(), [5002, 5001]);
  clock.t = 2001;
  assert.deepEqual(await ports(), [5001, 5002], 'Retry-After: 2 → back after 2 s');
});
