// The UA core as UAS, driven by a raw UDP peer: §8.2 answers, §12.2.2 dialog checks, §14 glare rules,
// §17.2.1 provisional retransmission, UPDATE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nullLogger } from '../../../../src/log/logger.js';
import { SipTransport } from '../../../../src/sip/transport/transport.js';
import { UserAgent } from '../../../../src/sip/ua/user-agent.js';
import type { Call } from '../../../../src/sip/ua/call.js';
import { freeUdpPort } from '../../../helpers/ports.js';
import { request, status, udpPeer, type Peer } from '../transport/peer.js';

const SDP = (dir = 'sendrecv'): string =>
  `v=0\r\no=p 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\na=${dir}\r\n`;

async function setup(
  onCall?: (c: Call) => void,
): Promise<{ ua: UserAgent; peer: Peer; calls: Call[]; close(): Promise<void> }> {
  const port = await freeUdpPort();
  const t = new SipTransport({ listen: [{ transport: 'udp', address: '127.0.0.1', port }], log: nullLogger() });
  const calls: Call[] = [];
  const ua = new UserAgent({
    transport: t,
    log: nullLogger(),
    onIncomingCall: (c) => {
      calls.push(c);
      c.onOffer = (offer) => ({ sdp: offer.replace('a=sendonly', 'a=recvonly') });
      (onCall ?? ((x: Call) => x.answer({ sdp: SDP() })))(c);
    },
  });
  await t.start();
  const peer = await udpPeer(port);
  return { ua, peer, calls, close: async () => (peer.close(), ua.close(), await t.close()) };
}

/** Establish a call from the peer; returns the To tag and a function to build in-dialog requests. */
async function establish(
  s: Awaited<ReturnType<typeof setup>>,
  callId: string,
): Promise<{ toTag: string; req: (m: string, cseq: number, extra?: { body?: string; branch?: string }) => string }> {
  s.peer.send(request('INVITE', { port: s.peer.port, callId, body: SDP() }));
  const ok = await s.peer.next((m) => status(m) === 200);
  const toTag = /\r\nTo: [^\r]*;tag=([^;\r]+)/.exec(ok)?.[1] ?? '';
  const req = (m: string, cseq: number, extra: { body?: string; branch?: string } = {}): string =>
    request(m, { port: s.peer.port, callId, toTag, cseq, uri: 'sip:tandem@127.0.0.1', ...extra });
  s.peer.send(req('ACK', 1));
  return { toTag, req };
}

test('an INVITE retransmitted while ringing gets the last provisional response again (§17.2.1)', async () => {
  const s = await setup((c) => c.progress(180));
  try {
    const inv = request('INVITE', { port: s.peer.port, callId: 'ring', branch: 'z9hG4bKring1', body: SDP() });
    s.peer.send(inv);
    await s.peer.next((m) => status(m) === 180);
    s.peer.send(inv);
    await s.peer.next((m) => status(m) === 180);
    assert.equal(s.calls.length, 1);
  } finally {
    await s.close();
  }
});

test('a BYE outside any dialog gets 481 and an unknown To tag on an INVITE gets 481', async () => {
  const s = await setup();
  try {
    s.peer.send(request('BYE', { port: s.peer.port, callId: 'nodlg' }));
    assert.equal(status(await s.peer.next()), 481);
    s.peer.send(request('INVITE', { port: s.peer.port, callId: 'nodlg2', toTag: 'nosuch', body: SDP() }));
    assert.equal(status(await s.peer.next()), 481);
  } finally {
    await s.close();
  }
});

test('a merged request (same From tag, Call-ID and CSeq, other branch) gets 482 Loop Detected (§8.2.2.2)', async () => {
  const s = await setup((c) => c.progress(180));
  try {
    s.peer.send(request('INVITE', { port: s.peer.port, callId: 'merge', branch: 'z9hG4bKm1', body: SDP() }));
    await s.peer.next((m) => status(m) === 180);
    s.peer.send(request('INVITE', { port: s.peer.port, callId: 'merge', branch: 'z9hG4bKm2', body: SDP() }));
    const r = await s.peer.next((m) => /branch=z9hG4bKm2/.test(m));
    assert.equal(status(r), 482);
  } finally {
    await s.close();
  }
});

test('REGISTER gets 405 with Allow; an unknown method gets 501', async () => {
  const s = await setup();
  try {
    s.peer.send(request('REGISTER', { port: s.peer.port, callId: 'reg' }));
    const r = await s.peer.next();
    assert.equal(status(r), 405);
    assert.match(r, /\r\nAllow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE\r\n/);
    s.peer.send(request('FROB', { port: s.peer.port, callId: 'frob' }));
    assert.equal(status(await s.peer.next()), 501);
  } finally {
    await s.close();
  }
});

test('an in-dialog request with a lower CSeq gets 500 (§12.2.2)', async () => {
  const s = await setup();
  try {
    const d = await establish(s, 'cseq');
    s.peer.send(d.req('UPDATE', 5, { body: SDP() }));
    assert.equal(status(await s.peer.next((m) => /CSeq: 5 UPDATE/.test(m))), 200);
    s.peer.send(d.req('UPDATE', 4, { body: SDP() }));
    assert.equal(status(await s.peer.next((m) => /CSeq: 4 UPDATE/.test(m))), 500);
  } finally {
    await s.close();
  }
});

test('a re-INVITE arriving while the 2xx of the previous one awaits its ACK gets 500 with Retry-After (§14.2)', async () => {
  const s = await setup();
  try {
    const d = await establish(s, 'reinv');
    s.peer.send(d.req('INVITE', 2, { body: SDP('sendonly') }));
    const ok = await s.peer.next((m) => /CSeq: 2 INVITE/.test(m));
    assert.equal(status(ok), 200);
    assert.match(ok, /a=recvonly/);
    s.peer.send(d.req('INVITE', 3, { body: SDP() }));
    const r = await s.peer.next((m) => /CSeq: 3 INVITE/.test(m) && status(m) >= 200);
    assert.equal(status(r), 500);
    assert.match(r, /\r\nRetry-After: \d+\r\n/);
  } finally {
    await s.close();
  }
});

test('a re-INVITE from the peer while ours is pending gets 491 Request Pending (§14.2 glare)', async () => {
  const s = await setup();
  try {
    const d = await establish(s, 'glare');
    await new Promise((r) => setTimeout(r, 20));
    const call = s.calls[0] as Call;
    void call.reinvite(SDP('sendonly'));
    await s.peer.next((m) => m.startsWith('INVITE ')); // our re-INVITE reached the peer; it does not answer
    s.peer.send(d.req('INVITE', 2, { body: SDP() }));
    const r = await s.peer.next((m) => /CSeq: 2 INVITE/.test(m) && status(m) >= 200);
    assert.equal(status(r), 491);
  } finally {
    await s.close();
  }
});

test('an UPDATE with an offer in a confirmed dialog is answered 200 with SDP (RFC 3311)', async () => {
  const s = await setup();
  try {
    const d = await establish(s, 'upd');
    s.peer.send(d.req('UPDATE', 2, { body: SDP('sendonly') }));
    const r = await s.peer.next((m) => /CSeq: 2 UPDATE/.test(m));
    assert.equal(status(r), 200);
    assert.match(r, /a=recvonly/);
    assert.match(r, /\r\nContent-Type: application\/sdp\r\n/);
  } finally {
    await s.close();
  }
});

test('a BYE ends the call with 200 and a later BYE retransmission still gets 200', async () => {
  const s = await setup();
  try {
    const d = await establish(s, 'bye');
    const bye = d.req('BYE', 2, { branch: 'z9hG4bKbye1' });
    s.peer.send(bye);
    assert.equal(status(await s.peer.next((m) => /CSeq: 2 BYE/.test(m))), 200);
    s.peer.send(bye);
    assert.equal(status(await s.peer.next((m) => /CSeq: 2 BYE/.test(m))), 200);
    assert.equal(s.calls[0]?.state, 'Terminated');
  } finally {
    await s.close();
  }
});

test('an UPDATE we send carries the offer and resolves with the answer; an UPDATE from the peer meanwhile gets 491 (RFC 3311 §5.2)', async () => {
  const s = await setup();
  try {
    const d = await establish(s, 'upd-out');
    await new Promise((r) => setTimeout(r, 20));
    const call = s.calls[0] as Call;
    const result = call.update(SDP('sendonly'));
    const ours = await s.peer.next((m) => m.startsWith('UPDATE '));
    assert.match(ours, /a=sendonly/);
    assert.match(ours, /\r\nContent-Type: application\/sdp\r\n/);
    s.peer.send(d.req('UPDATE', 2, { body: SDP() }));
    assert.equal(status(await s.peer.next((m) => /CSeq: 2 UPDATE/.test(m) && m.startsWith('SIP/2.0'))), 491);
    // Answer ours: echo its Via/From/To/Call-ID/CSeq.
    const h = (n: string): string => new RegExp(`\\r\\n${n}: ([^\\r]*)`).exec(ours)?.[1] ?? '';
    s.peer.send(
      `SIP/2.0 200 OK\r\nVia: ${h('Via')}\r\nFrom: ${h('From')}\r\nTo: ${h('To')}\r\nCall-ID: ${h('Call-ID')}\r\nCSeq: ${h('CSeq')}\r\nContent-Type: application/sdp\r\nContent-Length: ${SDP('recvonly').length}\r\n\r\n${SDP('recvonly')}`,
    );
    const r = await result;
    assert.equal(r.status, 200);
    assert.match(r.sdp ?? '', /a=recvonly/);
    assert.equal(call.remoteSdp, SDP('recvonly'));
  } finally {
    await s.close();
  }
});

test('an INVITE with Max-Forwards 0 gets 483 Too Many Hops, an OPTIONS with Max-Forwards 0 gets 200', async () => {
  const s = await setup();
  try {
    s.peer.send(
      request('INVITE', { port: s.peer.port, callId: 'mf0', body: SDP() }).replace(
        'Max-Forwards: 70',
        'Max-Forwards: 0',
      ),
    );
    assert.equal(status(await s.peer.next()), 483);
    s.peer.send(
      request('OPTIONS', { port: s.peer.port, callId: 'mf0o' }).replace('Max-Forwards: 70', 'Max-Forwards: 0'),
    );
    assert.equal(status(await s.peer.next()), 200);
    assert.equal(s.calls.length, 0);
  } finally {
    await s.close();
  }
});

test('a 183 with SDP carries the early-media answer with Contact and To tag; the 200 keeps the same tag', async () => {
  const s = await setup((c) => {
    c.progress(183, { sdp: SDP('sendrecv') });
    setTimeout(() => c.answer({ sdp: SDP() }), 30);
  });
  try {
    s.peer.send(request('INVITE', { port: s.peer.port, callId: 'early', body: SDP() }));
    const p = await s.peer.next((m) => status(m) === 183);
    assert.match(p, /\r\nContent-Type: application\/sdp\r\n/);
    assert.match(p, /\r\nContact: <sip:tandem@127\.0\.0\.1:\d+>\r\n/);
    const tag = /\r\nTo: [^\r]*;tag=([^;\r]+)/.exec(p)?.[1];
    const ok = await s.peer.next((m) => status(m) === 200);
    assert.ok(tag && ok.includes(`tag=${tag}`));
  } finally {
    await s.close();
  }
});
