// The sip.dns config section (RFC 3263 server location): defaults, accepted and refused server lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from '../../../../src/config/load.js';
import { isDnsServerAddress } from '../../../../src/config/sections/sip.js';

test('sip.dns defaults to the system resolver, A before AAAA, and a bounded cache', () => {
  const cfg = loadConfig({ object: {}, env: {} });
  assert.deepEqual(cfg.sip.dns.servers, []);
  assert.equal(cfg.sip.dns.addressOrder, 'ipv4-first');
  assert.equal(cfg.sip.dns.cacheSize, 1000);
});

test('sip.dns.servers takes IPv4/IPv6 addresses with optional ports and refuses names, naming the key', () => {
  const cfg = loadConfig({
    object: { sip: { dns: { servers: ['192.0.2.53', '127.0.0.1:5353', '[::1]:53', '2001:db8::53'] } } },
    env: {},
  });
  assert.equal(cfg.sip.dns.servers.length, 4);
  for (const bad of ['dns.example.com', '1.2.3.4:99999', '[::1', '']) assert.equal(isDnsServerAddress(bad), false, bad);
  assert.throws(
    () => loadConfig({ object: { sip: { dns: { servers: ['dns.example.com'] } } }, env: {} }),
    (e: unknown) => e instanceof ConfigError && /sip\.dns\.servers/.test(`${e.key} ${e.message}`),
  );
  assert.throws(() => loadConfig({ object: { sip: { dns: { addressOrder: 'both' } } }, env: {} }), ConfigError);
});
