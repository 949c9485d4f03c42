// The DNS answer cache of server location: TTLs respected (A/AAAA their own, NAPTR/SRV the configured
// one), negative answers cached, failures not, and a bounded size (least recently used evicted).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DnsCache } from '../../../../src/sip/transport/dns-cache.js';
import { NodeSipDns, DEFAULT_DNS_OPTIONS, type SipDnsOptions } from '../../../../src/sip/transport/dns.js';
import { startDnsServer, type TestDnsServer } from '../../../helpers/dns-server.js';

let dns: TestDnsServer;
before(async () => {
  dns = await startDnsServer();
});
after(async () => {
  await dns.close();
});

function lookups(o: Partial<SipDnsOptions> = {}): { d: NodeSipDns; clock: { t: number } } {
  const clock = { t: 1_000_000 };
  dns.queries.length = 0;
  const d = new NodeSipDns({
    ...DEFAULT_DNS_OPTIONS,
    servers: [dns.address],
    timeoutMs: 500,
    tries: 1,
    now: () => clock.t,
    ...o,
  });
  return { d, clock };
}

const count = (name: string, type: string): number =>
  dns.queries.filter((q) => q.name === name && q.type === type).length;

test('an A answer is served from the cache within its TTL and asked again after it', async () => {
  dns.setRecords([{ name: 'h.example.test', type: 'A', address: '127.0.0.9', ttl: 10 }]);
  const { d, clock } = lookups();
  assert.deepEqual((await d.addresses('h.example.test', 4)).records, ['127.0.0.9']);
  clock.t += 9_000;
  assert.deepEqual((await d.addresses('H.example.test', 4)).records, ['127.0.0.9']);
  assert.equal(count('h.example.test', 'A'), 1, 'second lookup within the TTL came from the cache');
  dns.setRecords([{ name: 'h.example.test', type: 'A', address: '127.0.0.10', ttl: 10 }]);
  clock.t += 1_500;
  assert.deepEqual((await d.addresses('h.example.test', 4)).records, ['127.0.0.10']);
  assert.equal(count('h.example.test', 'A'), 2, 'after the TTL the server is asked again');
});

test('SRV answers are kept for recordTtlSeconds; NXDOMAIN for negativeTtlSeconds; SERVFAIL is not cached', async () => {
  dns.setRecords([
    { name: '_sip._udp.example.test', type: 'SRV', priority: 1, weight: 1, port: 5060, target: 'h.example.test' },
  ]);
  const { d, clock } = lookups({ recordTtlSeconds: 20, negativeTtlSeconds: 5 });
  await d.srv('_sip._udp.example.test');
  clock.t += 19_000;
  await d.srv('_sip._udp.example.test');
  assert.equal(count('_sip._udp.example.test', 'SRV'), 1);
  clock.t += 2_000;
  await d.srv('_sip._udp.example.test');
  assert.equal(count('_sip._udp.example.test', 'SRV'), 2);

  assert.equal((await d.srv('_sip._udp.nowhere.test')).outcome, 'nxdomain');
  clock.t += 4_000;
  assert.equal((await d.srv('_sip._udp.nowhere.test')).outcome, 'nxdomain');
  assert.equal(count('_sip._udp.nowhere.test', 'SRV'), 1, 'negative answer cached');
  clock.t += 2_000;
  await d.srv('_sip._udp.nowhere.test');
  assert.equal(count('_sip._udp.nowhere.test', 'SRV'), 2, 'negative answer expired');

  dns.servfail.add('sf.example.test');
  try {
    const r = await d.naptr('sf.example.test');
    assert.equal(r.outcome, 'failure');
    assert.equal(r.code, 'ESERVFAIL');
    await d.naptr('sf.example.test');
    assert.equal(count('sf.example.test', 'NAPTR'), 2, 'failures are not cached');
  } finally {
    dns.servfail.delete('sf.example.test');
  }
});

test('the cache holds at most maxEntries and evicts the least recently used', () => {
  const c = new DnsCache<string>({ maxEntries: 2, now: () => 0 });
  c.set('a', 'A', 60);
  c.set('b', 'B', 60);
  assert.equal(c.get('a'), 'A'); // a is now the most recently used
  c.set('c', 'C', 60);
  assert.equal(c.size, 2);
  assert.equal(c.get('b'), undefined, 'b was least recently used');
  assert.equal(c.get('a'), 'A');
  assert.equal(c.get('c'), 'C');
  assert.equal(c.counters['sip.dns.cache_evictions'], 1);
  c.set('z', 'Z', 0);
  assert.equal(c.get('z'), undefined, 'TTL 0 is not cached');
});
