import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CicMap, bearerTimeslots, defaultCicBase } from '../../../src/trunk/cic.js';

test('span 0 maps CIC 1..15 to TS1..15 and CIC 17..31 to TS17..31, TS16 carrying signalling', () => {
  const m = new CicMap(defaultCicBase(0), bearerTimeslots([16]));
  assert.equal(m.cicOf(1), 1);
  assert.equal(m.cicOf(15), 15);
  assert.equal(m.cicOf(16), undefined);
  assert.equal(m.cicOf(17), 17);
  assert.equal(m.timeslotOf(31), 31);
  assert.equal(m.timeslotOf(16), undefined);
  assert.equal(m.timeslotOf(0), undefined);
  assert.equal(m.cics().length, 30);
});

test('span n starts at 32 x n unless the span sets its own CIC base', () => {
  const m = new CicMap(defaultCicBase(2), bearerTimeslots([16]));
  assert.equal(m.cicOf(1), 65);
  assert.equal(m.timeslotOf(95), 31);
  assert.equal(m.timeslotOf(31), undefined);
  const own = new CicMap(1000, bearerTimeslots([1, 16]));
  assert.equal(own.cicOf(1), undefined);
  assert.equal(own.cicOf(2), 1002);
  assert.throws(() => new CicMap(4090, []), RangeError);
});
