// Message-level codec behaviour (Q.763 §1.3): layout, unknown parameters and messages kept with
// their compatibility information (Q.764 §2.9.5), typed errors on bad input, building from values,
// national variants as data, and encode(decode(x)) = x over every captured message.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import test from 'node:test';
import { readCapture, ss7Messages, SI_ISUP } from '../../../../src/ss7/capture/index.js';
import {
  decodeIsup,
  encodeIsup,
  findParam,
  ituProfile,
  P,
  paramValue,
  variantProfile,
  describeParameter,
  unexpectedParameters,
  type IsupMessage,
} from '../../../../src/ss7/isup/index.js';
import { octetsParam } from '../../../../src/ss7/isup/params/octets.js';

const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const corpus = fileURLToPath(new URL('../../../../../shared/corpus/isup-captures/', import.meta.url));

const ISUP_CAP_IAM =
  'd5 00 01 00 a0 01 0a 02 02 07 05 81 90 84 19 0f 0a 07 03 17 93 33 93 79 80 08 01 80 03 05 7c 03 88 90 a6 1d 03 88 90 a6 31 02 00 64 3f 06 03 93 00 06 00 10 f4 05 64 76 c3 28 81 39 02 f4 90 00';

function decoded(h: string): IsupMessage {
  const d = decodeIsup(hex(h));
  assert.ok(d.ok, JSON.stringify(d.ok || d.error));
  return d.value;
}

test('encode(decode(x)) equals x for every ISUP message of the corpus captures', () => {
  let n = 0;
  for (const f of ['isup.cap', 'm3ua_isup.cap', 'isup_load_generator.pcap']) {
    const cap = readCapture(readFileSync(corpus + f));
    assert.ok(cap.ok);
    for (const m of ss7Messages(cap.frames)) {
      if (m.si !== SI_ISUP) continue;
      const d = decodeIsup(m.userPart);
      assert.ok(d.ok, `${f} frame ${m.frame}`);
      assert.equal(d.value.nonCanonical, undefined);
      const e = encodeIsup(d.value);
      assert.ok(e.ok);
      assert.equal(toHex(e.value), toHex(m.userPart), `${f} frame ${m.frame}`);
      n++;
    }
  }
  assert.equal(n, 6 + 470 + 5265);
});

test('the CIC is 12 bits and the 4 spare bits of its second octet are kept', () => {
  const m = decoded('ff ff 10 00');
  assert.equal(m.cic, 0xfff);
  assert.equal(m.cicSpare, 0xf);
  assert.equal(m.acronym, 'RLC');
  const e = encodeIsup(m);
  assert.ok(e.ok && toHex(e.value) === 'ffff1000');
  const big = encodeIsup({ ...m, cic: 4096 });
  assert.ok(!big.ok && big.error.kind === 'value-out-of-range');
});

test('an unknown parameter is kept with the instructions its parameter compatibility information gives', () => {
  const m = decoded(ISUP_CAP_IAM);
  const unknown = findParam(m, 0xf4);
  assert.ok(unknown?.unknown);
  assert.equal(unknown.value.kind === 'octets' && toHex(unknown.value.octets), '6476c32881');
  assert.equal(unknown.compatibility?.flags.discardParameter, 1);
  assert.equal(unknown.compatibility?.flags.releaseCall, 0);
  // The optional parameters keep their order, the unknown one included.
  assert.deepEqual(m.optional?.map((p) => p.code), [0x0a, 0x08, 0x03, 0x1d, 0x31, 0x3f, 0xf4, 0x39]);
});

test('an unrecognized message type is read as an optional part and keeps its message compatibility information', () => {
  const m = decoded('19 00 fe 01 38 01 94 00');
  assert.equal(m.unrecognized, true);
  assert.equal(m.acronym, 'UNKNOWN');
  assert.equal(m.compatibility?.flags.passOnNotPossible, 1);
  assert.equal(m.compatibility?.flags.sendNotification, 1);
  const e = encodeIsup(m);
  assert.ok(e.ok && toHex(e.value) === '1900fe0138019400');
  const opaque = decoded('19 00 fd 99 98');
  assert.equal(opaque.unrecognized, true);
  assert.equal(opaque.body && toHex(opaque.body), '9998');
});

test('an optional parameter with bad contents is kept as octets with its error, the message still decodes', () => {
  // ANM with a cause indicators parameter of one octet (Q.850 needs two).
  const m = decoded('07 00 09 01 12 01 80 00');
  const p = findParam(m, P.causeIndicators);
  assert.equal(p?.error?.kind, 'bad-length');
  const e = encodeIsup(m);
  assert.ok(e.ok && toHex(e.value) === '0700090112018000');
});

test('bad input gives a typed error for each way a message can be broken', () => {
  const cases: [string, string][] = [
    ['01 00', 'truncated'], // no message type
    ['01 00 01 00 60', 'truncated'], // IAM fixed part cut
    ['01 00 0c 00 00', 'bad-pointer'], // REL with a zero pointer to its cause
    ['01 00 0c 09 00', 'bad-pointer'], // REL pointer beyond the end
    ['01 00 0c 02 00 05 80', 'truncated'], // cause length beyond the end
    ['01 00 06 16 14 01 29 01 01', 'no-end-of-optional'], // ACM optional part not closed
    ['01 00 0c 02 00 01 80', 'bad-length'], // mandatory cause of one octet
    ['01 00 17 01 02 10 ff', 'bad-value'], // GRS range 16 with one status octet
  ];
  for (const [h, kind] of cases) {
    const d = decodeIsup(hex(h));
    assert.ok(!d.ok, h);
    assert.equal(d.error.kind, kind, h);
  }
});

test('an optional part pointing at a lone end of optional parameters octet re-encodes as it came', () => {
  const m = decoded('05 00 10 01 00');
  assert.equal(m.emptyOptionalPart, true);
  const e = encodeIsup(m);
  assert.ok(e.ok && toHex(e.value) === '0500100100');
});

test('a message built from typed values encodes to the Q.763 layout', () => {
  const msg: IsupMessage = {
    cic: 2,
    cicSpare: 0,
    type: 0x01,
    acronym: 'IAM',
    fixed: [
      { code: P.natureOfConnectionIndicators, name: '', value: { kind: 'fields', fields: { satellite: 0, continuityCheck: 0, echoControlDevice: 0 }, extra: new Uint8Array() } },
      { code: P.forwardCallIndicators, name: '', value: { kind: 'fields', fields: { isupIndicator: 1, isdnAccess: 1 }, extra: new Uint8Array() } },
      { code: P.callingPartysCategory, name: '', value: { kind: 'fields', fields: { category: 10 }, extra: new Uint8Array() } },
      { code: P.transmissionMediumRequirement, name: '', value: { kind: 'fields', fields: { medium: 0 }, extra: new Uint8Array() } },
    ],
    variable: [
      { code: P.calledPartyNumber, name: '', value: { kind: 'number', oddEven: 0, natureOfAddress: 4, inn: 0, numberingPlan: 1, spare: 0, digits: '4930123', filler: 0 } },
    ],
    optional: [],
  };
  const e = encodeIsup(msg);
  assert.ok(e.ok);
  assert.equal(toHex(e.value), '020001002001' + '0a00' + '0200' + '06841094032103');
  const missing = encodeIsup({ ...msg, variable: [] });
  assert.ok(!missing.ok && missing.error.kind === 'missing-parameter');
  const called = paramValue(decoded(toHex(e.value)), P.calledPartyNumber, 'number');
  assert.equal(called?.digits, '4930123');
  assert.equal(called?.oddEven, 1);
});

test('a national variant adds a parameter as data without touching the ITU profile', () => {
  const national = variantProfile(ituProfile, 'test-national', { parameters: [octetsParam(0xf4, 'National test parameter', 'national')] });
  const d = decodeIsup(hex(ISUP_CAP_IAM), national);
  assert.ok(d.ok);
  const p = findParam(d.value, 0xf4);
  assert.equal(p?.name, 'National test parameter');
  assert.equal(p?.unknown, undefined);
  assert.equal(findParam(decoded(ISUP_CAP_IAM), 0xf4)?.unknown, true);
});

test('an optional parameter that the message type does not list is reported as unexpected', () => {
  // ACM with optional backward call indicators (listed) and a hop counter (an IAM parameter).
  const m = decoded('05 00 06 16 14 01 29 01 01 3d 01 1f 00');
  assert.deepEqual(unexpectedParameters(m), [P.hopCounter]);
  assert.deepEqual(unexpectedParameters(decoded(ISUP_CAP_IAM)), [0xf4]);
});

test('a circuit group query response names each circuit state', () => {
  const m = decoded('60 00 2b 02 03 02 01 04 01 02 0f 00');
  const csi = findParam(m, P.circuitStateIndicator);
  assert.ok(csi);
  const d = JSON.stringify(describeParameter(csi));
  assert.match(d, /"callProcessing":\{"value":3,"name":"idle"\}/);
  assert.match(d, /locally and remotely blocked/);
  assert.match(d, /"maintenanceBlocking":\{"value":0,"name":"transient"\}/);
});

test('a pass-along message carries another message, decoded without a CIC and re-encoded exactly', () => {
  const m = decoded('1a 00 28 2c 01 01 29 01 01 00');
  assert.equal(m.acronym, 'PAM');
  assert.equal(m.embedded?.acronym, 'CPG');
  assert.equal(paramValue(m.embedded, P.eventInformation, 'fields')?.fields.event, 1);
  const e = encodeIsup(m);
  assert.ok(e.ok && toHex(e.value) === '1a00282c0101290101' + '00');
  const garbage = decoded('1a 00 28 ff');
  assert.equal(garbage.embedded?.unrecognized, true);
});
