import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SdpNegotiator,
  answerDirection,
  direction,
  fmtp,
  parseSdp,
  rtpMap,
  sdpWarning,
  serializeSdp,
  type SessionDescription,
} from '../../../../src/sip/sdp/index.js';

const local = { address: '127.0.0.1', port: 40000, sessionId: '1000' };

function sdp(lines: string[]): string {
  return [...lines, ''].join('\r\n');
}

const head = (ver = 1, addr = '192.0.2.7') => ['v=0', `o=peer 555 ${ver} IN IP4 ${addr}`, 's=-', `c=IN IP4 ${addr}`, 't=0 0'];

const REMOTE_OFFER = sdp([
  ...head(),
  'm=audio 30000 RTP/AVP 0 8 97 101',
  'a=rtpmap:97 iLBC/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
  'a=ptime:30',
  'm=video 30002 RTP/AVP 31',
]);

function value<T>(r: { ok: true; value: T } | { ok: false; error: { reason: string } }): T {
  assert.ok(r.ok, r.ok ? '' : r.error.reason);
  return r.value;
}

test('answering an offer keeps its payload types and m-line count, picks the first common codec and refuses other streams', () => {
  const neg = new SdpNegotiator(local);
  assert.equal(neg.state, 'idle');
  value(neg.receiveOffer(REMOTE_OFFER));
  assert.equal(neg.state, 'remote-offer');
  const ans = value(neg.createAnswer());
  assert.equal(neg.state, 'done');
  assert.equal(ans.media.length, 2);
  const a = ans.media[0]!;
  assert.deepEqual(a.formats, ['0', '101']);
  assert.equal(rtpMap(a, 0)?.encoding, 'PCMU');
  assert.equal(fmtp(a, 101), '0-15', 'events narrowed to what both support');
  assert.equal(direction(ans, a), 'sendrecv');
  assert.equal(a.port, 40000);
  assert.equal(ans.connection?.address, '127.0.0.1');
  assert.equal(ans.media[1]!.port, 0, 'video refused with port 0');
  assert.deepEqual(ans.media[1]!.formats, ['31']);
  const n = neg.active!;
  assert.deepEqual(n.codec, { name: 'PCMU', clockRate: 8000, sendPayloadType: 0, receivePayloadType: 0 });
  assert.deepEqual(n.telephoneEvent, { sendPayloadType: 101, receivePayloadType: 101, events: '0-15' });
  assert.deepEqual(n.remote, { address: '192.0.2.7', port: 30000, addrType: 'IP4' });
  assert.equal(n.ptime, 30);
  // the answer is valid SDP that parses back to itself
  assert.equal(serializeSdp(value(parseSdp(SdpNegotiator.toBody(ans)))), serializeSdp(ans));
});

test('dynamic payload types of the offerer are kept in the answer (RFC 3264 §6.1)', () => {
  const neg = new SdpNegotiator({ ...local, codecs: ['PCMA'] });
  value(neg.receiveOffer(sdp([...head(), 'm=audio 30000 RTP/AVP 98 96', 'a=rtpmap:98 pcma/8000', 'a=rtpmap:96 telephone-event/8000', 'a=fmtp:96 0-11'])));
  const ans = value(neg.createAnswer());
  assert.deepEqual(ans.media[0]!.formats, ['98', '96']);
  assert.equal(rtpMap(ans.media[0]!, 98)?.encoding, 'PCMA');
  assert.equal(fmtp(ans.media[0]!, 96), '0-11');
  assert.equal(neg.active!.codec.sendPayloadType, 98);
  assert.equal(neg.active!.telephoneEvent!.sendPayloadType, 96);
  assert.equal(neg.active!.ptime, 20, 'no a=ptime from the peer: ours');
});

test('an offer without a common codec is refused with 488 and Warning 305, leaving the state as it was', () => {
  const neg = new SdpNegotiator(local);
  const r = neg.receiveOffer(sdp([...head(), 'm=audio 30000 RTP/AVP 18', 'a=rtpmap:18 G729/8000']));
  assert.ok(!r.ok);
  assert.equal(r.error.kind, 'no-common-codec');
  assert.equal(r.error.status, 488);
  assert.match(sdpWarning(r.error, 'tandem'), /^305 tandem "/);
  assert.equal(neg.state, 'idle');
  const srtp = neg.receiveOffer(sdp([...head(), 'm=audio 30000 RTP/SAVP 0']));
  assert.ok(!srtp.ok && srtp.error.kind === 'no-common-codec');
  const malformed = neg.receiveOffer('v=0\r\nnonsense\r\n');
  assert.ok(!malformed.ok && malformed.error.status === 488 && malformed.error.kind === 'malformed');
});

test('our offer lists PCMA, PCMU and telephone-event; the answer fixes codec, payload types and remote address', () => {
  const neg = new SdpNegotiator(local);
  const offer = value(neg.createOffer());
  assert.equal(neg.state, 'local-offer');
  const m = offer.media[0]!;
  assert.deepEqual(m.formats, ['8', '0', '101']);
  assert.equal(fmtp(m, 101), '0-15');
  assert.equal(offer.origin.sessionVersion, '1000');
  assert.match(serializeSdp(offer), /\r\na=ptime:20\r\na=sendrecv\r\n$/);
  const n = value(neg.receiveAnswer(sdp([...head(1, '198.51.100.9'), 'm=audio 31000 RTP/AVP 8 101', 'a=rtpmap:101 telephone-event/8000', 'a=ptime:20'])));
  assert.equal(neg.state, 'done');
  assert.equal(n.codec.name, 'PCMA');
  assert.deepEqual(n.remote, { address: '198.51.100.9', port: 31000, addrType: 'IP4' });
  assert.equal(n.telephoneEvent?.sendPayloadType, 101);
  assert.equal(n.direction, 'sendrecv');
});

function established(): SdpNegotiator {
  const neg = new SdpNegotiator(local);
  value(neg.createOffer());
  value(neg.receiveAnswer(sdp([...head(), 'm=audio 31000 RTP/AVP 0 101', 'a=rtpmap:101 telephone-event/8000'])));
  return neg;
}

test('hold and resume re-offer sendonly then sendrecv with o= version incremented each time (RFC 3264 §8.4)', () => {
  const neg = established();
  neg.hold();
  const hold = value(neg.createOffer());
  assert.equal(hold.origin.sessionVersion, '1001');
  assert.equal(direction(hold, hold.media[0]!), 'sendonly');
  const n1 = value(neg.receiveAnswer(sdp([...head(2), 'm=audio 31000 RTP/AVP 0', 'a=recvonly'])));
  assert.equal(n1.direction, 'sendonly');
  neg.resume();
  const resume = value(neg.createOffer());
  assert.equal(resume.origin.sessionVersion, '1002');
  assert.equal(direction(resume, resume.media[0]!), 'sendrecv');
  const n2 = value(neg.receiveAnswer(sdp([...head(3), 'm=audio 31000 RTP/AVP 0'])));
  assert.equal(n2.direction, 'sendrecv');
  // an unchanged re-offer (session refresh) keeps the version
  const same = value(neg.createOffer());
  assert.equal(same.origin.sessionVersion, '1002');
});

test('a remote hold (sendonly or c=0.0.0.0) is answered recvonly; holding a held stream offers inactive', () => {
  const neg = new SdpNegotiator(local);
  value(neg.receiveOffer(REMOTE_OFFER));
  value(neg.createAnswer());
  value(neg.receiveOffer(sdp([...head(2), 'm=audio 30000 RTP/AVP 0', 'a=sendonly', 'm=video 0 RTP/AVP 31'])));
  const a1 = value(neg.createAnswer());
  assert.equal(direction(a1, a1.media[0]!), 'recvonly');
  assert.equal(neg.active!.direction, 'recvonly');
  neg.hold();
  const off = value(neg.createOffer());
  assert.equal(direction(off, off.media[0]!), 'inactive', '§8.4: a recvonly stream put on hold becomes inactive');
  assert.equal(off.media.length, 2, 'a re-offer keeps every m-line');
  assert.equal(off.media[1]!.port, 0);
  value(neg.cancelOffer());
  neg.resume();
  value(neg.receiveOffer(sdp([...head(3, '0.0.0.0'), 'm=audio 30000 RTP/AVP 0', 'm=video 0 RTP/AVP 31'])));
  const a2 = value(neg.createAnswer());
  assert.equal(direction(a2, a2.media[0]!), 'recvonly', 'RFC 2543 hold with c=0.0.0.0');
});

test('offer/answer misuse is a typed error: glare gets 491, out-of-order calls 500', () => {
  const neg = established();
  value(neg.createOffer());
  const glare = neg.receiveOffer(REMOTE_OFFER);
  assert.ok(!glare.ok && glare.error.status === 491 && glare.error.kind === 'invalid-state');
  assert.equal(neg.state, 'local-offer');
  const wrong = neg.createAnswer();
  assert.ok(!wrong.ok && wrong.error.status === 500);
  assert.equal(neg.cancelOffer().ok, true);
  assert.equal(neg.state, 'done', 'the previous negotiation stays in force');
  const fresh = new SdpNegotiator(local);
  assert.ok(!fresh.receiveAnswer(REMOTE_OFFER).ok);
  assert.ok(!fresh.cancelOffer().ok);
});

test('answers that do not fit the offer are refused (m-line count, port 0, unknown codec)', () => {
  const cases: Array<[string, string]> = [
    [sdp([...head(), 'm=audio 31000 RTP/AVP 0', 'm=video 0 RTP/AVP 31']), 'bad-answer'],
    [sdp([...head(), 'm=audio 0 RTP/AVP 0']), 'no-common-codec'],
    [sdp([...head(), 'm=audio 31000 RTP/AVP 18']), 'no-common-codec'],
  ];
  for (const [answer, kind] of cases) {
    const neg = new SdpNegotiator(local);
    value(neg.createOffer());
    const r = neg.receiveAnswer(answer);
    assert.ok(!r.ok && r.error.kind === kind, kind);
    assert.equal(neg.state, 'local-offer', 'still waiting for a usable answer or a cancel');
  }
});

test('a re-offer with fewer m-lines is refused (RFC 3264 §8)', () => {
  const neg = new SdpNegotiator(local);
  value(neg.receiveOffer(REMOTE_OFFER));
  value(neg.createAnswer());
  const r = neg.receiveOffer(sdp([...head(2), 'm=audio 30000 RTP/AVP 0']));
  assert.ok(!r.ok && r.error.kind === 'bad-offer' && r.error.status === 488);
});

test('a cancelled offer of ours makes the next one a new version even if unchanged', () => {
  const neg = established();
  const v1 = value(neg.createOffer()).origin.sessionVersion;
  value(neg.cancelOffer());
  const v2 = value(neg.createOffer()).origin.sessionVersion;
  assert.equal(BigInt(v2), BigInt(v1) + 1n);
});

test('the answer direction table follows RFC 3264 §6.1', () => {
  const rows: Array<[Parameters<typeof answerDirection>[0], Parameters<typeof answerDirection>[1], string]> = [
    ['sendrecv', 'sendrecv', 'sendrecv'],
    ['sendonly', 'sendrecv', 'recvonly'],
    ['recvonly', 'sendrecv', 'sendonly'],
    ['inactive', 'sendrecv', 'inactive'],
    ['sendrecv', 'sendonly', 'sendonly'],
    ['sendonly', 'sendonly', 'inactive'],
  ];
  for (const [offered, wanted, want] of rows) assert.equal(answerDirection(offered, wanted), want, `${offered}/${wanted}`);
});

test('IPv6 local addresses give IN IP6 in o= and c=', () => {
  const neg = new SdpNegotiator({ address: '::1', port: 40000 });
  const o: SessionDescription = value(neg.createOffer());
  assert.equal(o.origin.addrType, 'IP6');
  assert.equal(o.connection?.addrType, 'IP6');
});

test('a remote re-offer moving the media address and port updates the negotiated stream', () => {
  const neg = new SdpNegotiator(local);
  value(neg.receiveOffer(REMOTE_OFFER));
  const a1 = value(neg.createAnswer());
  value(neg.receiveOffer(sdp([...head(2, '203.0.113.5'), 'm=audio 32000 RTP/AVP 8 0', 'a=ptime:20', 'm=video 0 RTP/AVP 31'])));
  const a2 = value(neg.createAnswer());
  assert.deepEqual(neg.active!.remote, { address: '203.0.113.5', port: 32000, addrType: 'IP4' });
  assert.equal(neg.active!.codec.name, 'PCMA', 'first codec of the new offer');
  assert.equal(neg.active!.telephoneEvent, undefined, 'telephone-event no longer offered');
  assert.equal(BigInt(a2.origin.sessionVersion), BigInt(a1.origin.sessionVersion) + 1n, 'our answer changed: new version');
  value(neg.receiveOffer(sdp([...head(3, '203.0.113.5'), 'm=audio 32000 RTP/AVP 8 0', 'a=ptime:20', 'm=video 0 RTP/AVP 31'])));
  const a3 = value(neg.createAnswer());
  assert.equal(a3.origin.sessionVersion, a2.origin.sessionVersion, 'an unchanged answer keeps its version');
});

test('whatever an offer or answer holds, the negotiator never throws and its own SDP always parses', async () => {
  const fc = (await import('fast-check')).default;
  const fmt = fc.oneof(fc.constantFrom('0', '8', '18', '96', '101', '127'), fc.nat(200).map(String));
  const mline = fc.record({
    type: fc.constantFrom('audio', 'video', 'image', 'AUDIO'),
    port: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 70000 })),
    proto: fc.constantFrom('RTP/AVP', 'RTP/SAVP', 'udptl', 'rtp/avp'),
    formats: fc.array(fmt, { minLength: 0, maxLength: 5 }),
    attrs: fc.array(
      fc.oneof(
        fc.tuple(fmt, fc.constantFrom('PCMA/8000', 'pcmu/8000', 'telephone-event/8000', 'PCMA/16000', 'G729/8000', 'PCMU', 'x')).map(([p, e]) => `a=rtpmap:${p} ${e}`),
        fc.tuple(fmt, fc.constantFrom('0-15', '0-16,32', '1-', 'a', '')).map(([p, e]) => `a=fmtp:${p} ${e}`),
        fc.constantFrom('a=sendonly', 'a=recvonly', 'a=inactive', 'a=sendrecv', 'a=ptime:0', 'a=ptime:20', 'c=IN IP4 0.0.0.0', 'c=IN IP6 ::1', 'c=IN IP4'),
      ),
      { maxLength: 6 },
    ),
  });
  const body = fc.tuple(fc.array(mline, { maxLength: 3 }), fc.boolean()).map(([ms, sessionC]) =>
    sdp([
      'v=0', 'o=p 1 1 IN IP4 192.0.2.1', 's=-', ...(sessionC ? ['c=IN IP4 192.0.2.1'] : []), 't=0 0',
      ...ms.flatMap((m) => [`m=${m.type} ${m.port} ${m.proto} ${m.formats.join(' ')}`.trimEnd(), ...m.attrs]),
    ]),
  );
  fc.assert(
    fc.property(body, body, fc.boolean(), (offer, answer, holdFirst) => {
      const uas = new SdpNegotiator(local);
      if (holdFirst) uas.hold();
      if (uas.receiveOffer(offer).ok) {
        const a = uas.createAnswer();
        assert.ok(a.ok);
        assert.ok(parseSdp(SdpNegotiator.toBody(a.value)).ok);
        assert.equal(a.value.media.length, value(parseSdp(offer)).media.length);
      }
      const uac = new SdpNegotiator(local);
      const o = value(uac.createOffer());
      assert.ok(parseSdp(SdpNegotiator.toBody(o)).ok);
      const r = uac.receiveAnswer(answer);
      if (r.ok) assert.ok(['PCMA', 'PCMU'].includes(r.value.codec.name));
      else assert.ok([488, 500].includes(r.error.status));
    }),
    { numRuns: 400 },
  );
});
