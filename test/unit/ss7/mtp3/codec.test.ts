import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMsu, encodeMsu, slsOf, type Msu } from '../../../../src/ss7/mtp3/label.js';
import { describePointCode, formatPointCode383, parsePointCode } from '../../../../src/ss7/mtp3/point-code.js';
import { decodeSlt, decodeSnm, encodeSlt, encodeSnm, type SnmMessage } from '../../../../src/ss7/mtp3/snm-messages.js';
import { defaultTimers, MTP3_TIMERS, resolveTimers } from '../../../../src/ss7/mtp3/timers.js';

test('the routing label puts DPC in bits 1-14, OPC in 15-28 and SLS in 29-32, least significant octet first', () => {
  // ISUP, national (SIO 0x85), DPC 2, OPC 1, SLS 5: label = 2 | 1<<14 | 5<<28 = 0x50004002 -> 02 40 00 50
  const msu: Msu = { sio: { si: 5, ni: 'national', priority: 0 }, label: { dpc: 2, opc: 1, sls: 5 }, data: Buffer.from([0x01, 0x00, 0x01]) };
  const octets = encodeMsu(msu);
  assert.equal(octets.toString('hex'), '8502400050010001');
  const back = decodeMsu(octets);
  assert.ok(back.ok);
  assert.deepEqual(back.value.label, msu.label);
  assert.deepEqual(back.value.sio, msu.sio);
  assert.equal(slsOf(octets), 5);
  // Largest values survive the trip.
  const big = encodeMsu({ sio: { si: 15, ni: 'nationalSpare', priority: 3 }, label: { dpc: 16383, opc: 16383, sls: 15 }, data: Buffer.alloc(0) });
  assert.equal(big.toString('hex'), 'ffffffffff');
});

test('an MSU too short for a label is a typed error, not an exception', () => {
  const r = decodeMsu(Buffer.from([0x85, 1, 2]));
  assert.deepEqual(r, { ok: false, error: { kind: 'tooShort', length: 3 } });
});

test('point codes parse from integers and the 3-8-3 form and print both ways', () => {
  assert.equal(parsePointCode(0), 0);
  assert.equal(parsePointCode('16383'), 16383);
  assert.equal(parsePointCode('2-010-3'), 2 * 2048 + 10 * 8 + 3);
  assert.equal(formatPointCode383(2067), '1-2-3');
  assert.equal(describePointCode(2067), '2067 (1-2-3)');
  assert.throws(() => parsePointCode(-1), /0-16383/);
  assert.throws(() => parsePointCode('1-256-0'), /area 0-255/);
  assert.throws(() => parsePointCode('abc'), /3-8-3/);
});

test('SNM messages encode with the Q.704 heading codes and decode back', () => {
  const cases: [SnmMessage, string][] = [
    [{ type: 'COO', fsn: 107 }, '116b'],
    [{ type: 'COA', fsn: 0 }, '2100'],
    [{ type: 'CBD', code: 7 }, '5107'],
    [{ type: 'CBA', code: 255 }, '61ff'],
    [{ type: 'ECO' }, '12'],
    [{ type: 'ECA' }, '22'],
    [{ type: 'TFP', destination: 3 }, '140300'],
    [{ type: 'TFR', destination: 16383 }, '34ff3f'],
    [{ type: 'TFA', destination: 0x1234 }, '543412'],
    [{ type: 'TRA' }, '17'],
    [{ type: 'UPU', destination: 2, userPart: 5, cause: 'unequippedRemoteUser' }, '1a020015'],
    [{ type: 'RCT' }, '13'],
    [{ type: 'RST', destination: 9 }, '150900'],
  ];
  for (const [m, hex] of cases) {
    assert.equal(encodeSnm(m).toString('hex'), hex, m.type);
    assert.deepEqual(decodeSnm(Buffer.from(hex, 'hex')), { ok: true, value: m }, m.type);
  }
  assert.deepEqual(decodeSnm(Buffer.from('16', 'hex')), { ok: true, value: { type: 'unknown', h0: 6, h1: 1 } }, 'LIN (inhibit) is not implemented');
  assert.deepEqual(decodeSnm(Buffer.from('14', 'hex')), { ok: false, error: { kind: 'tooShort', message: 'TFP', need: 3, have: 1 } });
  assert.deepEqual(decodeSnm(Buffer.alloc(0)), { ok: false, error: { kind: 'empty' } });
});

test('SLTM and SLTA carry the length indicator in the high nibble and the test pattern after it (Q.707 §5)', () => {
  const sltm = encodeSlt({ type: 'SLTM', pattern: Buffer.from('abcd') });
  assert.equal(sltm.toString('hex'), '114061626364');
  assert.deepEqual(decodeSlt(sltm), { ok: true, value: { type: 'SLTM', pattern: Buffer.from('abcd') } });
  assert.equal(encodeSlt({ type: 'SLTA', pattern: Buffer.alloc(0) }).toString('hex'), '2100');
  assert.equal(decodeSlt(Buffer.from('1150', 'hex')).ok, false, 'pattern shorter than its length indicator');
  assert.throws(() => encodeSlt({ type: 'SLTM', pattern: Buffer.alloc(16) }), /at most 15/);
});

test('the timer table has Q.704/Q.707 names and defaults inside their ranges, and overrides are range-checked', () => {
  for (const t of MTP3_TIMERS) assert.ok(t.defaultMs >= t.minMs && t.defaultMs <= t.maxMs, t.key);
  assert.equal(defaultTimers().SLT_T1, 8000);
  assert.equal(resolveTimers({ T4: 1000 }).T4, 1000);
  assert.throws(() => resolveTimers({ SLT_T2: 1000 }), /Q.707 T2.*30000-90000/);
  assert.throws(() => resolveTimers({ T9: 1 }), /unknown MTP3 timer/);
  assert.equal(resolveTimers({ SLT_T2: 1000 }, true).SLT_T2, 1000);
});
