import { test } from 'node:test';
import assert from 'node:assert/strict';
import { golden, Harness } from './driver.js';

const isRetx = (e: { type: string; retransmission?: boolean }): boolean =>
  (e.type === 'sendRequest' || e.type === 'sendResponse') && e.retransmission === true;

test('an INVITE client over UDP retransmits on Timer A doubling from T1 and times out on Timer B at 64*T1', () => {
  const h = new Harness('ict', false);
  h.fire({ type: 'TU_REQUEST' });
  h.advance(40000);
  assert.deepEqual(h.timesOf(isRetx), [500, 1500, 3500, 7500, 15500, 31500]);
  assert.equal(h.state.name, 'Terminated');
  assert.ok(h.timesOf((e) => e.type === 'timeout').includes(32000));
  const [a, e] = golden('ict-timer-b', h.transcript());
  assert.equal(a, e);
});

test('an INVITE client stops retransmitting on a 1xx, ACKs a 486 and absorbs its retransmission for Timer D', () => {
  const h = new Harness('ict', false);
  h.fire({ type: 'TU_REQUEST' });
  h.advance(700);
  h.fire({ type: 'RX_RESPONSE', status: 180, response: 180 });
  h.advance(5000);
  assert.deepEqual(h.timesOf(isRetx), [500]);
  h.fire({ type: 'RX_RESPONSE', status: 486, response: 486 });
  h.advance(100);
  h.fire({ type: 'RX_RESPONSE', status: 486, response: 486 });
  assert.equal(h.timesOf((e) => e.type === 'sendAck').length, 2);
  assert.equal(h.timesOf((e) => e.type === 'deliverResponse').length, 2, 'the retransmitted 486 is not delivered');
  assert.equal(h.state.name, 'Completed');
  h.advance(32000);
  assert.equal(h.state.name, 'Terminated');
  const [a, e] = golden('ict-486', h.transcript());
  assert.equal(a, e);
});

test('an INVITE client enters Accepted on 2xx, passes further 2xx to the TU without ACKing and ends on Timer M', () => {
  const h = new Harness('ict', true);
  h.fire({ type: 'TU_REQUEST' });
  h.fire({ type: 'RX_RESPONSE', status: 200, response: 200 });
  h.fire({ type: 'RX_RESPONSE', status: 200, response: 200 });
  assert.equal(h.state.name, 'Accepted');
  assert.equal(h.timesOf((e) => e.type === 'sendAck').length, 0);
  assert.equal(h.timesOf((e) => e.type === 'deliverResponse').length, 2);
  h.advance(31999);
  assert.equal(h.state.name, 'Accepted');
  h.advance(1);
  assert.equal(h.state.name, 'Terminated');
  const [a, e] = golden('ict-2xx-accepted', h.transcript());
  assert.equal(a, e);
});

test('an INVITE client over TCP never retransmits and terminates at once after a non-2xx (Timer D zero)', () => {
  const h = new Harness('ict', true);
  h.fire({ type: 'TU_REQUEST' });
  h.advance(20000);
  assert.deepEqual(h.timesOf(isRetx), []);
  h.fire({ type: 'RX_RESPONSE', status: 404, response: 404 });
  assert.equal(h.state.name, 'Terminated');
});

test('a non-INVITE client doubles Timer E up to T2, stays at T2 in Proceeding, and times out on Timer F', () => {
  const h = new Harness('nict', false);
  h.fire({ type: 'TU_REQUEST' });
  h.advance(8000);
  // 500, +1000, +2000, +4000 (capped at T2)
  assert.deepEqual(h.timesOf(isRetx), [500, 1500, 3500, 7500]);
  h.fire({ type: 'RX_RESPONSE', status: 100, response: 100 });
  h.advance(30000);
  assert.equal(h.state.name, 'Terminated');
  assert.deepEqual(
    h.timesOf((e) => e.type === 'timeout'),
    [32000],
  );
  const [a, e] = golden('nict-timer-f', h.transcript());
  assert.equal(a, e);
});

test('a non-INVITE client absorbs retransmitted finals in Completed and ends on Timer K = T4', () => {
  const h = new Harness('nict', false);
  h.fire({ type: 'TU_REQUEST' });
  h.fire({ type: 'RX_RESPONSE', status: 200, response: 200 });
  h.fire({ type: 'RX_RESPONSE', status: 200, response: 200 });
  assert.equal(h.timesOf((e) => e.type === 'deliverResponse').length, 1);
  h.advance(4999);
  assert.equal(h.state.name, 'Completed');
  h.advance(1);
  assert.equal(h.state.name, 'Terminated');
});

test('an INVITE server retransmits a 486 on Timer G capped at T2 until the ACK, then absorbs ACKs for Timer I', () => {
  const h = new Harness('ist', false);
  h.fire({ type: 'RX_REQUEST' });
  h.fire({ type: 'TU_RESPONSE', status: 100, response: 100 });
  h.fire({ type: 'RX_REQUEST_RETRANSMISSION' });
  h.fire({ type: 'TU_RESPONSE', status: 486, response: 486 });
  h.advance(12000);
  assert.deepEqual(
    h.timesOf((e) => e.type === 'sendResponse' && e.retransmission && e.response === 486),
    [500, 1500, 3500, 7500, 11500],
  );
  h.fire({ type: 'RX_ACK' });
  h.fire({ type: 'RX_ACK' });
  assert.equal(h.state.name, 'Confirmed');
  h.advance(5000);
  assert.equal(h.state.name, 'Terminated');
  const [a, e] = golden('ist-486-ack', h.transcript());
  assert.equal(a, e);
});

test('an INVITE server without ACK informs the TU on Timer H at 64*T1', () => {
  const h = new Harness('ist', false, { T1: 100, T2: 400, T4: 500 });
  h.fire({ type: 'RX_REQUEST' });
  h.fire({ type: 'TU_RESPONSE', status: 503, response: 503 });
  h.advance(10000);
  assert.deepEqual(
    h.timesOf((e) => e.type === 'timeout'),
    [6400],
  );
  assert.equal(h.state.name, 'Terminated');
});

test('an INVITE server in Accepted absorbs INVITE retransmissions, passes 2xx retransmissions from the TU and ends on Timer L', () => {
  const h = new Harness('ist', false);
  h.fire({ type: 'RX_REQUEST' });
  h.fire({ type: 'TU_RESPONSE', status: 200, response: 200 });
  h.fire({ type: 'RX_REQUEST_RETRANSMISSION' });
  h.fire({ type: 'TU_RESPONSE', status: 200, response: 200 });
  h.fire({ type: 'RX_ACK' });
  assert.equal(h.timesOf((e) => e.type === 'deliverRequest').length, 1);
  assert.equal(h.timesOf((e) => e.type === 'sendResponse').length, 2);
  assert.equal(h.timesOf((e) => e.type === 'deliverAck').length, 1);
  h.advance(32000);
  assert.equal(h.state.name, 'Terminated');
  const [a, e] = golden('ist-2xx-accepted', h.transcript());
  assert.equal(a, e);
});

test('a non-INVITE server discards retransmissions in Trying, resends the last response later, and ends on Timer J', () => {
  const h = new Harness('nist', false);
  h.fire({ type: 'RX_REQUEST' });
  h.fire({ type: 'RX_REQUEST_RETRANSMISSION' });
  assert.equal(h.timesOf((e) => e.type === 'sendResponse').length, 0);
  h.fire({ type: 'TU_RESPONSE', status: 200, response: 200 });
  h.fire({ type: 'RX_REQUEST_RETRANSMISSION' });
  h.fire({ type: 'TU_RESPONSE', status: 500, response: 500 });
  assert.deepEqual(
    h.effects
      .filter((x) => x.effect.type === 'sendResponse')
      .map((x) => (x.effect.type === 'sendResponse' ? x.effect.response : 0)),
    [200, 200],
  );
  h.advance(32000);
  assert.equal(h.state.name, 'Terminated');
  const [a, e] = golden('nist-200', h.transcript());
  assert.equal(a, e);
});

test('a transport error in Calling informs the TU and terminates the INVITE client transaction', () => {
  const h = new Harness('ict', false);
  h.fire({ type: 'TU_REQUEST' });
  h.fire({ type: 'TRANSPORT_ERROR' });
  assert.equal(h.state.name, 'Terminated');
  assert.equal(h.timesOf((e) => e.type === 'transportError').length, 1);
  assert.equal(h.clock.pending, 0);
});

test('an event a state does not permit is reported, not silently dropped', () => {
  const h = new Harness('nist', false);
  h.fire({ type: 'RX_ACK' });
  assert.equal(h.state.name, 'Init');
  assert.equal(h.timesOf((e) => e.type === 'notPermitted').length, 1);
});
