import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage, parseUri, createResponse } from '../../../../src/sip/message/index.js';
import type { SipRequest } from '../../../../src/sip/message/types.js';
import { destinationForUri, responseDestination, stampReceived } from '../../../../src/sip/transport/route.js';
import type { Flow } from '../../../../src/sip/transport/types.js';

function req(via: string): SipRequest {
  const r = parseMessage(
    Buffer.from(
      `OPTIONS sip:a@b SIP/2.0\r\nVia: ${via}\r\nFrom: <sip:x@y>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: r\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`,
    ),
  );
  if (!r.ok || r.message.type !== 'request') throw new Error('parse');
  return r.message;
}

const FLOW: Flow = {
  transport: 'udp',
  localAddress: '127.0.0.1',
  localPort: 5060,
  remoteAddress: '192.0.2.9',
  remotePort: 40123,
};

test('received is added when sent-by differs from the source, and a response goes to received at the sent-by port (§18.2.1, §18.2.2)', () => {
  const r = req('SIP/2.0/UDP pbx.example.com:5070;branch=z9hG4bK1');
  stampReceived(r, FLOW);
  assert.equal(r.via[0]?.received, '192.0.2.9');
  assert.deepEqual(responseDestination(createResponse(r, 200), FLOW), {
    transport: 'udp',
    address: '192.0.2.9',
    port: 5070,
  });
  const noPort = req('SIP/2.0/UDP pbx.example.com;branch=z9hG4bK1');
  stampReceived(noPort, FLOW);
  assert.equal(responseDestination(createResponse(noPort, 200), FLOW).port, 5060);
});

test('rport without a value is filled with the source port and the response goes there (RFC 3581 §4)', () => {
  const r = req('SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;rport');
  stampReceived(r, FLOW);
  assert.equal(r.via[0]?.rport, 40123);
  assert.equal(r.via[0]?.received, '192.0.2.9');
  assert.deepEqual(responseDestination(createResponse(r, 200), FLOW), {
    transport: 'udp',
    address: '192.0.2.9',
    port: 40123,
  });
});

test('no received is added when sent-by is the source address', () => {
  const r = req('SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK1');
  stampReceived(r, FLOW);
  assert.equal(r.via[0]?.received, undefined);
});

test('next hops: sips goes to TLS 5061, ;transport=tcp to TCP, plain to UDP 5060, host names are not resolved', () => {
  const d = (s: string) => {
    const u = parseUri(s);
    assert.ok(u.ok);
    return destinationForUri(u.value);
  };
  assert.deepEqual(d('sips:a@192.0.2.1'), { transport: 'tls', address: '192.0.2.1', port: 5061 });
  assert.deepEqual(d('sip:a@192.0.2.1:5080;transport=tcp'), { transport: 'tcp', address: '192.0.2.1', port: 5080 });
  assert.deepEqual(d('sip:a@[2001:db8::1]'), { transport: 'udp', address: '2001:db8::1', port: 5060 });
  assert.equal(d('sip:a@example.com'), undefined);
  assert.equal(d('tel:+4930123'), undefined);
});
