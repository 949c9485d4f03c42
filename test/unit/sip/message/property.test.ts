/**
 * Property tests (fast-check): generated messages survive serialize → parse unchanged; arbitrary and mutated
 * octets never make the parser or the framer throw.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { corpusAvailable, loadCorpus } from './corpus.js';
import {
  SipHeaders,
  frameStream,
  getTypedHeader,
  parseMessage,
  parseMultipart,
  serializeMessage,
  type FromTo,
  type SipMessage,
  type SipUri,
  type Via,
} from '../../../../src/sip/message/index.js';

const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');
const tokenChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`\'~');
const token = fc.string({ unit: tokenChars, minLength: 1, maxLength: 12 });
const lowerName = fc.string({ unit: alnum, minLength: 1, maxLength: 8 }).map((s) => 'p' + s);
const label = fc.string({ unit: alnum, minLength: 1, maxLength: 10 });
const hostname = fc.array(label, { minLength: 1, maxLength: 4 }).map((a) => a.join('.'));
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((a) => a.join('.'));
const ipv6 = fc.ipV6().map((a) => `[${a}]`);
const host = fc.oneof(hostname, ipv4, ipv6);
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
/** any text without CR/LF (they cannot appear in SIP header values) */
const text = fc.string({ unit: 'grapheme', maxLength: 16 }).map((s) => s.replace(/[\r\n]/g, ''));
const params = fc
  .uniqueArray(fc.tuple(lowerName, fc.option(token, { nil: null })), { selector: (t) => t[0], maxLength: 3 })
  .map((a) => new Map<string, string | null>(a));

const sipUri: fc.Arbitrary<SipUri> = fc.record({
  kind: fc.constant('sip' as const),
  scheme: fc.constantFrom('sip' as const, 'sips' as const),
  user: fc.option(text.filter((s) => s.length > 0), { nil: undefined }),
  password: fc.constant(undefined),
  host,
  port,
  params: fc
    .uniqueArray(fc.tuple(lowerName, fc.option(text.filter((s) => s.length > 0), { nil: null })), { selector: (t) => t[0], maxLength: 3 })
    .map((a) => new Map<string, string | null>(a)),
  headers: fc.array(fc.tuple(token, text), { maxLength: 2 }),
});

const fromTo: fc.Arbitrary<FromTo> = fc.record({
  displayName: fc.option(text.filter((s) => s.length > 0), { nil: undefined }),
  uri: sipUri,
  params,
  tag: fc.option(token, { nil: undefined }),
});

const via: fc.Arbitrary<Via> = fc.record({
  protocolName: fc.constant('SIP'),
  protocolVersion: fc.constant('2.0'),
  transport: fc.constantFrom('UDP', 'TCP', 'TLS', 'SCTP', 'WS'),
  host,
  port,
  branch: fc.option(token.map((t) => 'z9hG4bK' + t), { nil: undefined }),
  received: fc.option(ipv4, { nil: undefined }),
  rport: fc.option(fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }), { nil: undefined }),
  params,
});

const extraHeaders = fc
  .array(fc.tuple(token.map((t) => 'X-' + t), text.map((s) => s.trim())), { maxLength: 5 })
  .map((a) => new SipHeaders(a));

const common = {
  version: fc.constant('SIP/2.0'),
  via: fc.array(via, { minLength: 1, maxLength: 3 }),
  from: fromTo,
  to: fromTo,
  callId: fc.tuple(token, fc.option(hostname, { nil: undefined })).map(([a, b]) => (b ? `${a}@${b}` : a)),
  maxForwards: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
  contact: fc.option(
    fc.oneof(
      fc.constant({ star: true as const }),
      fc.array(fc.record({ displayName: fc.option(text.filter((s) => s.length > 0), { nil: undefined }), uri: sipUri, params }), { minLength: 1, maxLength: 2 }).map((values) => ({ star: false as const, values })),
    ),
    { nil: undefined },
  ),
  headers: extraHeaders,
  body: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
};

const request: fc.Arbitrary<SipMessage> = fc
  .record({ ...common, method: token, uri: sipUri.map((u) => ({ ...u, headers: [] })), seq: fc.nat(0xffffffff) })
  .map(({ seq, ...r }) => ({ ...r, type: 'request' as const, cseq: { seq, method: r.method } }));

const response: fc.Arbitrary<SipMessage> = fc
  .record({ ...common, status: fc.integer({ min: 100, max: 699 }), reason: text.map((s) => s.trim()), method: token, seq: fc.nat(0xffffffff) })
  .map(({ seq, method, ...r }) => ({ ...r, type: 'response' as const, cseq: { seq, method } }));

function comparable(m: SipMessage): unknown {
  const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (v instanceof Map ? [...v] : Buffer.isBuffer(v) ? undefined : v)));
  return {
    ...strip({ ...m, headers: [...m.headers].map((h) => [h.key, h.value]) }),
    body: m.body.toString('hex'),
  };
}

test('serialize then parse gives back the generated message (requests and responses)', () => {
  fc.assert(
    fc.property(fc.oneof(request, response), (m) => {
      const wire = serializeMessage(m);
      const r = parseMessage(wire);
      if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.reason}\n${wire.toString()}`);
      assert.deepEqual(comparable(r.message), comparable(m));
      assert.equal(r.length, wire.length);
    }),
    { numRuns: 300 },
  );
});

test('random octets never make the parser, the framer or the typed readers throw', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (a) => {
      const b = Buffer.from(a);
      parseMessage(b);
      parseMessage(b, { mode: 'stream' });
      frameStream(b);
      parseMultipart(b, 'multipart/mixed;boundary=x');
    }),
    { numRuns: 500 },
  );
});

test('mutated torture messages never throw, and whatever parses re-serializes into something that parses', { skip: !corpusAvailable() }, () => {
  const msgs = loadCorpus().map((c) => c.bytes);
  const names = ['p-asserted-identity', 'privacy', 'reason', 'diversion', 'history-info', 'session-expires', 'supported', 'allow', 'route', 'content-type'] as const;
  fc.assert(
    fc.property(
      fc.constantFrom(...msgs),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'cut', 'dup')), { minLength: 1, maxLength: 4 }),
      (orig, edits) => {
        let b = Buffer.from(orig);
        for (const [pos, val, op] of edits) {
          const i = pos % Math.max(1, b.length);
          if (op === 'flip') b[i] = val;
          else if (op === 'cut') b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1 + (val % 8))]);
          else b = Buffer.concat([b.subarray(0, i), b.subarray(i, i + (val % 16)), b.subarray(i)]);
        }
        frameStream(b);
        const r = parseMessage(b);
        if (!r.ok) return;
        for (const n of names) getTypedHeader(r.message.headers, n);
        const again = parseMessage(serializeMessage(r.message));
        if (!again.ok) throw new Error(`${again.error.reason}\n${serializeMessage(r.message).toString()}`);
      },
    ),
    { numRuns: 1500 },
  );
});
