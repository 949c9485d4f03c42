// ss7.linksets[].links[].mtp2: per-link MTP2 options (src/config/sections/ss7.ts checkMtp2Options).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../src/config/load.js';

const withMtp2 = (mtp2?: unknown) => ({
  spans: [{ name: 'a', driver: 'virtual', local: '127.0.0.1:1', remote: '127.0.0.1:2' }],
  ss7: { pointCode: 1, linksets: [{ name: 'x', adjacentPointCode: 2, links: [{ span: 'a', timeslot: 16, ...(mtp2 === undefined ? {} : { mtp2 }) }] }] },
});

test('a link without mtp2 options has none (emergency false, no timer overrides); given ones are kept with defaults filled', () => {
  assert.equal(loadConfig({ env: {}, object: withMtp2() }).ss7.linksets[0]!.links[0]!.mtp2, undefined);
  assert.deepEqual(loadConfig({ env: {}, object: withMtp2({ emergency: true }) }).ss7.linksets[0]!.links[0]!.mtp2, { emergency: true, timersMs: {} });
  const cfg = loadConfig({ env: {}, object: withMtp2({ emergency: true, timersMs: { T4n: 7500, T2: 5000 } }) });
  assert.deepEqual(cfg.ss7.linksets[0]!.links[0]!.mtp2, { emergency: true, timersMs: { T4n: 7500, T2: 5000 } });
});

test('mtp2 timers outside Q.703 ranges, unknown keys and a non-boolean emergency are refused with the key path', () => {
  const bad = (mtp2: unknown, key: string, reason: RegExp) =>
    assert.throws(
      () => loadConfig({ env: {}, object: withMtp2(mtp2) }),
      (e: unknown) => e instanceof ConfigError && e.key === key && reason.test(e.reason),
    );
  bad({ timersMs: { T4n: 2000 } }, 'ss7.linksets[0].links[0].mtp2.timersMs', /T4n must be 7500-9500/);
  bad({ timersMs: { T9: 1 } }, 'ss7.linksets[0].links[0].mtp2.timersMs', /unknown MTP2 timer T9/);
  bad({ emergncy: true }, 'ss7.linksets[0].links[0].mtp2.emergncy', /unknown key/);
  bad({ emergency: 'yes' }, 'ss7.linksets[0].links[0].mtp2.emergency', /true or false/);
});
