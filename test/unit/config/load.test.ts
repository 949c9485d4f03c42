import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from '../../../src/config/load.js';

function tmpFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-cfg-'));
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

test('the embedded default has one gateway span wired to one simulator span', () => {
  const cfg = loadConfig({ env: {} });
  assert.equal(cfg.spans.length, 1);
  assert.equal(cfg.lab.spans.length, 1);
  assert.equal(cfg.spans[0]!.remote, cfg.lab.spans[0]!.local);
  assert.equal(cfg.lab.spans[0]!.remote, cfg.spans[0]!.local);
  assert.equal(cfg.spans[0]!.crc4, true);
});

test('the issue\'s YAML span shape loads with defaults filled in', () => {
  const file = tmpFile(
    'span.yaml',
    [
      'spans:',
      '  - name: e1-0',
      '    driver: virtual',
      '    local: 127.0.0.1:40000',
      '    remote: 127.0.0.1:40001',
      '    crc4: true',
      '    pcap: /tmp/e1-0-ts16.pcap',
      '',
    ].join('\n'),
  );
  const cfg = loadConfig({ file, env: {} });
  assert.deepEqual(cfg.spans[0]!.signallingTimeslots, [16]);
  assert.equal(cfg.spans[0]!.pcap, '/tmp/e1-0-ts16.pcap');
  assert.equal(cfg.lab.spans.length, 0, 'a config file replaces the embedded default');
});

test('an invalid span address is reported with the key path and the reason', () => {
  assert.throws(
    () => loadConfig({ env: {}, object: { spans: [{ name: 'a' }, { name: 'b', remote: 'nowhere:1' }] } }),
    (e: unknown) => e instanceof ConfigError && e.key === 'spans[1].remote' && /not an IPv4 or IPv6/.test(e.reason),
  );
});

test('unknown keys are refused at the top level and inside list elements', () => {
  assert.throws(() => loadConfig({ env: {}, object: { spanz: [] } }), (e: unknown) => e instanceof ConfigError && e.key === 'spanz');
  assert.throws(
    () => loadConfig({ env: {}, object: { spans: [{ name: 'a', crc5: true }] } }),
    (e: unknown) => e instanceof ConfigError && e.key === 'spans[0].crc5',
  );
});

test('duplicate span names are refused', () => {
  assert.throws(
    () => loadConfig({ env: {}, object: { spans: [{ name: 'a' }, { name: 'a', local: '127.0.0.1:1' }] } }),
    (e: unknown) => e instanceof ConfigError && e.key === 'spans[1].name',
  );
});

test('environment overrides the file and flags override the environment', () => {
  const cfg = loadConfig({ env: { TANDEM_LOG_LEVEL: 'debug' } });
  assert.equal(cfg.log.level, 'debug');
  const cfg2 = loadConfig({ env: { TANDEM_LOG_LEVEL: 'debug' }, args: ['--log-level', 'warn'] });
  assert.equal(cfg2.log.level, 'warn');
});

test('a file that is not valid YAML names the file', () => {
  const file = tmpFile('bad.yaml', 'spans: [\n');
  assert.throws(() => loadConfig({ file, env: {} }), (e: unknown) => e instanceof ConfigError && /not valid YAML/.test(e.reason));
});
