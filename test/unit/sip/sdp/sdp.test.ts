import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseMessage } from '../../../../src/sip/message/index.js';
import { direction, fmtp, parseSdp, ptime, rtpMap, sdpWarning, serializeSdp } from '../../../../src/sip/sdp/index.js';

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));

const OFFER = [
  'v=0',
  'o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com',
  's=-',
  'i=a call',
  'c=IN IP4 192.0.2.101',
  'b=AS:64',
  't=0 0',
  'a=tool:x',
  'm=audio 49170 RTP/AVP 0 8 97 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:97 iLBC/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
  'a=ptime:30',
  'a=sendonly',
  'm=video 51372 RTP/AVP 31',
  'c=IN IP6 2001:db8::2',
  'a=rtpmap:31 H261/90000',
  '',
].join('\r\n');

test('an SDP offer parses into session and media sections with their attributes (RFC 8866 §5)', () => {
  const r = parseSdp(OFFER);
  assert.ok(r.ok, r.ok ? '' : r.error.reason);
  const sd = r.value;
  assert.equal(sd.origin.sessionVersion, '2890844526');
  assert.equal(sd.connection?.address, '192.0.2.101');
  assert.deepEqual(sd.bandwidths, [{ type: 'AS', value: 64 }]);
  assert.equal(sd.media.length, 2);
  const a = sd.media[0]!;
  assert.deepEqual(a.formats, ['0', '8', '97', '101']);
  assert.deepEqual(rtpMap(a, 8), { payloadType: 8, encoding: 'PCMA', clockRate: 8000, channels: undefined }, 'static type without rtpmap');
  assert.equal(rtpMap(a, 101)?.encoding, 'telephone-event');
  assert.equal(fmtp(a, 101), '0-15');
  assert.equal(ptime(a), 30);
  assert.equal(direction(sd, a), 'sendonly');
  assert.equal(direction(sd, sd.media[1]!), 'sendrecv');
  assert.equal(sd.media[1]!.connections[0]!.addrType, 'IP6');
  assert.equal(serializeSdp(sd), OFFER, 'serialization is byte-identical for a canonical description');
});

test('LF-only line ends are tolerated (RFC 8866 §5)', () => {
  const r = parseSdp(OFFER.replace(/\r\n/g, '\n'));
  assert.ok(r.ok);
  assert.equal(serializeSdp(r.value), OFFER);
});

test('malformed SDP is a typed 488 error naming the line, with a Warning value', () => {
  const cases: Array<[string, string]> = [
    ['', 'missing-line'],
    ['o=x 1 1 IN IP4 h\r\n', 'missing-line'],
    [OFFER.replace('v=0', 'v=1'), 'malformed'],
    [OFFER.replace('m=audio 49170', 'm=audio 99999'), 'malformed'],
    [OFFER.replace('m=audio 49170 RTP/AVP 0 8 97 101', 'm=audio 49170 RTP/AVP 0 8 200'), 'malformed'],
    [OFFER.replace('c=IN IP4 192.0.2.101', 'c=IN IP4'), 'malformed'],
    [OFFER.replace('c=IN IP4 192.0.2.101\r\n', ''), 'missing-line'],
    [OFFER.replace('t=0 0\r\n', ''), 'missing-line'],
    [OFFER.replace('a=tool:x', 'garbage'), 'malformed'],
    [OFFER.replace('a=tool:x', 'q=1'), 'malformed'],
    [OFFER.replace('o=alice 2890844526', 'o=alice x'), 'malformed'],
  ];
  for (const [text, kind] of cases) {
    const r = parseSdp(text);
    assert.ok(!r.ok, JSON.stringify(text.slice(0, 40)));
    assert.equal(r.error.kind, kind, r.error.reason);
    assert.equal(r.error.status, 488);
    assert.match(sdpWarning(r.error, 'gw.example.com'), /^399 gw\.example\.com "SDP.*"$/);
  }
  const bad = parseSdp(OFFER.replace('a=tool:x', 'garbage'));
  assert.ok(!bad.ok && bad.error.line === 8);
});

test('the SDP bodies of the torture corpus parse (IPv6, per-media connection) or are refused with a typed error', () => {
  const files = [
    ...readdirSync(corpus + 'rfc4475').filter((f) => f.endsWith('.dat')).map((f) => corpus + 'rfc4475/' + f),
    ...readdirSync(corpus + 'rfc5118/wire').map((f) => corpus + 'rfc5118/wire/' + f),
  ];
  let parsed = 0;
  for (const f of files) {
    const m = parseMessage(readFileSync(f));
    if (!m.ok || m.message.headers.get('content-type') !== 'application/sdp' || m.message.body.length === 0) continue;
    const r = parseSdp(m.message.body);
    if (r.ok) parsed++;
    else assert.equal(r.error.status, 488);
  }
  assert.ok(parsed >= 10, `${parsed} SDP bodies parsed`);
  const v6 = parseMessage(readFileSync(corpus + 'rfc5118/wire/ipv6-in-sdp.dat'));
  assert.ok(v6.ok);
  const sd = parseSdp(v6.message.body);
  assert.ok(sd.ok);
  assert.equal(sd.value.connection?.addrType, 'IP6');
  const mult = parseMessage(readFileSync(corpus + 'rfc5118/wire/mult-ip-in-sdp.dat'));
  assert.ok(mult.ok);
  const md = parseSdp(mult.message.body);
  assert.ok(md.ok);
  assert.deepEqual(md.value.media.map((x) => x.connections[0]?.addrType), ['IP4', 'IP6']);
});

test('random text never makes the SDP parser throw', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (s, b) => {
      parseSdp(s);
      parseSdp(Buffer.from(b));
      parseSdp(OFFER.slice(0, s.length % OFFER.length) + s);
    }),
    { numRuns: 500 },
  );
});
