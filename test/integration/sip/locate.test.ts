// RFC 3263 on the UAC path with real sockets: a Tandem UAC calls SIP URIs with host names that a DNS
// server of the test (127.0.0.1, random port) resolves; failover to the next target on a refused TCP
// connection, a 503 and a timeout (§4.3), NXDOMAIN as a clean call failure, §5 responses to a sent-by
// name, and Tandem UAC → sipp UAS by name.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nullLogger } from '../../../src/log/logger.js';
import { createResponse, parseMessage } from '../../../src/sip/message/index.js';
import type { SipRequest } from '../../../src/sip/message/types.js';
import { DEFAULT_DNS_OPTIONS, NodeSipDns } from '../../../src/sip/transport/dns.js';
import { ServerLocator } from '../../../src/sip/transport/resolve.js';
import { SipTransport } from '../../../src/sip/transport/transport.js';
import type { Destination } from '../../../src/sip/transport/types.js';
import type { Call } from '../../../src/sip/ua/call.js';
import type { CallEvent } from '../../../src/sip/ua/events.js';
import { startDnsServer, type DnsRecord, type TestDnsServer } from '../../helpers/dns-server.js';
import { freeTcpPort, freeUdpPort } from '../../helpers/ports.js';
import { requireTool } from '../../helpers/tools.js';
import { runSipp } from './sipp.js';
import { startStack } from './stack.js';
import { attachTestUas } from './uas-app.js';

const SDP = 'v=0\r\no=x 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n';

let dns: TestDnsServer;
before(async () => {
  dns = await startDnsServer();
});
after(async () => {
  await dns.close();
});

interface SentInvite {
  branch: string | undefined;
  dest: string;
}

/** Records the INVITEs a transport sends: branch and destination. */
function recordInvites(t: SipTransport): SentInvite[] {
  const out: SentInvite[] = [];
  const orig = t.sendRequest.bind(t);
  t.sendRequest = (req: SipRequest, dest: Destination, onError) => {
    if (req.method === 'INVITE')
      out.push({ branch: req.via[0]?.branch, dest: `${dest.transport} ${dest.address}:${dest.port}` });
    orig(req, dest, onError);
  };
  return out;
}

/** Every event of a call from its creation, with waiting for the first of some types. */
function track(call: Call): (types: CallEvent['type'][], ms?: number) => Promise<CallEvent> {
  const seen: CallEvent[] = [];
  const waiters: { types: CallEvent['type'][]; resolve: (e: CallEvent) => void }[] = [];
  call.on((e) => {
    seen.push(e);
    for (const w of waiters.filter((x) => x.types.includes(e.type))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(e);
    }
  });
  return (types, ms = 8000) => {
    const done = seen.find((e) => types.includes(e.type));
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${types.join('/')} within ${ms} ms (state ${call.state})`)),
        ms,
      );
      waiters.push({
        types,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  };
}

const srv = (name: string, priority: number, port: number, target: string): DnsRecord => ({
  name,
  type: 'SRV',
  priority,
  weight: 1,
  port,
  target,
});
const a = (name: string, address: string): DnsRecord => ({ name, type: 'A', address });

test('a call to a name goes NAPTR → SRV → A and fails over from a refused TCP connection to the next SRV target with a new branch', async () => {
  const b = await startStack({ address: '127.0.0.2' });
  const uac = await startStack({ dnsServers: [dns.address] });
  const closed = await freeTcpPort('127.0.0.1');
  dns.setRecords([
    {
      name: 'svc.test',
      type: 'NAPTR',
      order: 10,
      preference: 10,
      flags: 's',
      service: 'SIP+D2T',
      regexp: '',
      replacement: '_sip._tcp.svc.test',
    },
    srv('_sip._tcp.svc.test', 10, closed, 'dead.svc.test'),
    srv('_sip._tcp.svc.test', 20, b.tcpPort, 'live.svc.test'),
    a('dead.svc.test', '127.0.0.1'),
    a('live.svc.test', '127.0.0.2'),
  ]);
  try {
    const uas = attachTestUas(b.ua);
    const sent = recordInvites(uac.transport);
    const call = uac.ua.call({ to: 'sip:+4930123@svc.test', sdp: SDP });
    const wait = track(call);
    const ev = await wait(['answered', 'failed']);
    assert.equal(ev.type, 'answered', JSON.stringify(ev.type === 'failed' ? ev : ''));
    assert.deepEqual(
      sent.map((s) => s.dest),
      [`tcp 127.0.0.1:${closed}`, `tcp 127.0.0.2:${b.tcpPort}`],
    );
    assert.notEqual(sent[0]?.branch, sent[1]?.branch, 'the retry is a new transaction (new branch)');
    assert.equal(uas.calls.length, 1);
    assert.equal(uas.calls[0]?.invite.via[0]?.transport, 'TCP');
    call.hangup();
    await wait(['terminated']);
    // The next call remembers the refused target (sip.dns.failedTargetSeconds) and goes to the live one first.
    sent.length = 0;
    const call2 = uac.ua.call({ to: 'sip:+4930124@svc.test', sdp: SDP });
    const wait2 = track(call2);
    assert.equal((await wait2(['answered', 'failed'])).type, 'answered');
    assert.deepEqual(
      sent.map((x) => x.dest),
      [`tcp 127.0.0.2:${b.tcpPort}`],
    );
    call2.hangup();
    await wait2(['terminated']);
  } finally {
    await uac.close();
    await b.close();
  }
});

test('a 503 from the first SRV target sends the INVITE to the next one (UDP)', async () => {
  const busy = await startStack({ address: '127.0.0.3' });
  const b = await startStack({ address: '127.0.0.2' });
  const uac = await startStack({ dnsServers: [dns.address] });
  dns.setRecords([
    srv('_sip._udp.u503.test', 1, busy.port, 'busy.u503.test'),
    srv('_sip._udp.u503.test', 2, b.port, 'ok.u503.test'),
    a('busy.u503.test', '127.0.0.3'),
    a('ok.u503.test', '127.0.0.2'),
  ]);
  try {
    let rejected = 0;
    busy.ua.onIncomingCall = (c) => {
      rejected++;
      c.reject(503);
    };
    attachTestUas(b.ua);
    const sent = recordInvites(uac.transport);
    const call = uac.ua.call({ to: 'sip:+4930123@u503.test', sdp: SDP });
    const wait = track(call);
    const ev = await wait(['answered', 'failed']);
    assert.equal(ev.type, 'answered');
    assert.equal(rejected, 1);
    assert.deepEqual(
      sent.map((s) => s.dest),
      [`udp 127.0.0.3:${busy.port}`, `udp 127.0.0.2:${b.port}`],
    );
    call.hangup();
    await wait(['terminated']);
  } finally {
    await uac.close();
    await b.close();
    await busy.close();
  }
});

test('a UDP target that never answers is left for the next one when Timer B fires without any response', async () => {
  const b = await startStack({ address: '127.0.0.2' });
  const uac = await startStack({ dnsServers: [dns.address], timers: { T1: 20, T2: 80, T4: 100 } });
  const silent = createSocket('udp4'); // swallows the INVITEs
  await new Promise<void>((r) => silent.bind(0, '127.0.0.4', r));
  dns.setRecords([
    srv('_sip._udp.quiet.test', 1, silent.address().port, 'mute.quiet.test'),
    srv('_sip._udp.quiet.test', 2, b.port, 'ok.quiet.test'),
    a('mute.quiet.test', '127.0.0.4'),
    a('ok.quiet.test', '127.0.0.2'),
  ]);
  try {
    attachTestUas(b.ua);
    const sent = recordInvites(uac.transport);
    const t0 = performance.now();
    const call = uac.ua.call({ to: 'sip:+4930123@quiet.test', sdp: SDP });
    const wait = track(call);
    const ev = await wait(['answered', 'failed']);
    assert.equal(ev.type, 'answered');
    const elapsed = performance.now() - t0;
    // Timer B = 64*T1 = 1280 ms before the second target is tried.
    assert.ok(elapsed >= 1200, `answered after ${elapsed.toFixed(0)} ms, Timer B is 1280 ms`);
    const first = sent.filter((s) => s.dest.startsWith('udp 127.0.0.4:'));
    assert.ok(first.length >= 2, 'the first target got the INVITE and its Timer A retransmissions');
    assert.equal(sent.at(-1)?.dest, `udp 127.0.0.2:${b.port}`);
    call.hangup();
    await wait(['terminated']);
  } finally {
    silent.close();
    await uac.close();
    await b.close();
  }
});

test('a call to a domain that does not exist fails with 503 and the NXDOMAIN reason, never an exception', async () => {
  const uac = await startStack({ dnsServers: [dns.address] });
  dns.setRecords([a('exists.test', '127.0.0.1')]);
  try {
    const sent = recordInvites(uac.transport);
    const call = uac.ua.call({ to: 'sip:bob@nowhere.invalid', sdp: SDP });
    const wait = track(call);
    const ev = await wait(['answered', 'failed']);
    assert.equal(ev.type, 'failed');
    assert.ok(ev.type === 'failed' && ev.status === 503, `expected a 503 failure, got ${ev.type}`);
    assert.match(ev.type === 'failed' ? (ev.detail ?? '') : '', /nowhere\.invalid: no such domain \(NXDOMAIN\)/);
    const end = await wait(['terminated']);
    assert.ok(end.type === 'terminated' && end.cause === 'transport-error', JSON.stringify(end));
    assert.equal(sent.length, 0, 'no INVITE was sent');
  } finally {
    await uac.close();
  }
});

test('when every target refuses the connection the call fails with 503 after trying each once', async () => {
  const uac = await startStack({ dnsServers: [dns.address] });
  const p1 = await freeTcpPort('127.0.0.1');
  const p2 = await freeTcpPort('127.0.0.1');
  dns.setRecords([
    srv('_sip._tcp.down.test', 1, p1, 'h.down.test'),
    srv('_sip._tcp.down.test', 2, p2, 'h.down.test'),
    a('h.down.test', '127.0.0.1'),
  ]);
  try {
    const sent = recordInvites(uac.transport);
    const call = uac.ua.call({ to: 'sip:x@down.test;transport=tcp', sdp: SDP });
    const wait = track(call);
    const ev = await wait(['answered', 'failed']);
    assert.ok(ev.type === 'failed' && ev.status === 503, JSON.stringify(ev.type));
    assert.deepEqual(
      sent.map((s) => s.dest),
      [`tcp 127.0.0.1:${p1}`, `tcp 127.0.0.1:${p2}`],
    );
  } finally {
    await uac.close();
  }
});

test('a call hung up while its server is being located ends cancelled without sending anything', async () => {
  const uac = await startStack({ dnsServers: [dns.address] });
  dns.setRecords([a('slow.test', '127.0.0.1')]);
  try {
    const sent = recordInvites(uac.transport);
    const call = uac.ua.call({ to: 'sip:x@slow.test', sdp: SDP });
    const wait = track(call);
    call.hangup();
    const end = await wait(['terminated']);
    assert.ok(end.type === 'terminated' && end.cause === 'cancelled', JSON.stringify(end));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(sent.length, 0);
  } finally {
    await uac.close();
  }
});

test('§5: a response whose Via names a host (no received) goes to the address DNS gives for it', async () => {
  const peer = createSocket('udp4');
  await new Promise<void>((r) => peer.bind(0, '127.0.0.5', r));
  const got = new Promise<Buffer>((resolve) => peer.once('message', (m) => resolve(m)));
  dns.setRecords([a('peer.example.test', '127.0.0.5')]);
  const locator = new ServerLocator({
    dns: new NodeSipDns({ ...DEFAULT_DNS_OPTIONS, servers: [dns.address], timeoutMs: 500, tries: 1 }),
  });
  const port = await freeUdpPort();
  const t = new SipTransport({
    listen: [{ transport: 'udp', address: '127.0.0.1', port }],
    log: nullLogger(),
    forceRport: false,
    locator,
  });
  await t.start();
  try {
    const r = parseMessage(
      Buffer.from(
        `OPTIONS sip:t@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP peer.example.test:${peer.address().port};branch=z9hG4bKn5\r\n` +
          'From: <sip:a@peer.example.test>;tag=1\r\nTo: <sip:t@127.0.0.1>\r\nCall-ID: n5\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n',
      ),
    );
    assert.ok(r.ok && r.message.type === 'request', 'test request parses');
    if (!r.ok || r.message.type !== 'request') return;
    t.sendResponse(createResponse(r.message, 200), {
      transport: 'udp',
      localAddress: '127.0.0.1',
      localPort: port,
      remoteAddress: '127.0.0.9',
      remotePort: 9,
    });
    const msg = await Promise.race([
      got,
      new Promise<never>((_, rej) => setTimeout(() => rej(new Error('no response at the located address')), 3000)),
    ]);
    assert.match(msg.toString(), /^SIP\/2\.0 200 OK/);
  } finally {
    peer.close();
    await t.close();
  }
});

test('a sips URI is located over _sips._tcp only, reached by TLS, and the certificate is checked against the URI domain', async (t) => {
  if (!requireTool(t, 'openssl')) return;
  const dir = mkdtempSync(join(tmpdir(), 'tandem-locate-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1'].concat([
      '-subj',
      '/CN=secure.test',
      '-addext',
      'subjectAltName=DNS:secure.test',
    ]),
    { stdio: 'ignore' },
  );
  assert.equal(made.status, 0, 'openssl made a certificate');
  const b = await startStack({ tls: { cert, key } });
  const uac = await startStack({ dnsServers: [dns.address], tls: { cert, key }, tlsCa: cert });
  dns.setRecords([
    // A UDP SRV for the same domain must not be used for sips.
    srv('_sip._udp.secure.test', 1, b.port, 'srv-host.test'),
    srv('_sips._tcp.secure.test', 1, b.tlsPort, 'srv-host.test'),
    srv('_sips._tcp.impostor.test', 1, b.tlsPort, 'srv-host.test'),
    a('srv-host.test', '127.0.0.1'),
    a('impostor.test', '127.0.0.1'),
  ]);
  try {
    const uas = attachTestUas(b.ua);
    const sent = recordInvites(uac.transport);
    const call = uac.ua.call({ to: 'sips:bob@secure.test', sdp: SDP });
    const wait = track(call);
    const ev = await wait(['answered', 'failed']);
    assert.equal(ev.type, 'answered', ev.type === 'failed' ? ev.reasonPhrase : '');
    assert.deepEqual(
      sent.map((x) => x.dest),
      [`tls 127.0.0.1:${b.tlsPort}`],
    );
    call.hangup();
    await wait(['terminated']);
    // ACK and BYE (to the numeric Contact) went over the connection verified for secure.test.
    for (let i = 0; i < 50 && !uas.events.some((e) => e.cause === 'remote-bye'); i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.ok(
      uas.events.some((e) => e.event === 'confirmed') && uas.events.some((e) => e.cause === 'remote-bye'),
      JSON.stringify(uas.events),
    );
    assert.equal(b.transport.counters['sip.conn.opened'], 1, 'one TLS connection carried the dialog');
    // The same server reached for another domain: its certificate does not name it → TLS fails → 503.
    const bad = uac.ua.call({ to: 'sips:bob@impostor.test', sdp: SDP });
    const badEv = await track(bad)(['answered', 'failed']);
    assert.ok(badEv.type === 'failed' && badEv.status === 503, JSON.stringify(badEv.type));
  } finally {
    await uac.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a Tandem UAC reaches sipp UAS at a name resolved through SRV and A (end to end)', async (t) => {
  if (!requireTool(t, 'sipp', 'sip-tester')) return;
  const uac = await startStack({ dnsServers: [dns.address] });
  const port = await freeUdpPort();
  dns.setRecords([srv('_sip._udp.sipp.test', 10, port, 'uas.sipp.test'), a('uas.sipp.test', '127.0.0.1')]);
  try {
    const sipp = runSipp({ scenario: '-sn:uas', localPort: port, calls: 1, timeoutMs: 10000 });
    await new Promise((r) => setTimeout(r, 400));
    const call = uac.ua.call({ to: 'sip:service@sipp.test', sdp: SDP });
    const wait = track(call);
    const ev = await wait(['answered', 'failed']);
    assert.equal(ev.type, 'answered');
    await new Promise((r) => setTimeout(r, 50));
    call.hangup();
    const r = await sipp;
    assert.equal(r.code, 0, r.stderr.slice(-800));
    assert.equal(call.state, 'Terminated');
  } finally {
    await uac.close();
  }
});

test('stopping the stack while a name is being located ends the call at once instead of waiting for DNS', async () => {
  const silent = createSocket('udp4'); // a DNS server that never answers
  await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r));
  const uac = await startStack({ dnsServers: [`127.0.0.1:${silent.address().port}`] });
  try {
    const call = uac.ua.call({ to: 'sip:x@unanswered.test', sdp: SDP });
    const wait = track(call);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    await uac.close();
    const ev = await wait(['failed'], 2000);
    const took = performance.now() - t0;
    assert.ok(ev.type === 'failed' && ev.status === 503, `expected 503, got ${ev.type}`);
    assert.match(ev.type === 'failed' ? (ev.detail ?? '') : '', /ECANCELLED/);
    // The query timeout of the stack is 500 ms per lookup and several lookups remain.
    assert.ok(took < 400, `call ended ${took.toFixed(0)} ms after close`);
  } finally {
    silent.close();
    await uac.close();
  }
});
