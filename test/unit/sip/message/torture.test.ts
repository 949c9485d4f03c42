/**
 * RFC 4475 and RFC 5118 torture tests, driven by ../shared/corpus/rfc4475/manifest.json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { corpusAvailable, corpusDir, expectedStatuses, loadCorpus, type CorpusMessage } from './corpus.js';
import {
  checkRequestSemantics,
  checkResponseSemantics,
  createErrorResponseForParseError,
  frameStream,
  parseMessage,
  serializeMessage,
  type SipMessage,
  type UasPolicy,
} from '../../../../src/sip/message/index.js';

test('the shared corpus is found beside the repository through a relative path', () => {
  assert.ok(corpusAvailable(), `corpus missing at ${corpusDir}`);
});

const corpus = corpusAvailable() ? loadCorpus() : [];
const byTag = new Map(corpus.map((c) => [c.tag, c]));
const get = (tag: string): CorpusMessage => {
  const c = byTag.get(tag);
  assert.ok(c, `manifest has ${tag}`);
  return c;
};
const parsed = (tag: string): SipMessage => {
  const r = parseMessage(get(tag).bytes);
  assert.ok(r.ok, `${tag}: ${r.ok ? '' : r.error.reason}`);
  return r.message;
};

test('the corpus files are the bytes the manifest describes (sha256)', () => {
  assert.ok(corpus.length >= 62);
  for (const c of corpus) {
    const want = c.set === 'rfc4475' ? c.sha256 : c.wire_sha256;
    assert.equal(createHash('sha256').update(c.bytes).digest('hex'), want, c.tag);
  }
});

/** The values a re-serialized message must keep. */
function essence(m: SipMessage): unknown {
  return {
    start: m.type === 'request' ? [m.method, m.uri] : [m.status, m.reason],
    via: m.via,
    from: m.from,
    to: m.to,
    callId: m.callId,
    cseq: m.cseq,
    maxForwards: m.maxForwards,
    contact: m.contact,
    headers: [...m.headers].filter((h) => h.key !== 'content-length').map((h) => [h.key, h.value]),
    body: m.body.toString('hex'),
  };
}

test('every valid and valid-semantic message parses and re-serializes to something that parses to the same values', () => {
  let n = 0;
  for (const c of corpus) {
    if (c.validity !== 'valid' && c.validity !== 'valid-semantic') continue;
    const r = parseMessage(c.bytes);
    assert.ok(r.ok, `${c.tag} must parse: ${r.ok ? '' : r.error.reason}`);
    const wire = serializeMessage(r.message);
    const r2 = parseMessage(wire);
    assert.ok(r2.ok, `${c.tag} re-serialized must parse: ${r2.ok ? '' : r2.error.reason}\n${wire.toString()}`);
    assert.deepEqual(essence(r2.message), essence(r.message), c.tag);
    // and the serializer is stable
    assert.deepEqual(serializeMessage(r2.message), wire, c.tag);
    n++;
  }
  assert.ok(n >= 35, `${n} valid messages`);
});

test('every invalid request is refused with a typed error carrying the status the manifest expects', () => {
  const cases = corpus.filter((c) => c.validity === 'invalid');
  assert.ok(cases.length >= 20);
  for (const c of cases) {
    const bytes = c.tag === 'baddn' ? readFileSync(corpusDir + 'rfc4475/variants/baddn-with-terminating-crlf.dat') : c.bytes;
    const r = parseMessage(bytes);
    assert.ok(!r.ok, `${c.tag} must be refused`);
    const err = r.error;
    assert.ok(err.reason.length > 0);
    if (err.isRequest) {
      const codes = expectedStatuses(c);
      if (codes.length > 0) assert.ok(codes.includes(err.status), `${c.tag}: status ${err.status} not in ${codes} (${err.reason})`);
      else assert.ok(err.status >= 400 && err.status < 500, `${c.tag}: an error response`);
      const resp = createErrorResponseForParseError(err);
      assert.ok(resp, `${c.tag}: an error response can be built`);
      assert.ok(resp.toString().startsWith(`SIP/2.0 ${err.status} `), c.tag);
      // the headers copied verbatim (§8.2.6.2) are the peer's; the response parses unless the defect is in one of them
      if (!['From', 'To', 'Call-ID', 'CSeq'].includes(err.header ?? '')) {
        const rr = parseMessage(resp);
        assert.ok(rr.ok && rr.message.type === 'response', `${c.tag}: the error response parses: ${resp.toString()}`);
        assert.equal(rr.message.status, err.status);
      }
    } else {
      // a malformed response is dropped, never answered (§18.1.2)
      assert.match(c.expected_response, /discard|drop/i, c.tag);
      assert.equal(createErrorResponseForParseError(err), undefined, c.tag);
    }
  }
});

test('the archive copy of baddn (no empty line) is refused too, and the unspecified test.dat does not throw', () => {
  assert.equal(parseMessage(get('baddn').bytes).ok, false);
  assert.equal(parseMessage(get('test').bytes).ok, false);
});

test('specific invalid messages name the defect', () => {
  const err = (tag: string) => {
    const r = parseMessage(get(tag).bytes);
    assert.ok(!r.ok);
    return r.error;
  };
  assert.equal(err('badvers').kind, 'bad-version');
  assert.equal(err('badvers').status, 505);
  assert.equal(err('scalar02').header, 'CSeq');
  assert.equal(err('mismatch01').header, 'CSeq');
  assert.equal(err('mismatch02').status, 501);
  assert.equal(err('ncl').kind, 'bad-content-length');
  assert.equal(err('mcl01').kind, 'bad-content-length');
  assert.equal(err('clerr').kind, 'bad-content-length');
  assert.equal(err('quotbal').header, 'To');
  assert.equal(err('badaspec').header, 'To');
  assert.equal(err('multi01').kind, 'duplicate-header');
  assert.equal(err('insuf').kind, 'missing-header');
  assert.equal(err('ltgtruri').kind, 'bad-request-uri');
  assert.equal(err('escruri').kind, 'bad-request-uri');
  assert.equal(err('bigcode').isRequest, false);
  assert.equal(err('scalarlg').isRequest, false);
  assert.equal(err('ipv6-bad').kind, 'bad-request-uri');
});

const endpoint: UasPolicy = {
  allowedMethods: ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'UPDATE', 'PRACK', 'INFO'],
  supported: ['timer', '100rel', 'replaces'],
};
const registrar: UasPolicy = { ...endpoint, allowedMethods: [...endpoint.allowedMethods, 'REGISTER'], registrar: true };
const proxy: UasPolicy = { ...endpoint, forwarding: true };

test('valid-semantic requests get the response the manifest expects from the §8.2 checks', () => {
  // tag → [policy, expected status or undefined for "processed normally"]
  const table: Array<[string, UasPolicy, number | undefined]> = [
    ['badbranch', endpoint, 400],
    ['unkscm', endpoint, 416],
    ['novelsc', endpoint, 416],
    ['unksm2', registrar, 400],
    ['bext01', endpoint, 420],
    ['invut', endpoint, 415],
    ['regaut01', endpoint, 405],
    ['zeromf', proxy, 483],
    ['zeromf', endpoint, undefined],
    ['cparam01', registrar, undefined],
    ['cparam02', registrar, undefined],
    ['regescrt', registrar, undefined],
    ['sdp01', endpoint, 406],
    ['inv2543', endpoint, undefined],
  ];
  for (const [tag, policy, want] of table) {
    const c = get(tag);
    assert.equal(c.validity, 'valid-semantic', tag);
    if (want !== undefined) assert.ok(expectedStatuses(c).includes(want), `${tag}: manifest names ${want}`);
    const m = parsed(tag);
    assert.equal(m.type, 'request');
    if (m.type !== 'request') continue;
    const v = checkRequestSemantics(m, policy);
    if (want === undefined) assert.equal(v, undefined, `${tag}: processed normally`);
    else {
      assert.ok(v && v.action === 'reject', `${tag}: rejected`);
      assert.equal(v.status, want, tag);
    }
  }
  const bext = checkRequestSemantics(parsed('bext01') as Extract<SipMessage, { type: 'request' }>, endpoint);
  assert.ok(bext?.action === 'reject');
  assert.deepEqual(bext.headers, [['Unsupported', 'nothingSupportsThis, nothingSupportsThisEither']]);
  const esc02 = parsed('esc02');
  assert.ok(esc02.type === 'request');
  assert.equal((checkRequestSemantics(esc02, registrar) as { status: number }).status, 501);
  const intmeth = parsed('intmeth');
  assert.ok(intmeth.type === 'request');
  assert.equal((checkRequestSemantics(intmeth, endpoint) as { status: number }).status, 501);
});

test('a response with more than one Via (bcast) is discarded by a UAC', () => {
  const m = parsed('bcast');
  assert.ok(m.type === 'response');
  assert.equal(checkResponseSemantics(m)?.action, 'discard');
  const ok = parsed('noreason');
  assert.ok(ok.type === 'response');
  assert.equal(checkResponseSemantics(ok), undefined);
});

test('values the torture tests are about are read correctly', () => {
  const ws = parsed('wsinv');
  assert.equal(ws.maxForwards, 68);
  assert.deepEqual(ws.cseq, { seq: 9, method: 'INVITE' });
  assert.equal(ws.from.displayName, 'J Rosenberg \\"');
  assert.equal(ws.from.tag, '98asjd8');
  assert.equal(ws.to.tag, '1918181833n');
  assert.equal(ws.via.length, 3);
  assert.equal(ws.via[0]!.transport, 'UDP');
  assert.equal(ws.via[1]!.branch, 'z9hG4bK9ikj8');
  assert.equal(ws.via[2]!.branch, 'z9hG4bK30239');
  assert.equal(ws.headers.get('subject'), '');
  assert.equal(ws.headers.get('NewFangledHeader'), 'newfangled value continued newfangled value');
  assert.ok(ws.contact && !ws.contact.star);
  assert.equal(ws.contact.values[0]!.displayName, 'Quoted string ""');
  assert.equal(ws.contact.values[0]!.params.get('q'), '0.33');
  assert.equal(ws.body.length, 150);

  const semi = parsed('semiuri');
  assert.ok(semi.type === 'request' && semi.uri.kind === 'sip');
  assert.equal(semi.uri.user, 'user;par=u@example.net');
  assert.equal(semi.uri.host, 'example.com');
  assert.equal(semi.headers.getAll('accept').length, 6);

  const esc01 = parsed('esc01');
  assert.ok(esc01.type === 'request' && esc01.uri.kind === 'sip');
  assert.equal(esc01.uri.user, 'sips:user@example.com');
  assert.ok(esc01.contact && !esc01.contact.star && esc01.contact.values[0]!.uri.kind === 'sip');
  assert.equal(esc01.contact.values[0]!.uri.user, 'caller');
  assert.deepEqual([...esc01.contact.values[0]!.uri.params], [['lr', null], ['name', 'value%41']]);

  const escnull = parsed('escnull');
  assert.ok(escnull.contact && !escnull.contact.star);
  const users = escnull.contact.values.map((v) => (v.uri.kind === 'sip' ? v.uri.user : ''));
  assert.equal(users.length, 2);
  assert.notEqual(users[0], users[1]);
  assert.deepEqual(users, ['\0', '\0\0']);
  assert.ok(escnull.to.uri.kind === 'sip' && escnull.to.uri.user === 'null-\0-null');

  const esc02 = parsed('esc02');
  assert.ok(esc02.type === 'request');
  assert.equal(esc02.method, 'RE%47IST%45R');
  assert.ok(esc02.contact && !esc02.contact.star);
  assert.equal(esc02.contact.values.length, 2);
  assert.equal(esc02.headers.get('C%6Fntact'), '<sip:alias2@host2.example.com>');

  const dbl = parseMessage(get('dblreq').bytes);
  assert.ok(dbl.ok && dbl.message.type === 'request');
  assert.equal(dbl.message.method, 'REGISTER');
  assert.ok(dbl.length < get('dblreq').bytes.length, 'trailing octets ignored');
  assert.equal(dbl.message.body.length, 0);

  const tr = parsed('transports');
  assert.deepEqual(tr.via.map((v) => v.transport), ['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP']);

  const c1 = parsed('cparam01');
  assert.ok(c1.contact && !c1.contact.star && c1.contact.values[0]!.uri.kind === 'sip');
  assert.equal(c1.contact.values[0]!.params.has('unknownparam'), true);
  assert.equal(c1.contact.values[0]!.uri.params.has('unknownparam'), false);
  const c2 = parsed('cparam02');
  assert.ok(c2.contact && !c2.contact.star && c2.contact.values[0]!.uri.kind === 'sip');
  assert.equal(c2.contact.values[0]!.uri.params.has('unknownparam'), true);
  assert.equal(c2.contact.values[0]!.params.has('unknownparam'), false);

  const re = parsed('regescrt');
  assert.ok(re.contact && !re.contact.star && re.contact.values[0]!.uri.kind === 'sip');
  assert.deepEqual(re.contact.values[0]!.uri.headers, [['Route', '<sip:sip.example.com>']]);

  const un = parsed('unreason');
  assert.ok(un.type === 'response');
  assert.equal(un.status, 200);
  assert.ok(un.reason.startsWith('= 2**3 * 5**2 но'));
  const nr = parsed('noreason');
  assert.ok(nr.type === 'response' && nr.reason === '');

  const inv = parsed('inv2543');
  assert.equal(inv.maxForwards, undefined);
  assert.equal(inv.via[0]!.branch, undefined);
  assert.equal(inv.from.tag, undefined);
  assert.ok(inv.body.length > 0);

  const mp = parsed('mpart01');
  assert.equal(mp.body.length, 553);

  const amb = parsed('port-ambiguous');
  assert.ok(amb.type === 'request' && amb.uri.kind === 'sip');
  assert.equal(amb.uri.host, '[2001:db8::10:5070]');
  assert.equal(amb.uri.port, undefined);
  const unamb = parsed('port-unambiguous');
  assert.ok(unamb.type === 'request' && unamb.uri.kind === 'sip');
  assert.equal(unamb.uri.host, '[2001:db8::10]');
  assert.equal(unamb.uri.port, 5070);
  assert.equal(parsed('via-received-param-with-delim').via[0]!.received, '[2001:db8::9:255]');
  assert.equal(parsed('via-received-param-no-delim').via[0]!.received, '2001:db8::9:255');
  const lws = parsed('lwsdisp');
  assert.equal(lws.from.displayName, 'caller');
});

test('over a stream, Content-Length frames valid messages and a bad one is an error, never a resync', () => {
  for (const c of corpus) {
    if (c.validity !== 'valid' && c.validity !== 'valid-semantic') continue;
    if (c.tag === 'inv2543') continue; // no Content-Length: cannot travel on a stream
    const f = frameStream(c.bytes);
    if (c.tag === 'dblreq') {
      assert.ok(f.kind === 'message' && f.length < c.bytes.length);
      continue;
    }
    assert.equal(f.kind, 'message', c.tag);
    if (f.kind !== 'message') continue;
    assert.equal(f.length, c.bytes.length, c.tag);
    const r = parseMessage(c.bytes.subarray(0, f.length), { mode: 'stream' });
    assert.ok(r.ok, c.tag);
  }
  assert.equal(frameStream(get('clerr').bytes).kind, 'need-more'); // wait for more data, then the transport closes
  for (const tag of ['ncl', 'mcl01']) {
    const f = frameStream(get(tag).bytes);
    assert.ok(f.kind === 'error' && f.error.kind === 'bad-content-length', tag);
    assert.ok(createErrorResponseForParseError(f.error), `${tag}: an error can be answered before closing`);
  }
  const f = frameStream(get('inv2543').bytes);
  assert.ok(f.kind === 'error' && f.error.header === 'Content-Length');
});
