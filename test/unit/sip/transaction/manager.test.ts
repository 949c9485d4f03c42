// The transaction manager with a fake clock and a recording transport: the ACK it builds for a non-2xx
// (§17.1.1.3), 100 Trying only when the TU does not answer at once (§17.2.1), timeouts to the TU.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nullLogger } from '../../../../src/log/logger.js';
import { parseMessage, serializeMessage, createResponse } from '../../../../src/sip/message/index.js';
import type { SipRequest, SipResponse } from '../../../../src/sip/message/types.js';
import { FakeClock } from '../../../../src/sip/transaction/clock.js';
import { TransactionManager, type ServerTransaction } from '../../../../src/sip/transaction/manager.js';
import type { Flow, SipTransportApi } from '../../../../src/sip/transport/types.js';

function parse<T>(text: string): T {
  const r = parseMessage(Buffer.from(text.replace(/\n/g, '\r\n')));
  if (!r.ok) throw new Error(r.error.reason);
  return r.message as T;
}

const INVITE = `INVITE sip:bob@192.0.2.5 SIP/2.0
Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKm1
Route: <sip:proxy.example.net;lr>
From: <sip:alice@example.net>;tag=a1
To: <sip:bob@example.com>
Call-ID: mgr-1
CSeq: 7 INVITE
Max-Forwards: 70
Content-Length: 0

`;

const FLOW: Flow = {
  transport: 'udp',
  localAddress: '127.0.0.1',
  localPort: 5060,
  remoteAddress: '192.0.2.1',
  remotePort: 5060,
};

function recorder(): { api: SipTransportApi; sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    api: {
      sendRequest: (req) => sent.push(serializeMessage(req).toString()),
      sendResponse: (res) => sent.push(serializeMessage(res).toString()),
    },
  };
}

test('the ACK for a 486 has the INVITE Request-URI, its single top Via, the response To, CSeq ACK and the Route', () => {
  const clock = new FakeClock();
  const t = recorder();
  const mgr = new TransactionManager({
    transport: t.api,
    tu: { onRequest: () => undefined, onAck: () => undefined, onStrayResponse: () => undefined },
    clock,
    log: nullLogger(),
  });
  const inv = parse<SipRequest>(INVITE);
  const got: number[] = [];
  mgr.sendRequest(
    inv,
    { transport: 'udp', address: '192.0.2.5', port: 5060 },
    { onResponse: (r) => got.push(r.status) },
  );
  const busy = parse<SipResponse>(`SIP/2.0 486 Busy Here
Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKm1
From: <sip:alice@example.net>;tag=a1
To: <sip:bob@example.com>;tag=b9
Call-ID: mgr-1
CSeq: 7 INVITE
Content-Length: 0

`);
  mgr.receive(busy, FLOW);
  const ack = t.sent[1] ?? '';
  assert.match(ack, /^ACK sip:bob@192\.0\.2\.5 SIP\/2\.0\r\n/);
  assert.equal(ack.match(/\r\nVia: /g)?.length, 1);
  assert.match(ack, /branch=z9hG4bKm1/);
  assert.match(ack, /\r\nTo: <sip:bob@example\.com>;tag=b9\r\n/);
  assert.match(ack, /\r\nCSeq: 7 ACK\r\n/);
  assert.match(ack, /\r\nRoute: <sip:proxy\.example\.net;lr>\r\n/);
  assert.deepEqual(got, [486]);
  clock.advance(32000);
  assert.deepEqual(mgr.size, { clients: 0, servers: 0 });
});

test('an INVITE the TU answers at once gets no 100 Trying; one left pending gets 100 at once', () => {
  const clock = new FakeClock();
  const t = recorder();
  let answerNow = true;
  const pending: ServerTransaction[] = [];
  const mgr = new TransactionManager({
    transport: t.api,
    tu: {
      onRequest: (req, stx) => (answerNow ? stx.respond(createResponse(req, 486)) : pending.push(stx)),
      onAck: () => undefined,
      onStrayResponse: () => undefined,
    },
    clock,
    log: nullLogger(),
  });
  mgr.receive(parse<SipRequest>(INVITE), FLOW);
  assert.deepEqual(
    t.sent.map((m) => m.slice(0, 12)),
    ['SIP/2.0 486 '],
  );
  answerNow = false;
  mgr.receive(parse<SipRequest>(INVITE.replace('z9hG4bKm1', 'z9hG4bKm2').replace('mgr-1', 'mgr-2')), FLOW);
  assert.equal(t.sent[1]?.slice(0, 12), 'SIP/2.0 100 ');
  assert.equal(pending.length, 1);
});

test('a non-INVITE request nobody answers times out on Timer F and the TU hears it once', () => {
  const clock = new FakeClock();
  const t = recorder();
  const mgr = new TransactionManager({
    transport: t.api,
    tu: { onRequest: () => undefined, onAck: () => undefined, onStrayResponse: () => undefined },
    clock,
    log: nullLogger(),
    timers: { T1: 100, T2: 400, T4: 500 },
  });
  const opt = parse<SipRequest>(INVITE.replace(/INVITE/g, 'OPTIONS'));
  let timeouts = 0;
  mgr.sendRequest(
    opt,
    { transport: 'udp', address: '192.0.2.5', port: 5060 },
    { onResponse: () => undefined, onTimeout: () => timeouts++ },
  );
  clock.advance(6399);
  assert.equal(timeouts, 0);
  clock.advance(1);
  assert.equal(timeouts, 1);
  // 100, 200, 400, 400 ... retransmissions within 6.4 s: first + 1 + 1 + 16
  assert.equal(t.sent.length, 1 + Math.floor((6400 - 700) / 400) + 3);
  assert.equal(clock.pending, 0);
});
