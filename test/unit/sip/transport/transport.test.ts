// The SIP transport layer over real loopback sockets: stream framing, keep-alive, limits, UDP to TCP
// switch, IPv6, rate limiting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { nullLogger } from '../../../../src/log/logger.js';
import { SipTransport } from '../../../../src/sip/transport/transport.js';
import { UserAgent } from '../../../../src/sip/ua/user-agent.js';
import { createRequest, createVia, parseMessage, parseUri } from '../../../../src/sip/message/index.js';
import type { SipRequest } from '../../../../src/sip/message/types.js';
import { freeTcpPort, freeUdpPort } from '../../../helpers/ports.js';
import { request, status, tcpPeer, udpPeer } from './peer.js';

async function stack(
  opts: { limits?: Record<string, number>; address?: string; udpOnly?: boolean } = {},
): Promise<{ t: SipTransport; ua: UserAgent; port: number; close(): Promise<void> }> {
  const address = opts.address ?? '127.0.0.1';
  const port = await freeUdpPort(address);
  const listen: { transport: 'udp' | 'tcp'; address: string; port: number }[] = [{ transport: 'udp', address, port }];
  if (!opts.udpOnly) listen.push({ transport: 'tcp', address, port });
  const t = new SipTransport({ listen, log: nullLogger(), limits: opts.limits ?? {} });
  const ua = new UserAgent({ transport: t, log: nullLogger() });
  await t.start();
  return { t, ua, port, close: async () => (ua.close(), await t.close()) };
}

test('two pipelined requests in one TCP segment are framed by Content-Length and both answered', async () => {
  const s = await stack();
  const p = await tcpPeer(s.port);
  try {
    p.send(
      request('OPTIONS', { port: p.port, transport: 'TCP', callId: 'a' }) +
        request('OPTIONS', { port: p.port, transport: 'TCP', callId: 'b' }),
    );
    const r1 = await p.next((m) => /Call-ID: a/.test(m));
    const r2 = await p.next((m) => /Call-ID: b/.test(m));
    assert.equal(status(r1), 200);
    assert.equal(status(r2), 200);
  } finally {
    p.close();
    await s.close();
  }
});

test('a message split across many TCP writes is reassembled', async () => {
  const s = await stack();
  const p = await tcpPeer(s.port);
  try {
    const text = request('OPTIONS', { port: p.port, transport: 'TCP', callId: 'split' });
    for (let i = 0; i < text.length; i += 7) {
      p.send(text.slice(i, i + 7));
      await new Promise((r) => setImmediate(r));
    }
    assert.equal(status(await p.next()), 200);
  } finally {
    p.close();
    await s.close();
  }
});

test('a CRLFCRLF keep-alive ping on TCP is answered with a single CRLF (RFC 5626 §3.5.1)', async () => {
  const s = await stack();
  const p = await tcpPeer(s.port);
  try {
    p.send('\r\n\r\n');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(Buffer.concat(p.raw).toString(), '\r\n');
    assert.equal(s.t.counters['sip.keepalive.pongs'], 1);
  } finally {
    p.close();
    await s.close();
  }
});

test('a bad Content-Length on TCP gets 400 and the connection is closed instead of resynchronising', async () => {
  const s = await stack();
  const p = await tcpPeer(s.port);
  try {
    const bad = request('OPTIONS', { port: p.port, transport: 'TCP', callId: 'bad' }).replace(
      /Content-Length: 0/,
      'Content-Length: -5',
    );
    // What follows looks like a valid request: it must not be processed.
    p.send(bad + request('OPTIONS', { port: p.port, transport: 'TCP', callId: 'smuggled' }));
    await p.closed;
    assert.ok(
      p.all.every((m) => !/smuggled/.test(m)),
      'the bytes after the bad message were not parsed',
    );
    assert.ok(
      p.all.some((m) => status(m) === 400),
      'a 400 was sent before closing',
    );
    assert.equal(s.t.counters['sip.conn.bad_framing'], 1);
  } finally {
    p.close();
    await s.close();
  }
});

test('idle TCP connections are closed after the idle timeout and counted', async () => {
  const s = await stack({ limits: { idleTimeoutMs: 150 } });
  const p = await tcpPeer(s.port);
  try {
    const t0 = Date.now();
    await p.closed;
    assert.ok(Date.now() - t0 >= 100);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(s.t.counters['sip.conn.idle_closed'], 1);
  } finally {
    await s.close();
  }
});

test('connections beyond the maximum are refused and counted', async () => {
  const s = await stack({ limits: { maxConnections: 2 } });
  const peers = [await tcpPeer(s.port), await tcpPeer(s.port)];
  try {
    await new Promise((r) => setTimeout(r, 50));
    const third = await tcpPeer(s.port);
    await third.closed;
    assert.equal(s.t.counters['sip.conn.refused_limit'], 1);
    assert.equal(s.t.connectionCount, 2);
  } finally {
    for (const p of peers) p.close();
    await s.close();
  }
});

test('a UDP datagram over the size limit is dropped and counted', async () => {
  const s = await stack({ limits: { maxMessageSize: 600 } });
  const p = await udpPeer(s.port);
  try {
    p.send(request('OPTIONS', { port: p.port, extra: `X-Pad: ${'x'.repeat(800)}\r\n` }));
    await assert.rejects(p.next(undefined, 300));
    assert.equal(s.t.counters['sip.rx.too_large'], 1);
  } finally {
    p.close();
    await s.close();
  }
});

test('requests beyond the per-source rate get 503 with Retry-After and are counted', async () => {
  const s = await stack({ limits: { maxRequestsPerSecondPerSource: 3 } });
  const p = await udpPeer(s.port);
  try {
    for (let i = 0; i < 6; i++) p.send(request('OPTIONS', { port: p.port, callId: `r${i}` }));
    const got: string[] = [];
    for (let i = 0; i < 6; i++) got.push(await p.next());
    const codes = got.map(status).sort();
    // Within one second window: 3 accepted; unless the window rolled over mid-burst (then more 200s).
    assert.ok(
      codes.filter((c) => c === 503).length >= 1 && codes.filter((c) => c === 503).length <= 3,
      codes.join(','),
    );
    assert.ok(got.filter((m) => status(m) === 503).every((m) => /\r\nRetry-After: \d+/.test(m)));
    assert.ok(s.t.counters['sip.rx.rate_limited'] >= 1);
  } finally {
    p.close();
    await s.close();
  }
});

test('a request larger than 1300 bytes to a UDP destination goes over TCP (RFC 3261 §18.1.1)', async () => {
  const s = await stack();
  const port = await freeTcpPort();
  const received: string[] = [];
  const srv = createServer((c) => c.on('data', (d: Buffer) => received.push(d.toString())));
  await new Promise<void>((r) => srv.listen(port, '127.0.0.1', () => r()));
  try {
    const u = parseUri(`sip:far@127.0.0.1:${port}`);
    assert.ok(u.ok);
    const req: SipRequest = createRequest({
      method: 'MESSAGE',
      uri: u.value,
      from: { displayName: undefined, uri: u.value, params: new Map(), tag: 'x' },
      to: { displayName: undefined, uri: u.value, params: new Map(), tag: undefined },
      callId: 'big',
      cseq: { seq: 1, method: 'MESSAGE' },
      via: [createVia('UDP', '0.0.0.0', undefined)],
      body: Buffer.alloc(1400, 'a'),
      contentType: 'text/plain',
    });
    s.t.sendRequest(req, { transport: 'udp', address: '127.0.0.1', port });
    await new Promise((r) => setTimeout(r, 200));
    const text = received.join('');
    assert.match(text, /^MESSAGE /);
    assert.match(text, /\r\nVia: SIP\/2\.0\/TCP 127\.0\.0\.1:\d+;/, 'the Via names TCP and our TCP listener');
    assert.equal(s.t.counters['sip.tx.udp_to_tcp'], 1);
    const parsed = parseMessage(Buffer.from(text), { mode: 'stream' });
    assert.ok(parsed.ok);
  } finally {
    await s.close();
    await new Promise<void>((r) => srv.close(() => r()));
  }
});

test('an OPTIONS over IPv6 UDP is answered on ::1', async (t) => {
  let s;
  try {
    s = await stack({ address: '::1', udpOnly: true });
  } catch {
    t.skip('no IPv6 loopback');
    return;
  }
  const p = await udpPeer(s.port, '::1');
  try {
    p.send(request('OPTIONS', { port: p.port, host: '::1' }));
    const r = await p.next();
    assert.equal(status(r), 200);
    assert.match(r, /Contact: <sip:tandem@\[::1\]:\d+>/);
  } finally {
    p.close();
    await s.close();
  }
});
