import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage, serializeMessage } from '../../../../src/sip/message/index.js';
import type { SipRequest, SipResponse } from '../../../../src/sip/message/types.js';
import {
  checkRemoteCSeq,
  createInDialogRequest,
  createUacDialog,
  createUasDialog,
  keyOf,
  keyOfIncomingRequest,
} from '../../../../src/sip/dialog/dialog.js';
import { cancelTargetKey, clientKeyOfResponse, serverKey } from '../../../../src/sip/transaction/matching.js';

function parse<T>(text: string): T {
  const r = parseMessage(Buffer.from(text.replace(/\n/g, '\r\n')));
  if (!r.ok) throw new Error(r.error.reason);
  return r.message as T;
}

const INVITE = `INVITE sip:bob@192.0.2.5 SIP/2.0
Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKinv1
Record-Route: <sip:p1.example.net;lr>
Record-Route: <sip:p2.example.net;lr>
From: <sip:alice@example.net>;tag=a1
To: <sip:bob@example.com>
Call-ID: dlg-1
CSeq: 10 INVITE
Contact: <sip:alice@192.0.2.1:5060>
Max-Forwards: 70
Content-Length: 0

`;

const OK = `SIP/2.0 200 OK
Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKinv1
Record-Route: <sip:p1.example.net;lr>
Record-Route: <sip:p2.example.net;lr>
From: <sip:alice@example.net>;tag=a1
To: <sip:bob@example.com>;tag=b1
Call-ID: dlg-1
CSeq: 10 INVITE
Contact: <sip:bob@192.0.2.5:5070>
Content-Length: 0

`;

test('a UAS dialog keeps the Record-Route order and a UAC dialog reverses it (§12.1.1, §12.1.2)', () => {
  const req = parse<SipRequest>(INVITE);
  const res = parse<SipResponse>(OK);
  const uas = createUasDialog(req, 'b1', false);
  assert.deepEqual(uas.routeSet, ['<sip:p1.example.net;lr>', '<sip:p2.example.net;lr>']);
  assert.equal(uas.remoteSeq, 10);
  assert.equal(uas.localSeq, undefined);
  const uac = createUacDialog(req, res);
  assert.deepEqual(uac.routeSet, ['<sip:p2.example.net;lr>', '<sip:p1.example.net;lr>']);
  assert.equal(uac.remoteTarget.kind === 'sip' && uac.remoteTarget.port, 5070);
  assert.equal(keyOf(uac), 'dlg-1|a1|b1');
});

test('requests in a dialog carry Route headers, the remote target as Request-URI and increasing CSeq; ACK reuses the INVITE CSeq', () => {
  const uac = createUacDialog(parse<SipRequest>(INVITE), parse<SipResponse>(OK));
  const bye = createInDialogRequest(uac, 'BYE');
  const text = serializeMessage(bye).toString();
  assert.match(text, /^BYE sip:bob@192\.0\.2\.5:5070 SIP\/2\.0\r\n/);
  assert.match(text, /\r\nRoute: <sip:p2\.example\.net;lr>\r\nRoute: <sip:p1\.example\.net;lr>\r\n/);
  assert.match(text, /\r\nFrom: <sip:alice@example\.net>;tag=a1\r\n/);
  assert.match(text, /\r\nTo: <sip:bob@example\.com>;tag=b1\r\n/);
  assert.equal(bye.cseq.seq, 11);
  assert.equal(createInDialogRequest(uac, 'UPDATE').cseq.seq, 12);
  assert.equal(createInDialogRequest(uac, 'ACK', { cseq: 10 }).cseq.seq, 10);
});

test('remote CSeq: lower is out of order, higher advances, ACK and CANCEL are not checked (§12.2.2)', () => {
  const req = parse<SipRequest>(INVITE);
  const d = createUasDialog(req, 'b1', false);
  const at = (seq: number, method: string): SipRequest => ({ ...req, method, cseq: { seq, method } });
  assert.equal(checkRemoteCSeq(d, at(11, 'BYE')), 'ok');
  assert.equal(d.remoteSeq, 11);
  assert.equal(checkRemoteCSeq(d, at(9, 'UPDATE')), 'out-of-order');
  assert.equal(checkRemoteCSeq(d, at(1, 'ACK')), 'ok');
  assert.equal(keyOfIncomingRequest({ ...req, to: { ...req.to, tag: 'b1' } }), 'dlg-1|b1|a1');
});

test('transaction keys: ACK matches its INVITE, CANCEL finds the INVITE, responses match by branch and CSeq method, RFC 2543 falls back', () => {
  const inv = parse<SipRequest>(INVITE);
  const ack: SipRequest = { ...inv, method: 'ACK', cseq: { seq: 10, method: 'ACK' } };
  const cancel: SipRequest = { ...inv, method: 'CANCEL', cseq: { seq: 10, method: 'CANCEL' } };
  assert.equal(serverKey(ack), serverKey(inv));
  assert.notEqual(serverKey(cancel), serverKey(inv));
  assert.equal(cancelTargetKey(cancel), serverKey(inv));
  assert.equal(clientKeyOfResponse(parse<SipResponse>(OK)), 'z9hG4bKinv1|INVITE');
  const old = parse<SipRequest>(INVITE.replace('branch=z9hG4bKinv1', 'branch=oldstyle'));
  assert.match(serverKey(old) ?? '', /^2543\|/);
  const oldAck: SipRequest = { ...old, method: 'ACK', cseq: { seq: 10, method: 'ACK' }, to: { ...old.to, tag: 'b1' } };
  assert.equal(serverKey(oldAck), serverKey(old), 'an RFC 2543 ACK matches its INVITE');
});
