import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameStream, parseMessage } from '../../../../src/sip/message/index.js';

const msg = (body: string, cl = Buffer.byteLength(body)) =>
  Buffer.from(
    `MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nFrom: <sip:x@y>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nl: ${cl}\r\n\r\n${body}`,
  );

/** feed a stream byte chunk by chunk, collecting framed messages */
function drain(chunks: Buffer[]): { messages: Buffer[]; pings: number; error?: string } {
  let buf = Buffer.alloc(0);
  const messages: Buffer[] = [];
  let pings = 0;
  for (const c of chunks) {
    buf = Buffer.concat([buf, c]);
    for (;;) {
      const f = frameStream(buf);
      if (f.kind === 'need-more') break;
      if (f.kind === 'error') return { messages, pings, error: f.error.kind };
      if (f.kind === 'keepalive') pings += f.length;
      else messages.push(buf.subarray(0, f.length));
      buf = buf.subarray(f.length);
    }
  }
  return { messages, pings };
}

test('pipelined messages split at arbitrary points are framed by Content-Length', () => {
  const all = Buffer.concat([msg('hello'), Buffer.from('\r\n\r\n'), msg('wörld'), msg('')]);
  for (const step of [1, 7, 64, all.length]) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < all.length; i += step) chunks.push(all.subarray(i, i + step));
    const r = drain(chunks);
    assert.equal(r.error, undefined);
    assert.equal(r.pings, 4, 'the CRLFCRLF between messages is consumed as keep-alive octets');
    assert.equal(r.messages.length, 3, `step ${step}`);
    const bodies = r.messages.map((m) => {
      const p = parseMessage(m, { mode: 'stream' });
      assert.ok(p.ok);
      return p.message.body.toString();
    });
    assert.deepEqual(bodies, ['hello', 'wörld', '']);
  }
});

test('a bad Content-Length on a stream is an error and never resyncs onto the following bytes', () => {
  const bad = Buffer.concat([msg('x', -5), msg('next')]);
  const r = drain([bad]);
  assert.equal(r.error, 'bad-content-length');
  assert.equal(r.messages.length, 0);
  const twoCl = Buffer.from(msg('abc').toString().replace('l: 3', 'l: 3\r\nContent-Length: 4'));
  assert.equal(drain([twoCl]).error, 'bad-content-length');
  const none = Buffer.from(msg('abc').toString().replace('l: 3\r\n', ''));
  assert.equal(drain([none]).error, 'missing-header');
});

test('a header section that never ends is refused once it exceeds the size limit', () => {
  const f = frameStream(Buffer.alloc(2000, 65), 1000);
  assert.ok(f.kind === 'error' && f.error.kind === 'too-large');
  assert.equal(frameStream(Buffer.alloc(500, 65), 1000).kind, 'need-more');
  const big = frameStream(msg('x', 5000), 1000);
  assert.ok(big.kind === 'error' && big.error.status === 513);
});

test('CRLF keep-alive: a ping is a double CRLF, a pong a single CRLF (RFC 5626 §3.5.1)', () => {
  assert.deepEqual(frameStream(Buffer.from('\r\n\r\n')), { kind: 'keepalive', length: 4, ping: true });
  assert.deepEqual(frameStream(Buffer.from('\r\nINVITE')), { kind: 'keepalive', length: 2, ping: false });
  assert.deepEqual(frameStream(Buffer.from('\r\n\r')), { kind: 'need-more' });
});

test('the torture corpus sent back to back on one stream frames message by message and stops at the first bad Content-Length', async () => {
  const { corpusAvailable, loadCorpus } = await import('./corpus.js');
  if (!corpusAvailable()) return;
  const corpus = loadCorpus();
  const framable = corpus.filter((c) => (c.validity === 'valid' || c.validity === 'valid-semantic') && c.tag !== 'inv2543' && c.tag !== 'dblreq');
  const ncl = corpus.find((c) => c.tag === 'ncl')!;
  const stream = Buffer.concat([...framable.map((c) => c.bytes), ncl.bytes, framable[0]!.bytes]);
  for (const step of [13, 1000]) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < stream.length; i += step) chunks.push(stream.subarray(i, i + step));
    const r = drain(chunks);
    assert.equal(r.messages.length, framable.length, `step ${step}: every message before ncl`);
    r.messages.forEach((m, i) => assert.deepEqual(m, framable[i]!.bytes));
    assert.equal(r.error, 'bad-content-length', 'then an error: the message after ncl is never reached');
  }
});
