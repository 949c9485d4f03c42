import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createErrorResponseForParseError,
  createRequest,
  createResponse,
  createVia,
  parseMessage,
  parseUri,
  serializeMessage,
  serializeUri,
  type SipMessage,
  type SipRequest,
} from '../../../../src/sip/message/index.js';

const crlf = (lines: string[], body = '') => Buffer.from(lines.join('\r\n') + '\r\n\r\n' + body);

const INVITE = [
  'INVITE sip:+15551234567@gw.example.com;user=phone SIP/2.0',
  'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK776asdhds;rport',
  'Max-Forwards: 70',
  'To: "Bob" <sip:bob@example.com>',
  'From: Alice <sip:alice@example.com>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33.example.com',
  'CSeq: 314159 INVITE',
  'Contact: <sip:alice@10.0.0.1>',
];

function ok(buf: Buffer): SipMessage {
  const r = parseMessage(buf);
  assert.ok(r.ok, r.ok ? '' : `${r.error.kind}: ${r.error.reason}`);
  return r.message;
}

test('a request with compact header forms reads as its long forms', () => {
  const m = ok(
    crlf([
      'OPTIONS sip:a@b.c SIP/2.0',
      'v: SIP/2.0/TCP h.example.com;branch=z9hG4bKx',
      'f: <sip:x@y>;tag=1',
      't: sip:a@b.c',
      'i: abc',
      'CSeq: 1 OPTIONS',
      'm: <sip:x@1.2.3.4>',
      'k: timer, 100rel',
      'x: 1800;refresher=uac',
      'o: presence',
      'u: talk',
      'r: <sip:c@d>',
      'b: <sip:e@f>',
      'l: 0',
    ]),
  );
  assert.equal(m.callId, 'abc');
  assert.equal(m.via[0]!.transport, 'TCP');
  assert.deepEqual(m.headers.getAll('supported'), ['timer', '100rel']);
  assert.equal(m.headers.get('Session-Expires'), '1800;refresher=uac');
  assert.equal(m.headers.get('event'), 'presence');
  assert.equal(m.headers.get('allow-events'), 'talk');
  assert.equal(m.headers.get('refer-to'), '<sip:c@d>');
  assert.equal(m.headers.get('referred-by'), '<sip:e@f>');
  assert.equal(m.headers.get('x'), '1800;refresher=uac', 'lookups accept compact names too');
  const out = serializeMessage(m).toString();
  assert.match(out, /\r\nSession-Expires: 1800;refresher=uac\r\n/);
  assert.match(out, /\r\nSupported: timer, 100rel\r\n/, 'a list header line is written as received');
});

test('header names are case-insensitive and the method is case-sensitive', () => {
  const m = ok(crlf(['invite sip:a@b SIP/2.0', 'VIA: SIP/2.0/UDP h;branch=z9hG4bK1', 'FROM: <sip:x@y>;TAG=1', 'to: <sip:a@b>', 'CALL-id: c', 'cseq: 1 invite']));
  assert.ok(m.type === 'request');
  assert.equal(m.method, 'invite');
  assert.equal(m.from.tag, '1', 'parameter names are case-insensitive');
  const mismatch = parseMessage(crlf(['invite sip:a@b SIP/2.0', 'Via: SIP/2.0/UDP h', 'From: <sip:x@y>', 'To: <sip:a@b>', 'Call-ID: c', 'CSeq: 1 INVITE']));
  assert.ok(!mismatch.ok, 'CSeq method INVITE differs from method invite');
});

test('commas inside quoted strings and angle brackets do not split list headers; auth headers are never split', () => {
  const m = ok(
    crlf([
      ...INVITE,
      'Route: <sip:p1.example.com;lr>, "a, b" <sip:p2.example.com;lr>',
      'Authorization: Digest username="a", realm="b", nonce="c"',
      'WWW-Authenticate: Digest realm="x", nonce="y"',
      'Date: Sat, 13 Nov 2010 23:29:00 GMT',
      'Contact: "x, y" <sip:c@d>, <sip:e@f>',
    ]),
  );
  assert.equal(m.headers.getAll('route').length, 2);
  assert.equal(m.headers.getAll('route')[1], '"a, b" <sip:p2.example.com;lr>');
  assert.equal(m.headers.getAll('authorization').length, 1);
  assert.equal(m.headers.getAll('www-authenticate').length, 1);
  assert.equal(m.headers.getAll('date').length, 1);
  assert.ok(m.contact && !m.contact.star);
  assert.equal(m.contact.values.length, 3);
  assert.equal(m.contact.values[1]!.displayName, 'x, y');
});

test('line folding joins continuation lines with their whitespace', () => {
  const m = ok(crlf([...INVITE, 'Subject: hello', '\tworld', 'X-Long: a,', '  b']));
  assert.equal(m.headers.get('subject'), 'hello\tworld');
  assert.equal(m.headers.get('x-long'), 'a,  b', 'an unknown header is not split on commas');
});

test('Contact "*" is its own form and cannot be combined', () => {
  const base = ['REGISTER sip:r SIP/2.0', 'Via: SIP/2.0/UDP h;branch=z9hG4bK1', 'From: <sip:x@y>;tag=1', 'To: <sip:x@y>', 'Call-ID: c', 'CSeq: 1 REGISTER', 'Expires: 0'];
  const m = ok(crlf([...base, 'Contact: *']));
  assert.deepEqual(m.contact, { star: true });
  assert.match(serializeMessage(m).toString(), /\r\nContact: \*\r\n/);
  const bad = parseMessage(crlf([...base, 'Contact: *', 'Contact: <sip:a@b>']));
  assert.ok(!bad.ok && bad.error.header === 'Contact');
});

test('sip, sips and tel URIs with parameters, headers and escapes parse and serialize', () => {
  const u = parseUri('sips:alice:secret@[2001:db8::1]:5061;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent');
  assert.ok(u.ok && u.value.kind === 'sip');
  assert.equal(u.value.scheme, 'sips');
  assert.equal(u.value.user, 'alice');
  assert.equal(u.value.password, 'secret');
  assert.equal(u.value.host, '[2001:db8::1]');
  assert.equal(u.value.port, 5061);
  assert.deepEqual([...u.value.params], [['transport', 'tcp'], ['lr', null], ['maddr', '239.255.255.1']]);
  assert.deepEqual(u.value.headers, [['subject', 'project x'], ['priority', 'urgent']]);
  assert.equal(serializeUri(u.value), 'sips:alice:secret@[2001:db8::1]:5061;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent');
  const t = parseUri('tel:+1-201-555-0123;phone-context=example.com;ext=22');
  assert.ok(t.ok && t.value.kind === 'tel');
  assert.equal(t.value.number, '+12015550123');
  assert.equal(t.value.global, true);
  assert.equal(t.value.params.get('ext'), '22');
  assert.ok(parseUri('tel:7042;phone-context=example.com').ok);
  assert.ok(!parseUri('tel:+12a4').ok);
  const e = parseUri('sip:%61lice@example.com');
  assert.ok(e.ok && e.value.kind === 'sip' && e.value.user === 'alice');
  assert.ok(!parseUri('sip:user@2001:db8::1').ok, 'IPv6 needs brackets');
  assert.ok(!parseUri('sip:a@b:99999').ok, 'port range');
  assert.ok(!parseUri('sip:a@b;=x').ok);
  assert.ok(parseUri('urn:service:sos').ok);
  assert.ok(!parseUri('<sip:a@b>').ok);
});

test('Via carries branch, received and rport (RFC 3581) as typed fields', () => {
  const m = ok(crlf([...INVITE.slice(0, 1), 'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa;received=192.0.2.4;rport=5070;ttl=3', ...INVITE.slice(2)]));
  const v = m.via[0]!;
  assert.equal(v.branch, 'z9hG4bKa');
  assert.equal(v.received, '192.0.2.4');
  assert.equal(v.rport, 5070);
  assert.equal(v.params.get('ttl'), '3');
  assert.equal(v.port, 5060);
  const r = ok(crlf(INVITE)).via[0]!;
  assert.equal(r.rport, null, 'rport without a value');
  assert.ok(!parseMessage(crlf([INVITE[0]!, 'Via: SIP/2.0/UDP h;rport=abc', ...INVITE.slice(2)])).ok);
});

test('scalar limits: CSeq within 2^32-1, Max-Forwards within 255, Content-Length non-negative', () => {
  const withHdr = (name: string, value: string) => crlf([...INVITE.filter((l) => !l.startsWith(name + ':')), `${name}: ${value}`]);
  assert.ok(parseMessage(withHdr('CSeq', '4294967295 INVITE')).ok);
  assert.ok(!parseMessage(withHdr('CSeq', '4294967296 INVITE')).ok);
  assert.ok(parseMessage(withHdr('Max-Forwards', '255')).ok);
  assert.ok(!parseMessage(withHdr('Max-Forwards', '256')).ok);
  const cl = parseMessage(withHdr('Content-Length', '-1'));
  assert.ok(!cl.ok && cl.error.kind === 'bad-content-length');
});

test('a datagram without Content-Length takes the rest as body; with it, extra octets are ignored', () => {
  const noCl = ok(crlf(INVITE, 'v=0\r\n'));
  assert.equal(noCl.body.toString(), 'v=0\r\n');
  const r = parseMessage(crlf([...INVITE, 'Content-Length: 3'], 'abcdef'));
  assert.ok(r.ok);
  assert.equal(r.message.body.toString(), 'abc');
  const s = parseMessage(crlf(INVITE), { mode: 'stream' });
  assert.ok(!s.ok && s.error.header === 'Content-Length');
  const big = parseMessage(Buffer.alloc(70000, 65));
  assert.ok(!big.ok && big.error.status === 513);
});

test('responses parse, including reason phrases with spaces and an empty one', () => {
  const m = ok(crlf(['SIP/2.0 183 Session Progress now', ...INVITE.slice(1)]));
  assert.ok(m.type === 'response');
  assert.equal(m.status, 183);
  assert.equal(m.reason, 'Session Progress now');
  assert.ok(!parseMessage(crlf(['SIP/2.0 99 x', ...INVITE.slice(1)])).ok);
  assert.ok(!parseMessage(crlf(['SIP/2.0 700 x', ...INVITE.slice(1)])).ok);
  const v = parseMessage(crlf(['SIP/3.0 200 OK', ...INVITE.slice(1)]));
  assert.ok(!v.ok && v.error.isRequest === false);
});

test('createResponse copies Via, From, To, Call-ID and CSeq and adds a To tag (§8.2.6.2)', () => {
  const req = ok(crlf([...INVITE, 'Timestamp: 54', 'Record-Route: <sip:p1;lr>'])) as SipRequest;
  const trying = createResponse(req, 100);
  assert.equal(trying.to.tag, undefined, '100 Trying carries no To tag');
  assert.equal(trying.headers.get('timestamp'), '54');
  const ringing = createResponse(req, 180, undefined, { toTag: 'abc', copyRecordRoute: true });
  assert.equal(ringing.reason, 'Ringing');
  assert.equal(ringing.to.tag, 'abc');
  assert.deepEqual(ringing.via, req.via);
  assert.deepEqual(ringing.cseq, req.cseq);
  assert.equal(ringing.callId, req.callId);
  assert.equal(ringing.headers.get('record-route'), '<sip:p1;lr>');
  ringing.via[0]!.branch = 'changed';
  assert.equal(req.via[0]!.branch, 'z9hG4bK776asdhds', 'the request is not aliased');
  const wire = serializeMessage(createResponse(req, 486, 'Busy Here', { headers: [['Reason', 'Q.850;cause=17']] }));
  const back = ok(wire);
  assert.ok(back.type === 'response' && back.status === 486);
  assert.equal(back.headers.get('reason'), 'Q.850;cause=17');
  assert.ok(back.to.tag && back.to.tag.length >= 8);
});

test('createRequest builds a request that serializes with Max-Forwards 70 and a computed Content-Length', () => {
  const uri = parseUri('sip:bob@example.com');
  assert.ok(uri.ok);
  const req = createRequest({
    method: 'INVITE',
    uri: uri.value,
    from: { displayName: 'Alice', uri: uri.value, params: new Map(), tag: 'a1' },
    to: { displayName: undefined, uri: uri.value, params: new Map(), tag: undefined },
    callId: 'cid@h',
    cseq: { seq: 1, method: 'INVITE' },
    via: [createVia('udp', '127.0.0.1', 5060)],
    body: Buffer.from('v=0\r\n'),
    contentType: 'application/sdp',
  });
  const wire = serializeMessage(req).toString();
  assert.match(wire, /^INVITE sip:bob@example.com SIP\/2.0\r\nVia: SIP\/2.0\/UDP 127.0.0.1:5060;branch=z9hG4bK[0-9a-f]{24};rport\r\n/);
  assert.match(wire, /\r\nMax-Forwards: 70\r\n/);
  assert.match(wire, /\r\nContent-Length: 5\r\n\r\nv=0\r\n$/);
  const back = ok(Buffer.from(wire));
  assert.equal(back.from.displayName, 'Alice');
});

test('an error response for an unparsable request copies what it can; none is built for a bad response', () => {
  const r = parseMessage(crlf([INVITE[0]!, ...INVITE.slice(1), 'CSeq: 2 INVITE']));
  assert.ok(!r.ok);
  const resp = createErrorResponseForParseError(r.error);
  assert.ok(resp);
  const m = ok(resp);
  assert.ok(m.type === 'response' && m.status === 400);
  assert.equal(m.callId, 'a84b4c76e66710@pc33.example.com');
  const v = parseMessage(crlf(['INVITE sip:a@b SIP/3.0', ...INVITE.slice(1)]));
  assert.ok(!v.ok && v.error.status === 505);
  assert.match(createErrorResponseForParseError(v.error)!.toString(), /^SIP\/2.0 505 Version Not Supported\r\n/);
  const resp2 = parseMessage(crlf(['SIP/2.0 200 OK', 'Via: SIP/2.0/UDP h', 'CSeq: x']));
  assert.ok(!resp2.ok);
  assert.equal(createErrorResponseForParseError(resp2.error), undefined);
});

test('display names: quoted with escapes, tokens, and none; serialization quotes them', () => {
  const m = ok(crlf([...INVITE.filter((l) => !l.startsWith('From')), 'From: "A \\"B\\" \\\\C" <sip:x@y>;tag=9']));
  assert.equal(m.from.displayName, 'A "B" \\C');
  const again = ok(serializeMessage(m));
  assert.equal(again.from.displayName, 'A "B" \\C');
  const bad = parseMessage(crlf([...INVITE.filter((l) => !l.startsWith('From')), 'From: Bell, Alexander <sip:x@y>;tag=9']));
  assert.ok(!bad.ok && bad.error.header === 'From');
});

test('URI comparison follows RFC 3261 §19.1.4', async () => {
  const { uriEquals } = await import('../../../../src/sip/message/index.js');
  const u = (s: string) => {
    const r = parseUri(s);
    assert.ok(r.ok, s);
    return r.value;
  };
  const eq: Array<[string, string]> = [
    ['sip:%61lice@atlanta.com;transport=TCP', 'sip:alice@AtLanTa.CoM;Transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;newparam=5'],
    ['sip:carol@chicago.com;security=on', 'sip:carol@chicago.com;newparam=5'],
    ['sip:alice@atlanta.com?subject=project%20x&priority=urgent', 'sip:alice@atlanta.com?priority=urgent&subject=project%20x'],
    ['tel:+1-201-555-0123', 'tel:+12015550123'],
  ];
  const ne: Array<[string, string]> = [
    ['SIP:ALICE@AtLanTa.CoM;Transport=udp', 'sip:alice@AtLanTa.CoM;Transport=UDP'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:5060'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com;transport=udp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com?Subject=next%20meeting'],
    ['sip:bob@phone21.boxesbybob.com', 'sip:bob@192.0.2.4'],
    ['sip:a@b', 'sips:a@b'],
  ];
  for (const [a, b] of eq) assert.ok(uriEquals(u(a), u(b)) && uriEquals(u(b), u(a)), `${a} == ${b}`);
  for (const [a, b] of ne) assert.ok(!uriEquals(u(a), u(b)), `${a} != ${b}`);
});

test('a raw copy of a typed header in headers is never serialized twice', () => {
  const m = ok(crlf(INVITE));
  m.headers.append('Via', 'SIP/2.0/UDP stray;branch=z9hG4bKx');
  m.headers.append('Content-Length', '99');
  const out = serializeMessage(m).toString();
  assert.equal(out.match(/\r\nVia: /g)?.length, 1);
  assert.equal(out.match(/\r\nContent-Length: /g)?.length, 1);
});

test('a bare CR or LF inside a header line is malformed; folding needs CRLF followed by whitespace', () => {
  const bareLf = parseMessage(Buffer.from(crlf(INVITE).toString().replace('Max-Forwards: 70', 'Max-Forwards: 70\nX-Evil: 1')));
  assert.ok(!bareLf.ok && bareLf.error.kind === 'bad-header');
  const bareCr = parseMessage(Buffer.from(crlf(INVITE).toString().replace('Max-Forwards: 70', 'Max-Forwards: 70\rX')));
  assert.ok(!bareCr.ok && bareCr.error.kind === 'bad-header');
  const inStart = parseMessage(Buffer.from(crlf(INVITE).toString().replace(' SIP/2.0\r\n', ' SIP/2.0\n\r\n')));
  assert.ok(!inStart.ok);
  const nameless = parseMessage(crlf([...INVITE, ': value']));
  assert.ok(!nameless.ok && nameless.error.kind === 'bad-header');
  const noColon = parseMessage(crlf([...INVITE, 'Foobar roobar']));
  assert.ok(!noColon.ok && noColon.error.kind === 'bad-header');
  const unknownCase = ok(crlf([...INVITE, 'x-MiXeD-CaSe: 1', 'P-ASSERTED-IDENTITY: <sip:a@b>']));
  assert.equal([...unknownCase.headers][0]!.name, 'x-MiXeD-CaSe', 'unknown names keep their spelling');
  assert.equal([...unknownCase.headers][1]!.name, 'P-Asserted-Identity', 'known names get their canonical spelling');
});

test('a datagram over the size limit is refused with 513 and can still be answered', () => {
  const big = crlf([...INVITE, 'Content-Type: text/plain', 'Content-Length: 2000'], 'a'.repeat(2000));
  const r = parseMessage(big, { maxSize: 1500 });
  assert.ok(!r.ok && r.error.kind === 'too-large' && r.error.status === 513);
  const resp = createErrorResponseForParseError(r.error);
  assert.ok(resp);
  assert.match(resp.toString(), /^SIP\/2.0 513 Message Too Large\r\n/);
  const hugeHead = parseMessage(crlf([...INVITE, `X-Pad: ${'a'.repeat(2000)}`]), { maxSize: 1500 });
  assert.ok(!hugeHead.ok && hugeHead.error.status === 513);
  assert.equal(createErrorResponseForParseError(hugeHead.error), undefined, 'nothing recoverable within the limit');
});

test('§8.2 checks: Content-Encoding gets 415 with Accept-Encoding; a short Session-Expires gets 422 with Min-SE', async () => {
  const { checkRequestSemantics } = await import('../../../../src/sip/message/index.js');
  const policy = { allowedMethods: ['INVITE', 'ACK', 'BYE'], supported: ['timer'], minSessionExpires: 300 };
  const body = 'v=0\r\n';
  const base = [...INVITE, 'Content-Type: application/sdp', `Content-Length: ${body.length}`];
  const gz = ok(crlf([...base, 'Content-Encoding: gzip'], body)) as SipRequest;
  const v1 = checkRequestSemantics(gz, policy);
  assert.ok(v1?.action === 'reject' && v1.status === 415);
  assert.deepEqual(v1.headers[0], ['Accept-Encoding', 'identity']);
  const short = ok(crlf([...base, 'Session-Expires: 120'], body)) as SipRequest;
  const v2 = checkRequestSemantics(short, policy);
  assert.ok(v2?.action === 'reject' && v2.status === 422);
  assert.deepEqual(v2.headers, [['Min-SE', '300']]);
  assert.equal(checkRequestSemantics(ok(crlf([...base, 'Session-Expires: 1800;refresher=uac'], body)) as SipRequest, policy), undefined);
  assert.equal(checkRequestSemantics(short, { ...policy, supported: [] }), undefined, 'no timer support: not checked');
});

test('common deployed forms parse: instance ids, mailto contacts, tel To, unquoted UTF-8 display names', () => {
  const m = ok(
    crlf([
      ...INVITE.filter((l) => !/^(To|From|Contact):/.test(l)),
      'To: <tel:+4930123456;phone-context=+49>',
      'From: Jürgen Müller <sip:+4940555000@pbx.example.com;user=phone>;tag=abc',
      'Contact: <sip:a@192.0.2.1:5060;transport=tcp>;+sip.instance="<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>";reg-id=1, "Mr. Watson" <mailto:watson@bell-telephone.com> ;q=0.1',
    ]),
  );
  assert.equal(m.to.uri.kind, 'tel');
  assert.equal(m.from.displayName, 'Jürgen Müller');
  assert.ok(m.contact && !m.contact.star);
  assert.equal(m.contact.values[0]!.params.get('+sip.instance'), '"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>"');
  assert.equal(m.contact.values[1]!.uri.kind, 'absolute');
  assert.equal(m.contact.values[1]!.params.get('q'), '0.1');
  const again = ok(serializeMessage(m));
  assert.equal(again.from.displayName, 'Jürgen Müller');
  assert.deepEqual(again.contact, m.contact);
});
