import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from '../../../../src/config/load.js';

test('the sip section defaults to UDP and TCP on 127.0.0.1:5060 with RFC 3261 timers', () => {
  const cfg = loadConfig({ object: {}, env: {} });
  assert.deepEqual(
    cfg.sip.listen.map((l) => `${l.transport} ${l.address}:${l.port}`),
    ['udp 127.0.0.1:5060', 'tcp 127.0.0.1:5060'],
  );
  assert.deepEqual(cfg.sip.timers, { T1: 500, T2: 4000, T4: 5000 });
});

test('a tls listener without cert and key is refused naming the key', () => {
  assert.throws(
    () =>
      loadConfig({ object: { sip: { listen: [{ transport: 'tls', address: '127.0.0.1', port: 5061 }] } }, env: {} }),
    (e: unknown) => e instanceof ConfigError && /sip\.listen/.test(e.key) && /cert/.test(e.message),
  );
});

test('bad listener addresses, unknown keys and T2 below T1 are refused', () => {
  assert.throws(
    () =>
      loadConfig({ object: { sip: { listen: [{ transport: 'udp', address: 'localhost', port: 5060 }] } }, env: {} }),
    ConfigError,
  );
  assert.throws(
    () =>
      loadConfig({
        object: { sip: { listen: [{ transport: 'udp', address: '::1', port: 5060, bogus: 1 }] } },
        env: {},
      }),
    ConfigError,
  );
  assert.throws(() => loadConfig({ object: { sip: { timers: { T1: 500, T2: 100, T4: 5000 } } }, env: {} }), /T2/);
  const ok = loadConfig({ object: { sip: { listen: [{ transport: 'udp', address: '::1', port: 5062 }] } }, env: {} });
  assert.equal(ok.sip.listen[0]?.address, '::1');
});
