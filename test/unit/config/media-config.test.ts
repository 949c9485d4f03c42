// The `media` config section: defaults, environment, checks, and the MediaCore options made of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from '../../../src/config/load.js';
import { mediaCoreOptions } from '../../../src/media/index.js';

test('the media section has defaults and TANDEM_MEDIA_HOST sets the local address', () => {
  const d = loadConfig({ object: {}, env: {} }).media;
  assert.deepEqual(d, { localHost: '127.0.0.1', rtpPortMin: 20000, rtpPortMax: 29999, connectSockets: false });
  assert.equal(loadConfig({ object: {}, env: { TANDEM_MEDIA_HOST: '::1' } }).media.localHost, '::1');
});

test('a bad media address or port range is refused with its key path', () => {
  const bad = (media: Record<string, unknown>, path: string) =>
    assert.throws(() => loadConfig({ object: { media }, env: {} }), (e: unknown) => e instanceof ConfigError && e.message.includes(path), JSON.stringify(media));
  bad({ localHost: 'localhost' }, 'media.localHost');
  bad({ rtpPortMin: 80 }, 'media.rtpPortMin');
  bad({ rtpPortMax: 70000 }, 'media.rtpPortMax');
  bad({ rtpPortMin: 20001 }, 'media.rtpPortMin');
  bad({ rtpPortMin: 30000, rtpPortMax: 30000 }, 'media.rtpPortMax');
  bad({ rtpPorts: 5 }, 'media.rtpPorts');
});

test('mediaCoreOptions takes the port range, address, socket mode and tone plan from the config', () => {
  const cfg = loadConfig({ object: { media: { localHost: '127.0.0.2', rtpPortMin: 40000, rtpPortMax: 40999, connectSockets: true }, tones: { country: 'fr' } }, env: {} });
  const o = mediaCoreOptions(cfg);
  assert.equal(o.portMin, 40000);
  assert.equal(o.portMax, 40999);
  assert.equal(o.localHost, '127.0.0.2');
  assert.equal(o.connectSockets, true);
  assert.deepEqual(o.tones, { country: 'fr', levelDbm0: -10 });
});
