// Parameter registry entries (Q.763 §3): field tables cover every bit, numbers keep ST and filler,
// causes are named per Q.850, range and status, compatibility information, bearer capability.
import assert from 'node:assert/strict';
import test from 'node:test';
import { describeParameter, ituParameters, ituProfile, P, type IsupParameter, type ParamValue } from '../../../../src/ss7/isup/index.js';
import { coverageErrors, type BitFieldEntry } from '../../../../src/ss7/isup/params/bitfields.js';
import { statusBit } from '../../../../src/ss7/isup/params/range.js';

const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const entry = (code: number) => {
  const e = ituProfile.parameters.get(code);
  assert.ok(e, `parameter ${code} registered`);
  return e;
};
function decode(code: number, h: string): ParamValue {
  const r = entry(code).decode(hex(h));
  assert.ok(r.ok, JSON.stringify(r.ok || r.error));
  return r.value;
}
function roundTrip(code: number, h: string): void {
  const v = decode(code, h);
  const e = entry(code).encode(v);
  assert.ok(e.ok);
  assert.equal(Buffer.from(e.value).toString('hex'), h.replace(/\s+/g, ''));
}

test('every bit-field parameter table covers each bit of its octets exactly once, spare bits included', () => {
  const tables = ituParameters.filter((p): p is BitFieldEntry => 'fields' in p && 'octets' in p);
  assert.ok(tables.length > 40);
  for (const t of tables) assert.deepEqual(coverageErrors(t.octets, t.fields), [], t.name);
});

test('registry codes are unique and every parameter has a name and a Q.763 reference', () => {
  const codes = ituParameters.map((p) => p.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const p of ituParameters) assert.ok(p.name && p.ref, String(p.code));
});

test('a called party number with an odd count of digits keeps its ST digit and its filler', () => {
  const v = decode(P.calledPartyNumber, '81 90 84 19 0f');
  assert.equal(v.kind, 'number');
  assert.deepEqual([v.oddEven, v.natureOfAddress, v.inn, v.numberingPlan, v.digits], [1, 1, 1, 1, '4891F']);
  roundTrip(P.calledPartyNumber, '81 90 84 19 0f');
  roundTrip(P.calledPartyNumber, '81 90 84 19 5f'); // a non-zero filler survives too
  roundTrip(P.calledPartyNumber, '03 10 bc'); // codes 11 and 12
  assert.equal((decode(P.calledPartyNumber, '03 10 bc') as { digits: string }).digits, 'CB');
});

test('a calling party number decodes NI, presentation and screening, and its spare bits are kept', () => {
  const v = decode(P.callingPartyNumber, '03 17 93 33 93 79 80');
  assert.equal(v.kind, 'number');
  assert.deepEqual([v.ni, v.numberingPlan, v.presentation, v.screening, v.digits], [0, 1, 1, 3, '3933399708']);
  const d = describeParameter({ code: P.callingPartyNumber, name: 'Calling party number', value: v }) as { value: { presentation: { name: string } } };
  assert.equal(d.value.presentation.name, 'presentation restricted');
  roundTrip(P.redirectingNumber, '03 9d 21 43'); // bit 8 and bits 2-1 are spare in the redirecting number
  const r = decode(P.redirectingNumber, '03 9d 21 43');
  assert.equal(r.kind === 'number' && r.spare, 0x81);
});

test('a generic number carries its number qualifier before the address', () => {
  const v = decode(P.genericNumber, '06 03 13 03 44');
  assert.equal(v.kind, 'number');
  assert.deepEqual([v.qualifier, v.natureOfAddress, v.screening, v.digits], [6, 3, 3, '3044']);
});

test('cause indicators name the Q.850 cause, location and coding standard and keep diagnostics', () => {
  const v = decode(P.causeIndicators, '84 e3 f4');
  assert.equal(v.kind, 'cause');
  assert.deepEqual([v.codingStandard, v.location, v.cause, Array.from(v.diagnostics)], [0, 4, 99, [0xf4]]);
  const d = JSON.stringify(describeParameter({ code: P.causeIndicators, name: 'Cause indicators', value: v }));
  assert.match(d, /Information element\/parameter non-existent or not implemented/);
  assert.match(d, /public network serving the remote user/);
  roundTrip(P.causeIndicators, '03 80 9f'); // octet 1a (recommendation) present
  const bad = entry(P.causeIndicators).decode(hex('84'));
  assert.ok(!bad.ok && bad.error.kind === 'bad-length');
});

test('range and status gives one status bit per circuit and refuses a status too short for the range', () => {
  const v = decode(P.rangeAndStatus, '0f 02 01');
  assert.equal(v.kind, 'range-status');
  assert.equal(statusBit(v, 1), 1);
  assert.equal(statusBit(v, 8), 1);
  assert.equal(statusBit(v, 2), 0);
  assert.equal(statusBit(v, 16), undefined);
  const d = describeParameter({ code: P.rangeAndStatus, name: 'Range and status', value: v }) as { value: { status: string } };
  assert.equal(d.value.status, '0100000010000000');
  const bad = entry(P.rangeAndStatus).decode(hex('10 ff'));
  assert.ok(!bad.ok && bad.error.kind === 'bad-value');
});

test('parameter compatibility information lists per parameter what to do if it is not recognised', () => {
  const v = decode(P.parameterCompatibilityInformation, 'f4 90 20 10 81');
  assert.equal(v.kind, 'parameter-compatibility');
  assert.deepEqual(v.entries.map((e) => [e.parameter, e.instructions.flags.discardParameter, e.instructions.octets.length]), [
    [0xf4, 1, 1],
    [0x20, 1, 2],
  ]);
  roundTrip(P.parameterCompatibilityInformation, 'f4 90 20 10 81');
  const open = entry(P.parameterCompatibilityInformation).decode(hex('f4 10'));
  assert.ok(!open.ok && open.error.kind === 'bad-length');
});

test('user service information decodes the Q.931 bearer capability fields', () => {
  const v = decode(P.userServiceInformation, '88 90 a6');
  assert.equal(v.kind, 'bearer-capability');
  assert.deepEqual([v.codingStandard, v.transferCapability, v.transferMode, v.transferRate], [0, 8, 0, 0x10]);
  assert.deepEqual(v.layers.map((l) => [l.layer, l.protocol]), [[1, 6]]);
  roundTrip(P.userServiceInformation, '80 90 a3');
  roundTrip(P.userServiceInformation, '08 81 18 82 a3'); // octet 3a, multirate with its multiplier
});

test('indicator parameters decode by name: forward and backward call indicators, nature of connection', () => {
  const f = decode(P.forwardCallIndicators, 'a0 01');
  assert.equal(f.kind, 'fields');
  assert.deepEqual([f.fields.isupIndicator, f.fields.isupPreference, f.fields.isdnAccess], [1, 2, 1]);
  const b = decode(P.backwardCallIndicators, '16 14');
  assert.equal(b.kind, 'fields');
  assert.deepEqual([b.fields.charge, b.fields.calledPartyStatus, b.fields.calledPartyCategory, b.fields.isupIndicator, b.fields.echoControlDevice], [2, 1, 1, 1, 0]);
  const d = JSON.stringify(describeParameter({ code: P.backwardCallIndicators, name: 'Backward call indicators', value: b }));
  assert.match(d, /"charge":\{"value":2,"name":"charge"\}/);
  roundTrip(P.natureOfConnectionIndicators, 'e5'); // spare bits set
});

test('a parameter value of the wrong kind is an encode error, not an exception', () => {
  const p: IsupParameter = { code: P.calledPartyNumber, name: 'Called party number', value: { kind: 'octets', octets: new Uint8Array(1) } };
  const r = entry(p.code).encode(p.value);
  assert.ok(!r.ok && r.error.kind === 'wrong-kind');
  const digits = entry(P.calledPartyNumber).encode({ kind: 'number', oddEven: 0, natureOfAddress: 3, inn: 0, numberingPlan: 1, spare: 0, digits: '12X4', filler: 0 });
  assert.ok(!digits.ok && digits.error.kind === 'bad-digit');
});

test('editing a compatibility instruction flag changes the octet sent', () => {
  const v = decode(P.parameterCompatibilityInformation, 'f4 90');
  assert.equal(v.kind, 'parameter-compatibility');
  v.entries[0]!.instructions.flags.releaseCall = 1;
  const e = entry(P.parameterCompatibilityInformation).encode(v);
  assert.ok(e.ok);
  assert.equal(Buffer.from(e.value).toString('hex'), 'f492');
  const m = decode(P.messageCompatibilityInformation, '94');
  assert.equal(m.kind, 'message-compatibility');
  assert.deepEqual([m.instructions.flags.sendNotification, m.instructions.flags.passOnNotPossible], [1, 1]);
  m.instructions.flags.discardMessage = 1;
  const em = entry(P.messageCompatibilityInformation).encode(m);
  assert.ok(em.ok && Buffer.from(em.value).toString('hex') === '9c');
});
