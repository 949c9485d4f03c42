import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listProfiles, loadProfile, validateProfile, renderDahdiSystemConf, parseTimeslotRanges } from '../../../src/config/firmware.js';
import { ConfigError } from '../../../src/config/list.js';

test('every profile in firmware-config/ matches the schema', () => {
  const names = listProfiles();
  assert.ok(names.includes('virtual-e1'), 'the virtual card has a profile');
  for (const n of names) {
    const p = loadProfile(n);
    assert.equal(p.line.framing, 'ccs', `${n}: SS7 needs CCS framing`);
  }
});

test('timeslot ranges expand and refuse TS0, overlaps and garbage', () => {
  assert.deepEqual(parseTimeslotRanges('1-3,17'), [1, 2, 3, 17]);
  assert.equal(parseTimeslotRanges('1-15,17-31').length, 30);
  assert.throws(() => parseTimeslotRanges('0-15'));
  assert.throws(() => parseTimeslotRanges('1-5,5'));
  assert.throws(() => parseTimeslotRanges('a-b'));
});

test('a profile naming a signalling timeslot among bearers is refused with the key', () => {
  const raw = { card: { vendor: 'x', model: 'y', driver: 'virtual', ports: 1 }, timeslots: { signalling: [16], bearer: '1-31' } };
  assert.throws(() => validateProfile('bad', raw), (e: unknown) => e instanceof ConfigError && /both signalling and bearer/.test(e.reason));
  assert.throws(
    () => validateProfile('bad2', { line: { lineCode: 'b8zs' } }),
    (e: unknown) => e instanceof ConfigError && e.key === 'profile bad2.line.lineCode',
  );
});

test('a TE420 span renders DAHDI system.conf lines with CRC-4, line timing and hardware HDLC on TS16', () => {
  const conf = renderDahdiSystemConf(loadProfile('digium-te420'), 2, 32);
  assert.equal(
    conf,
    ['span=2,1,0,ccs,hdb3,crc4', 'bchan=32-46,48-62', 'hardhdlc=47', 'alaw=32-46,48-62', ''].join('\n'),
  );
});
