// SIP over TLS (RFC 3261 §18, §26.2.1; sips:) against real TLS peers: openssl s_client, a node TLS
// client acting as a UA, and a second Tandem stack (certificate verified against the test CA).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { requireTool } from '../../helpers/tools.js';
import type { CallEvent } from '../../../src/sip/ua/events.js';
import { startStack } from './stack.js';
import { attachTestUas, sdpAnswer } from './uas-app.js';

let dir = '';
let cert = '';
let key = '';
let haveOpenssl = false;

before(() => {
  haveOpenssl = spawnSync('sh', ['-c', 'command -v openssl'], { stdio: 'ignore' }).status === 0;
  if (!haveOpenssl) return;
  dir = mkdtempSync(join(tmpdir(), 'tandem-tls-'));
  cert = join(dir, 'cert.pem');
  key = join(dir, 'key.pem');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  assert.equal(r.status, 0, 'openssl req made a certificate');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const OPTIONS = (branch: string): string =>
  `OPTIONS sips:t@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:9;branch=z9hG4bK${branch};rport\r\nFrom: <sips:a@127.0.0.1>;tag=1\r\nTo: <sips:t@127.0.0.1>\r\nCall-ID: ${branch}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`;

test('openssl s_client sends OPTIONS over TLS and reads 200 OK', async (t) => {
  if (!requireTool(t, 'openssl')) return;
  const svc = await startStack({ tls: { cert, key } });
  try {
    const out = await new Promise<string>((resolve) => {
      const p = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${svc.tlsPort}`, '-quiet', '-ign_eof'], {
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      let buf = '';
      const done = (): void => {
        p.kill();
        resolve(buf);
      };
      p.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        if (/\r\n\r\n/.test(buf)) done();
      });
      p.stdin.write(OPTIONS('ssl1'));
      setTimeout(done, 5000);
    });
    assert.match(out, /^SIP\/2\.0 200 OK\r\n/);
    assert.match(out, /\r\nAllow: /);
  } finally {
    await svc.close();
  }
});

function readMessages(sock: ReturnType<typeof connect>): {
  next(pred: (m: string) => boolean, ms?: number): Promise<string>;
} {
  let buf = '';
  const waiters: { pred: (m: string) => boolean; resolve: (m: string) => void }[] = [];
  const queue: string[] = [];
  sock.on('data', (d: Buffer) => {
    buf += d.toString('latin1');
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const cl = Number(/\r\nContent-Length:\s*(\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
      if (buf.length < end + 4 + cl) return;
      const msg = buf.slice(0, end + 4 + cl);
      buf = buf.slice(end + 4 + cl);
      const w = waiters.findIndex((x) => x.pred(msg));
      if (w >= 0) waiters.splice(w, 1)[0]?.resolve(msg);
      else queue.push(msg);
    }
  });
  return {
    next(pred, ms = 3000) {
      const i = queue.findIndex(pred);
      if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0] as string);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('timeout waiting for a message')), ms);
        waiters.push({ pred, resolve: (m) => (clearTimeout(t), resolve(m)) });
      });
    },
  };
}

test('a node TLS client acting as a UA places a call: 180, 200, ACK and BYE on one TLS connection', async (t) => {
  if (!requireTool(t, 'openssl')) return;
  const svc = await startStack({ tls: { cert, key } });
  const app = attachTestUas(svc.ua);
  const sock = connect({ host: '127.0.0.1', port: svc.tlsPort, rejectUnauthorized: false });
  try {
    await new Promise<void>((r) => sock.once('secureConnect', () => r()));
    const rx = readMessages(sock);
    const me = `127.0.0.1:${sock.localPort}`;
    const sdp =
      'v=0\r\no=x 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n';
    const common = `From: <sips:alice@127.0.0.1>;tag=tls1\r\nCall-ID: tls-call-1\r\nMax-Forwards: 70\r\n`;
    sock.write(
      `INVITE sips:bob@127.0.0.1:${svc.tlsPort} SIP/2.0\r\nVia: SIP/2.0/TLS ${me};branch=z9hG4bKtlsinv\r\n${common}To: <sips:bob@127.0.0.1>\r\nCSeq: 1 INVITE\r\nContact: <sips:alice@${me}>\r\nContent-Type: application/sdp\r\nContent-Length: ${sdp.length}\r\n\r\n${sdp}`,
    );
    const ring = await rx.next((m) => m.startsWith('SIP/2.0 180'));
    const ok = await rx.next((m) => m.startsWith('SIP/2.0 200'));
    assert.match(ok, /\r\nContact: <sips:tandem@127\.0\.0\.1:\d+;transport=tls>/);
    assert.match(ok, /m=audio \d+ RTP\/AVP 8/);
    const toTag = /\r\nTo: [^\r]*;tag=([^;\r]+)/.exec(ok)?.[1];
    assert.ok(toTag && ring.includes(toTag));
    const inDialog = `${common}To: <sips:bob@127.0.0.1>;tag=${toTag}\r\n`;
    sock.write(
      `ACK sips:tandem@127.0.0.1:${svc.tlsPort} SIP/2.0\r\nVia: SIP/2.0/TLS ${me};branch=z9hG4bKtlsack\r\n${inDialog}CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n`,
    );
    sock.write(
      `BYE sips:tandem@127.0.0.1:${svc.tlsPort} SIP/2.0\r\nVia: SIP/2.0/TLS ${me};branch=z9hG4bKtlsbye\r\n${inDialog}CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n`,
    );
    const byeOk = await rx.next((m) => m.startsWith('SIP/2.0 200') && /CSeq: 2 BYE/.test(m));
    assert.ok(byeOk);
    assert.deepEqual(
      app.events.map((e) => e.event),
      ['confirmed', 'terminated'],
    );
  } finally {
    sock.destroy();
    await svc.close();
  }
});

test('a Tandem UAC calls another Tandem stack at a sips: URI over TLS with the certificate verified', async (t) => {
  if (!requireTool(t, 'openssl')) return;
  const b = await startStack({ tls: { cert, key } });
  const a = await startStack({ tls: { cert, key }, tlsCa: cert });
  try {
    b.ua.onIncomingCall = (c) => c.answer({ sdp: sdpAnswer(c.remoteSdp ?? '') });
    const call = a.ua.call({
      to: `sips:bob@127.0.0.1:${b.tlsPort}`,
      sdp: 'v=0\r\no=x 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n',
    });
    const ev = await new Promise<CallEvent>((resolve) =>
      call.on((e) => (e.type === 'answered' || e.type === 'failed' ? resolve(e) : undefined)),
    );
    assert.equal(ev.type, 'answered');
    assert.equal(b.transport.counters['sip.conn.opened'], 1, 'one TLS connection carried the dialog');
    call.hangup();
  } finally {
    await a.close();
    await b.close();
  }
});
