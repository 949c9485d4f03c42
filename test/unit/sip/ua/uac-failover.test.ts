// RFC 3263 §4.3 failover rules of the UAC, against raw UDP peers and an in-memory DNS table: once a
// response came the INVITE stays with its target; a hang-up after failover CANCELs the attempt in progress
// (its branch, its target); a 503 on the last target is the call's outcome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nullLogger } from '../../../../src/log/logger.js';
import type { DnsResult, NaptrRecord, SipDnsLookup, SrvRecord } from '../../../../src/sip/transport/dns.js';
import { ServerLocator } from '../../../../src/sip/transport/resolve.js';
import { SipTransport } from '../../../../src/sip/transport/transport.js';
import type { CallEvent } from '../../../../src/sip/ua/events.js';
import { UserAgent } from '../../../../src/sip/ua/user-agent.js';
import { freeUdpPort } from '../../../helpers/ports.js';
import { udpPeer, type Peer } from '../transport/peer.js';

const SDP = 'v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n';

/** SRV _sip._udp.<domain> → the peers' ports in priority order, all at 127.0.0.1. */
function table(domain: string, ports: number[]): SipDnsLookup {
  const none = <T>(): Promise<DnsResult<T>> => Promise.resolve({ outcome: 'nxdomain', records: [] });
  return {
    naptr: () => none<NaptrRecord>(),
    srv: (name) =>
      name === `_sip._udp.${domain}`
        ? Promise.resolve({
            outcome: 'ok',
            records: ports.map((port, i): SrvRecord => ({ priority: i + 1, weight: 1, port, name: `h${i}.${domain}` })),
          })
        : none<SrvRecord>(),
    addresses: (name, family) =>
      family === 4 && name.endsWith(domain)
        ? Promise.resolve({ outcome: 'ok', records: ['127.0.0.1'] })
        : Promise.resolve({ outcome: 'nodata', records: [] }),
  };
}

async function setup(ports: number[], T1 = 20): Promise<{ ua: UserAgent; port: number; close(): Promise<void> }> {
  const port = await freeUdpPort();
  const t = new SipTransport({ listen: [{ transport: 'udp', address: '127.0.0.1', port }], log: nullLogger() });
  const ua = new UserAgent({
    transport: t,
    log: nullLogger(),
    timers: { T1, T2: T1 * 8, T4: T1 * 10 },
    locator: new ServerLocator({ dns: table('fo.test', ports) }),
  });
  await t.start();
  return { ua, port, close: async () => (ua.close(), await t.close()) };
}

function reply(req: string, code: number, reason: string, port: number, toTag?: string): string {
  const hdr = (n: string): string => new RegExp(`\\r\\n${n}: ([^\\r]*)`).exec(req)?.[1] ?? '';
  const vias = [...req.matchAll(/\r\nVia: ([^\r]*)/g)].map((m) => `Via: ${m[1]}\r\n`).join('');
  return (
    `SIP/2.0 ${code} ${reason}\r\n${vias}From: ${hdr('From')}\r\nTo: ${hdr('To')}${toTag ? `;tag=${toTag}` : ''}\r\n` +
    `Call-ID: ${hdr('Call-ID')}\r\nCSeq: ${hdr('CSeq')}\r\nContact: <sip:far@127.0.0.1:${port}>\r\nContent-Length: 0\r\n\r\n`
  );
}

const branch = (m: string): string => /branch=([^;\r\s]+)/.exec(m)?.[1] ?? '';

async function peers(n: number): Promise<Peer[]> {
  const out: Peer[] = [];
  for (let i = 0; i < n; i++) out.push(await udpPeer(0));
  return out;
}

test('a provisional response ends failover: no Timer B in Proceeding, the INVITE stays with that target and is CANCELled there', async () => {
  const [p1, p2] = (await peers(2)) as [Peer, Peer];
  const s = await setup([p1.port, p2.port]);
  const to = await udpPeer(s.port);
  try {
    const call = s.ua.call({ to: 'sip:far@fo.test', sdp: SDP });
    const ev: CallEvent[] = [];
    call.on((e) => ev.push(e));
    const inv = await p1.next((m) => m.startsWith('INVITE'));
    to.send(reply(inv, 100, 'Trying', p1.port));
    // Well past Timer B (64*T1 = 1280 ms): §17.1.1.2 runs Timer B only in Calling.
    await new Promise((r) => setTimeout(r, 64 * 20 + 400));
    assert.equal(p2.all.filter((m) => m.startsWith('INVITE')).length, 0, 'the second target got nothing');
    assert.deepEqual(ev, [], 'no failure reported');
    call.hangup();
    const cancel = await p1.next((m) => m.startsWith('CANCEL'));
    assert.equal(branch(cancel), branch(inv));
  } finally {
    to.close();
    p1.close();
    p2.close();
    await s.close();
  }
});

test('after a failover a hang-up CANCELs the second attempt: its branch, its target', async () => {
  const [p1, p2] = (await peers(2)) as [Peer, Peer];
  const s = await setup([p1.port, p2.port]);
  const to = await udpPeer(s.port);
  try {
    const call = s.ua.call({ to: 'sip:far@fo.test', sdp: SDP });
    const inv1 = await p1.next((m) => m.startsWith('INVITE'));
    to.send(reply(inv1, 503, 'Service Unavailable', p1.port, 'x1'));
    const inv2 = await p2.next((m) => m.startsWith('INVITE'));
    assert.notEqual(branch(inv2), branch(inv1), 'a new transaction');
    assert.equal(
      /Call-ID: ([^\r]*)/.exec(inv2)?.[1],
      /Call-ID: ([^\r]*)/.exec(inv1)?.[1],
      'the same request otherwise',
    );
    const ack1 = await p1.next((m) => m.startsWith('ACK'));
    assert.equal(branch(ack1), branch(inv1), 'the 503 is ACKed in its own transaction (§17.1.1.3)');
    to.send(reply(inv2, 180, 'Ringing', p2.port, 'x2'));
    await new Promise((r) => setTimeout(r, 50));
    call.hangup();
    const cancel = await p2.next((m) => m.startsWith('CANCEL'));
    assert.equal(branch(cancel), branch(inv2));
    assert.equal(p1.all.filter((m) => m.startsWith('CANCEL')).length, 0);
  } finally {
    to.close();
    p1.close();
    p2.close();
    await s.close();
  }
});

test('a 503 from the last target is the call outcome', async () => {
  const [p1] = (await peers(1)) as [Peer];
  const s = await setup([p1.port]);
  const to = await udpPeer(s.port);
  try {
    const call = s.ua.call({ to: 'sip:far@fo.test', sdp: SDP });
    const ev: CallEvent[] = [];
    call.on((e) => ev.push(e));
    const inv = await p1.next((m) => m.startsWith('INVITE'));
    to.send(reply(inv, 503, 'Service Unavailable', p1.port, 'x1'));
    await new Promise((r) => setTimeout(r, 100));
    const failed = ev.find((e) => e.type === 'failed');
    assert.ok(
      failed?.type === 'failed' && failed.status === 503 && failed.response !== undefined,
      'failed with the 503',
    );
  } finally {
    to.close();
    p1.close();
    await s.close();
  }
});
