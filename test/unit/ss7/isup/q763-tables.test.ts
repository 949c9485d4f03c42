// Pins the message table and parameter registry entries checked against Q.763 (12/1999) and two
// independent public transcriptions of its tables (docs/isup-codec.md "Verification against Q.763"):
// the entries corrected then (ANM, FAR, circuit assignment map) and the values checked (Table 4 codes,
// Table 5 codes 0x42 and 0x82, mandatory parts and the fixed lengths of mandatory fixed parameters).
import assert from 'node:assert/strict';
import test from 'node:test';
import { decodeIsup, ituProfile, P, unexpectedParameters, type IsupMessage } from '../../../../src/ss7/isup/index.js';

const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

function decoded(h: string): IsupMessage {
  const d = decodeIsup(hex(h));
  assert.ok(d.ok, JSON.stringify(d.ok || d.error));
  return d.value;
}

function format(acronym: string) {
  const f = [...ituProfile.messages.values()].find((m) => m.acronym === acronym);
  assert.ok(f, acronym);
  return f;
}

test('the answer message lists the optional parameters of Q.763 Table 22 in its order, without HTR information', () => {
  // Q.763 (12/1999) Table 22 (answer message). It was CON's list plus two; HTR information is a
  // CON/ACM/REL parameter (Tables 21, 27, 33), not an ANM one.
  assert.deepEqual(format('ANM').optional, [
    P.backwardCallIndicators, P.optionalBackwardCallIndicators, P.callReference, P.userToUserIndicators,
    P.userToUserInformation, P.connectedNumber, P.accessTransport, P.accessDeliveryInformation,
    P.genericNotificationIndicator, P.parameterCompatibilityInformation, P.backwardGvns, P.callHistoryInformation,
    P.genericNumber, P.transmissionMediumUsed, P.networkSpecificFacility, P.remoteOperations, P.redirectionNumber,
    P.serviceActivation, P.echoControlInformation, P.redirectionNumberRestriction, P.displayInformation,
    P.conferenceTreatmentIndicators, P.applicationTransport, P.pivotRoutingBackwardInformation, P.redirectStatus,
  ]);
  for (const acronym of ['ACM', 'CON', 'REL']) assert.ok(format(acronym).optional?.includes(P.htrInformation), acronym);
  // ANM carrying HTR information (0x82, 3 octets) and a connected number: only HTR is unexpected.
  const anm = decoded('05 00 09 01 82 03 03 10 21 21 04 03 13 21 43 00');
  assert.deepEqual(unexpectedParameters(anm), [P.htrInformation]);
});

test('the facility request lists user-to-user indicators first, as Q.763 Table 42 gives for FAR and FAA', () => {
  // Q.763 (12/1999) Table 42 (facility accepted, facility request): the same optional parameters.
  const expected = [P.userToUserIndicators, P.callReference, P.connectionRequest, P.parameterCompatibilityInformation];
  assert.deepEqual(format('FAR').optional, expected);
  assert.deepEqual(format('FAA').optional, expected);
  // FAR, facility indicator 0x02, user-to-user indicators 0x81.
  assert.deepEqual(unexpectedParameters(decoded('05 00 1f 02 01 2a 01 81 00')), []);
});

test('Table 5 codes: HTR information is 0x82 (§3.89), generic reference (reserved) 0x42, circuit assignment map §3.69', () => {
  assert.equal(P.htrInformation, 0x82);
  assert.equal(ituProfile.parameters.get(0x82)?.ref, '3.89');
  assert.equal(P.genericReference, 0x42);
  assert.equal(ituProfile.parameters.get(0x42)?.name, 'Generic reference (reserved)');
  assert.equal(ituProfile.parameters.get(P.circuitAssignmentMap)?.ref, '3.69');
});

test('mandatory fixed parameters come in Q.763 order with their fixed lengths', () => {
  // [message, [parameter code, length in octets]...] from the message tables (Tables 21-53) and the
  // parameter sections (§3.5, 3.11, 3.13, 3.18, 3.21, 3.22, 3.23, 3.28, 3.29, 3.35, 3.52, 3.54).
  const fixed: [string, [number, number][]][] = [
    ['IAM', [[0x06, 1], [0x07, 2], [0x09, 1], [0x02, 1]]],
    ['ACM', [[0x11, 2]]],
    ['CON', [[0x11, 2]]],
    ['CPG', [[0x24, 1]]],
    ['COT', [[0x10, 1]]],
    ['INR', [[0x0e, 2]]],
    ['INF', [[0x0f, 2]]],
    ['SUS', [[0x22, 1]]],
    ['RES', [[0x22, 1]]],
    ['FAR', [[0x18, 1]]],
    ['FAA', [[0x18, 1]]],
    ['FRJ', [[0x18, 1]]],
    ['CGB', [[0x15, 1]]],
    ['CGU', [[0x15, 1]]],
    ['CGBA', [[0x15, 1]]],
    ['CGUA', [[0x15, 1]]],
  ];
  for (const [acronym, params] of fixed) {
    assert.deepEqual(format(acronym).fixed, params.map(([c]) => c), acronym);
    for (const [code, length] of params) assert.equal(ituProfile.parameters.get(code)?.fixedLength, length, `${acronym} 0x${code.toString(16)}`);
  }
  const withFixed = new Set(fixed.map(([a]) => a));
  for (const f of ituProfile.messages.values()) if (!withFixed.has(f.acronym)) assert.deepEqual(f.fixed, [], f.acronym);
});

test('mandatory variable parameters and the presence of an optional part follow the Q.763 message tables', () => {
  const variable: Record<string, number[]> = {
    IAM: [P.calledPartyNumber],
    SAM: [P.subsequentNumber],
    REL: [P.causeIndicators],
    FRJ: [P.causeIndicators],
    CFN: [P.causeIndicators],
    USR: [P.userToUserInformation],
    GRS: [P.rangeAndStatus],
    GRA: [P.rangeAndStatus],
    CQM: [P.rangeAndStatus],
    CQR: [P.rangeAndStatus, P.circuitStateIndicator],
    CGB: [P.rangeAndStatus],
    CGU: [P.rangeAndStatus],
    CGBA: [P.rangeAndStatus],
    CGUA: [P.rangeAndStatus],
  };
  for (const f of ituProfile.messages.values()) assert.deepEqual(f.variable, variable[f.acronym] ?? [], f.acronym);
  // No optional part (no pointer) in these; SAM and CFN have one with no parameter listed.
  const noOptional = ['COT', 'CCR', 'RSC', 'BLO', 'UBL', 'BLA', 'UBA', 'GRS', 'CGB', 'CGU', 'CGBA', 'CGUA', 'LPA', 'GRA', 'CQM', 'CQR', 'UCIC', 'OLM'];
  for (const acronym of noOptional) assert.equal(format(acronym).optional, null, acronym);
  assert.deepEqual(format('SAM').optional, []);
  assert.deepEqual(format('CFN').optional, []);
});
