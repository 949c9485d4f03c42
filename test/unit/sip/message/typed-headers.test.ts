import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { corpusDir } from './corpus.js';
import {
  SipHeaders,
  contactExpires,
  contactQ,
  formatDiversion,
  formatReason,
  getTypedHeader,
  parseMessage,
  parseMultipart,
  parseNameAddr,
  privacyHidesIdentity,
  q850Cause,
  serializeMultipart,
} from '../../../../src/sip/message/index.js';

const h = (pairs: Array<[string, string]>) => new SipHeaders(pairs);
function value<T>(r: { ok: true; value: T } | { ok: false; error: { reason: string } }): T {
  assert.ok(r.ok, r.ok ? '' : r.error.reason);
  return r.value;
}

test('P-Asserted-Identity reads one sip and one tel identity (RFC 3325)', () => {
  const v = value(getTypedHeader(h([['P-Asserted-Identity', '"Cullen" <sip:fluffy@cisco.com>'], ['P-Asserted-Identity', 'tel:+14085264000']]), 'p-asserted-identity'));
  assert.equal(v!.length, 2);
  assert.equal(v![0]!.displayName, 'Cullen');
  assert.equal(v![1]!.uri.kind, 'tel');
  const bad = getTypedHeader(h([['P-Asserted-Identity', 'http://x']]), 'p-asserted-identity');
  assert.ok(!bad.ok && bad.error.header === 'P-Asserted-Identity' && bad.error.status === 400);
  assert.equal(value(getTypedHeader(h([]), 'p-asserted-identity')), undefined, 'absent header is undefined');
});

test('Privacy lists priv-values and knows when identity is withheld (RFC 3323, 3325)', () => {
  const v = value(getTypedHeader(h([['Privacy', 'id; critical']]), 'privacy'))!;
  assert.deepEqual(v, ['id', 'critical']);
  assert.equal(privacyHidesIdentity(v), true);
  assert.equal(privacyHidesIdentity(value(getTypedHeader(h([['Privacy', 'none']]), 'privacy'))!), false);
  assert.ok(!getTypedHeader(h([['Privacy', 'none;id']]), 'privacy').ok);
});

test('Reason reads Q.850 and SIP causes with text (RFC 3326) and bounds the cause', () => {
  const hs = new SipHeaders();
  hs.append('Reason', 'Q.850;cause=16;text="Normal call clearing", SIP;cause=200;text="Call completed elsewhere"');
  // the parser splits list headers; SipHeaders.append does not, so split as the parser would
  const m = parseMessage(Buffer.from('BYE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 2 BYE\r\nReason: Q.850;cause=16;text="Normal call clearing", SIP;cause=200;text="Call, completed elsewhere"\r\nContent-Length: 0\r\n\r\n'));
  assert.ok(m.ok);
  const r = value(getTypedHeader(m.message.headers, 'reason'))!;
  assert.equal(r.length, 2);
  assert.deepEqual([r[0]!.protocol, r[0]!.cause, r[0]!.text], ['Q.850', 16, 'Normal call clearing']);
  assert.deepEqual([r[1]!.protocol, r[1]!.cause, r[1]!.text], ['SIP', 200, 'Call, completed elsewhere']);
  assert.equal(q850Cause(r), 16);
  assert.equal(formatReason(r[0]!), 'Q.850;cause=16;text="Normal call clearing"');
  assert.ok(!getTypedHeader(h([['Reason', 'Q.850;cause=300']]), 'reason').ok);
  assert.ok(!getTypedHeader(h([['Reason', 'SIP;cause=abc']]), 'reason').ok);
});

test('Diversion reads reason, counter, privacy and screen (RFC 5806)', () => {
  const d = value(getTypedHeader(h([['Diversion', '<sip:+15551000@gw.example.com;user=phone>;reason=user-busy;counter=1;privacy=off;screen=no']]), 'diversion'))!;
  assert.equal(d[0]!.reason, 'user-busy');
  assert.equal(d[0]!.counter, 1);
  assert.equal(d[0]!.screen, false);
  assert.equal(d[0]!.privacy, 'off');
  assert.match(formatDiversion(d[0]!), /^<sip:\+15551000@gw.example.com;user=phone>;reason=user-busy;counter=1;privacy=off;screen=no$/);
  assert.ok(!getTypedHeader(h([['Diversion', '<sip:a@b>;counter=x']]), 'diversion').ok);
});

test('History-Info reads index, rc/mp and a Reason carried in the URI (RFC 7044)', () => {
  const v = value(getTypedHeader(h([
    ['History-Info', '<sip:bob@example.com>;index=1'],
    ['History-Info', '<sip:office@example.com?Reason=SIP%3Bcause%3D302>;index=1.1;mp=1'],
  ]), 'history-info'))!;
  assert.equal(v[0]!.index, '1');
  assert.equal(v[1]!.index, '1.1');
  assert.equal(v[1]!.mp, '1');
  assert.equal(v[1]!.reason?.cause, 302);
  assert.ok(!getTypedHeader(h([['History-Info', '<sip:a@b>']]), 'history-info').ok, 'index is mandatory');
});

test('Session-Expires, Min-SE, option tags, Allow and Expires are typed (RFC 4028, RFC 3261 §20)', () => {
  const se = value(getTypedHeader(h([['Session-Expires', '1800;refresher=uas']]), 'session-expires'))!;
  assert.deepEqual([se.deltaSeconds, se.refresher], [1800, 'uas']);
  assert.ok(!getTypedHeader(h([['Session-Expires', '1800;refresher=me']]), 'session-expires').ok);
  assert.equal(value(getTypedHeader(h([['Min-SE', '90']]), 'min-se')), 90);
  assert.deepEqual(value(getTypedHeader(h([['Supported', 'timer'], ['Supported', '100rel']]), 'supported')), ['timer', '100rel']);
  assert.deepEqual(value(getTypedHeader(h([['Supported', '']]), 'supported')), [], 'an empty Supported is legal');
  assert.ok(!getTypedHeader(h([['Require', 'a b']]), 'require').ok);
  assert.deepEqual(value(getTypedHeader(h([['Allow', 'INVITE'], ['Allow', 'ACK']]), 'allow')), ['INVITE', 'ACK']);
  assert.equal(value(getTypedHeader(h([['Expires', '3600']]), 'expires')), 3600);
  assert.ok(!getTypedHeader(h([['Expires', '1'.repeat(30)]]), 'expires').ok);
  assert.equal(value(getTypedHeader(h([['Route', '<sip:p1;lr>'], ['Route', '<sip:p2;lr>']]), 'route'))!.length, 2);
  const ct = value(getTypedHeader(h([['c', 'Multipart/Mixed; boundary="abc"']]), 'content-type'))!;
  assert.equal(ct.mediaType, 'multipart/mixed');
});

test('Contact expires and q are read and bounded', () => {
  const c = value(parseNameAddr('<sip:a@b>;expires=3600;q=0.7'));
  assert.equal(value(contactExpires(c)), 3600);
  assert.equal(value(contactQ(c)), 0.7);
  assert.ok(!contactExpires(value(parseNameAddr('<sip:a@b>;expires=280297596632815'))).ok, 'RFC 4475 scalar02');
  assert.ok(!contactQ(value(parseNameAddr('<sip:a@b>;q=1.5'))).ok);
  assert.equal(value(contactExpires(value(parseNameAddr('<sip:a@b>')))), undefined);
});

test('a multipart body keeps each part headers and raw octets (RFC 5621; RFC 4475 mpart01)', () => {
  const r = parseMessage(readFileSync(corpusDir + 'rfc4475/mpart01.dat'));
  assert.ok(r.ok);
  const parts = value(parseMultipart(r.message.body, r.message.headers.get('content-type')!));
  assert.equal(parts.length, 2);
  assert.equal(parts[0]!.mediaType, 'text/plain');
  assert.equal(parts[0]!.body.toString(), 'Hello');
  assert.equal(parts[1]!.mediaType, 'application/octet-stream');
  assert.ok(parts[1]!.body.includes(0) && parts[1]!.body.length > 300, 'binary part intact');
  const again = value(parseMultipart(serializeMultipart(parts, 'b0undary'), 'multipart/mixed;boundary=b0undary'));
  assert.deepEqual(again.map((p) => p.body), parts.map((p) => p.body));
  const isup = Buffer.from([0x01, 0x00, 0x49, 0x00, 0x00, 0x03, 0x02, 0x00, 0x07, 0x04, 0x10, 0x00, 0x33, 0x63]);
  const body = serializeMultipart(
    [
      { headers: new SipHeaders([['Content-Type', 'application/sdp']]), mediaType: 'application/sdp', body: Buffer.from('v=0\r\n') },
      { headers: new SipHeaders([['Content-Type', 'application/ISUP;version=itu-t92+'], ['Content-Disposition', 'signal;handling=required']]), mediaType: 'application/isup', body: isup },
    ],
    'unique-boundary-1',
  );
  const back = value(parseMultipart(body, 'multipart/mixed;boundary=unique-boundary-1'));
  assert.equal(back[1]!.mediaType, 'application/isup');
  assert.deepEqual(back[1]!.body, isup);
  assert.equal(back[1]!.headers.get('content-disposition'), 'signal;handling=required');
  assert.ok(!parseMultipart(body, 'multipart/mixed').ok, 'no boundary');
  assert.ok(!parseMultipart(body.subarray(0, body.length - 25), 'multipart/mixed;boundary=unique-boundary-1').ok, 'truncated');
});

test('RSeq, RAck, Retry-After and Warning are typed and bounded (RFC 3262, RFC 3261 §20.33/§20.43)', () => {
  assert.equal(value(getTypedHeader(h([['RSeq', '988789']]), 'rseq')), 988789);
  assert.ok(!getTypedHeader(h([['RSeq', '0']]), 'rseq').ok);
  assert.deepEqual(value(getTypedHeader(h([['RAck', '776656 1 INVITE']]), 'rack')), { rseq: 776656, cseq: 1, method: 'INVITE' });
  assert.ok(!getTypedHeader(h([['RAck', '1 INVITE']]), 'rack').ok);
  assert.deepEqual(value(getTypedHeader(h([['Retry-After', '18000;duration=3600']]), 'retry-after')), { seconds: 18000, comment: undefined, duration: 3600 });
  assert.deepEqual(value(getTypedHeader(h([['Retry-After', '120 (I am in a meeting)']]), 'retry-after')), { seconds: 120, comment: 'I am in a meeting', duration: undefined });
  assert.ok(!getTypedHeader(h([['Retry-After', '949302838503028349304023988']]), 'retry-after').ok, 'RFC 4475 scalarlg');
  const m = parseMessage(Buffer.from('SIP/2.0 488 Not Acceptable Here\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nWarning: 305 gw.example.com "Incompatible, media format", 399 gw "x"\r\nContent-Length: 0\r\n\r\n'));
  assert.ok(m.ok);
  const w = value(getTypedHeader(m.message.headers, 'warning'))!;
  assert.deepEqual(w, [{ code: 305, agent: 'gw.example.com', text: 'Incompatible, media format' }, { code: 399, agent: 'gw', text: 'x' }]);
  assert.ok(!getTypedHeader(h([['Warning', '1812 overture "In Progress"']]), 'warning').ok, 'RFC 4475 scalarlg: 4-digit code');
  assert.equal(value(getTypedHeader(h([['Refer-To', '<sip:c@d?Replaces=abc%3Bto-tag%3D1>']]), 'refer-to'))!.uri.kind, 'sip');
});

test('Digest challenges and credentials parse and format (RFC 3261 §20.27/§20.44, RFC 7616)', async () => {
  const { digestChallenge, formatAuthValue } = await import('../../../../src/sip/message/index.js');
  const m = parseMessage(Buffer.from('SIP/2.0 407 Proxy Authentication Required\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nProxy-Authenticate: Digest realm="atlanta.com", domain="sip:ss1.carrier.com", qop="auth,auth-int", nonce="f84f1cec41e6cbe5aea9c8e88d359", opaque="", stale=FALSE, algorithm=MD5\r\nProxy-Authenticate: Digest realm="atlanta.com", nonce="abc", algorithm=SHA-256\r\nContent-Length: 0\r\n\r\n'));
  assert.ok(m.ok);
  const ch = value(getTypedHeader(m.message.headers, 'proxy-authenticate'))!;
  assert.equal(ch.length, 2, 'one challenge per line; commas inside are parameters');
  const d = value(digestChallenge(ch[0]!));
  assert.deepEqual(d, { realm: 'atlanta.com', nonce: 'f84f1cec41e6cbe5aea9c8e88d359', opaque: '', algorithm: 'MD5', qop: ['auth', 'auth-int'], stale: false });
  assert.equal(value(digestChallenge(ch[1]!)).algorithm, 'SHA-256');
  const cred = {
    scheme: 'Digest',
    params: new Map([['username', 'bob'], ['realm', 'atlanta.com'], ['nonce', 'abc'], ['uri', 'sip:bob@biloxi.com'], ['response', '42ce3cef44b22f50c6a6071bc8'], ['qop', 'auth'], ['nc', '00000001'], ['cnonce', '0a4f113b']]),
  };
  const text = formatAuthValue(cred);
  assert.equal(text, 'Digest username="bob", realm="atlanta.com", nonce="abc", uri="sip:bob@biloxi.com", response="42ce3cef44b22f50c6a6071bc8", qop=auth, nc=00000001, cnonce="0a4f113b"');
  const back = value(getTypedHeader(h([['Authorization', text]]), 'authorization'))!;
  assert.deepEqual(back[0]!.params, cred.params);
  const unknown = value(getTypedHeader(h([['Authorization', 'NoOneKnowsThisScheme opaque-data=here']]), 'authorization'))!;
  assert.equal(unknown[0]!.scheme, 'NoOneKnowsThisScheme', 'RFC 4475 regaut01');
  assert.ok(!digestChallenge(unknown[0]!).ok);
  assert.ok(!getTypedHeader(h([['WWW-Authenticate', 'Digest realm="x", realm="y"']]), 'www-authenticate').ok);
  assert.ok(!getTypedHeader(h([['WWW-Authenticate', 'Digest realm="x']]), 'www-authenticate').ok);
});
