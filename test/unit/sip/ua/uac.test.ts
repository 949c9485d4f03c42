// The UA core as UAC against a raw UDP peer playing the far side: forking (several early dialogs, a
// second 2xx is ACKed and BYEd), CANCEL after a provisional response, a 2xx crossing the CANCEL, Timer B.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nullLogger } from '../../../../src/log/logger.js';
import { SipTransport } from '../../../../src/sip/transport/transport.js';
import { UserAgent } from '../../../../src/sip/ua/user-agent.js';
import type { CallEvent } from '../../../../src/sip/ua/events.js';
import { freeUdpPort } from '../../../helpers/ports.js';
import { status, udpPeer } from '../transport/peer.js';

const SDP = 'v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n';

async function setup(T1 = 500): Promise<{ ua: UserAgent; port: number; close(): Promise<void> }> {
  const port = await freeUdpPort();
  const t = new SipTransport({ listen: [{ transport: 'udp', address: '127.0.0.1', port }], log: nullLogger() });
  const ua = new UserAgent({ transport: t, log: nullLogger(), timers: { T1, T2: Math.max(T1 * 8, 4000), T4: 5000 } });
  await t.start();
  return { ua, port, close: async () => (ua.close(), await t.close()) };
}

/** A response to `req` (text) with a To tag, optionally SDP. */
function respond(
  req: string,
  code: number,
  reason: string,
  toTag: string | undefined,
  port: number,
  body = '',
): string {
  const hdr = (n: string): string => new RegExp(`\\r\\n${n}: ([^\\r]*)`).exec(req)?.[1] ?? '';
  const vias = [...req.matchAll(/\r\nVia: ([^\r]*)/g)].map((m) => `Via: ${m[1]}\r\n`).join('');
  return (
    `SIP/2.0 ${code} ${reason}\r\n${vias}From: ${hdr('From')}\r\nTo: ${hdr('To')}${toTag ? `;tag=${toTag}` : ''}\r\nCall-ID: ${hdr('Call-ID')}\r\nCSeq: ${hdr('CSeq')}\r\n` +
    `Contact: <sip:far@127.0.0.1:${port}>\r\n${body ? 'Content-Type: application/sdp\r\n' : ''}Content-Length: ${body.length}\r\n\r\n${body}`
  );
}

function collect(call: { on(l: (e: CallEvent) => void): unknown }): CallEvent[] {
  const ev: CallEvent[] = [];
  call.on((e) => ev.push(e));
  return ev;
}

test('a forked INVITE creates two early dialogs; the first 2xx is the call, the second is ACKed and ended with BYE', async () => {
  const s = await setup();
  const peer = await udpPeer(s.port);
  try {
    const call = s.ua.call({ to: `sip:far@127.0.0.1:${peer.port}`, sdp: SDP });
    const ev = collect(call);
    const inv = await peer.next((m) => m.startsWith('INVITE'));
    peer.send(respond(inv, 180, 'Ringing', 'forkA', peer.port));
    peer.send(respond(inv, 183, 'Session Progress', 'forkB', peer.port, SDP));
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(
      ev.map((e) => e.type),
      ['progress', 'progress'],
    );
    assert.equal(call.state, 'Early');
    peer.send(respond(inv, 200, 'OK', 'forkA', peer.port, SDP));
    const ackA = await peer.next((m) => m.startsWith('ACK') && /tag=forkA/.test(m));
    assert.match(ackA, /CSeq: 1 ACK/);
    peer.send(respond(inv, 200, 'OK', 'forkB', peer.port, SDP));
    await peer.next((m) => m.startsWith('ACK') && /tag=forkB/.test(m));
    const bye = await peer.next((m) => m.startsWith('BYE'));
    assert.match(bye, /tag=forkB/, 'the BYE goes to the second fork');
    assert.equal(ev.filter((e) => e.type === 'answered').length, 1);
    assert.equal(call.state, 'Confirmed');
    assert.equal(call.dialog?.remoteTag, 'forkA');
  } finally {
    peer.close();
    await s.close();
  }
});

test('hanging up after a provisional response sends CANCEL with the INVITE branch; 487 ends the call as cancelled', async () => {
  const s = await setup();
  const peer = await udpPeer(s.port);
  try {
    const call = s.ua.call({ to: `sip:far@127.0.0.1:${peer.port}`, sdp: SDP });
    const ev = collect(call);
    const inv = await peer.next((m) => m.startsWith('INVITE'));
    call.hangup(); // before any provisional: the CANCEL waits (§9.1)
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(peer.all.filter((m) => m.startsWith('CANCEL')).length, 0);
    peer.send(respond(inv, 180, 'Ringing', 'r1', peer.port));
    const cancel = await peer.next((m) => m.startsWith('CANCEL'));
    const branch = (m: string): string | undefined => /branch=([^;\r]+)/.exec(m)?.[1];
    assert.equal(branch(cancel), branch(inv));
    assert.match(cancel, /CSeq: 1 CANCEL/);
    peer.send(respond(cancel, 200, 'OK', 'r1', peer.port));
    peer.send(respond(inv, 487, 'Request Terminated', 'r1', peer.port));
    const ack = await peer.next((m) => m.startsWith('ACK'));
    assert.equal(branch(ack), branch(inv), 'the ACK for 487 is part of the INVITE transaction');
    await new Promise((r) => setTimeout(r, 20));
    const term = ev.find((e) => e.type === 'terminated');
    assert.equal(term?.type === 'terminated' && term.cause, 'cancelled');
  } finally {
    peer.close();
    await s.close();
  }
});

test('a 2xx crossing our CANCEL is acknowledged and the dialog ended with BYE', async () => {
  const s = await setup();
  const peer = await udpPeer(s.port);
  try {
    const call = s.ua.call({ to: `sip:far@127.0.0.1:${peer.port}`, sdp: SDP });
    const inv = await peer.next((m) => m.startsWith('INVITE'));
    peer.send(respond(inv, 180, 'Ringing', 'x1', peer.port));
    await new Promise((r) => setTimeout(r, 30));
    call.hangup();
    await peer.next((m) => m.startsWith('CANCEL'));
    peer.send(respond(inv, 200, 'OK', 'x1', peer.port, SDP));
    await peer.next((m) => m.startsWith('ACK'));
    const bye = await peer.next((m) => m.startsWith('BYE'));
    assert.match(bye, /tag=x1/);
  } finally {
    peer.close();
    await s.close();
  }
});

test('an INVITE nobody answers fails with 408 on Timer B (64*T1)', async () => {
  const s = await setup(20);
  const peer = await udpPeer(s.port);
  try {
    const t0 = Date.now();
    const call = s.ua.call({ to: `sip:far@127.0.0.1:${peer.port}`, sdp: SDP });
    const failed = await new Promise<CallEvent>((resolve) =>
      call.on((e) => (e.type === 'failed' ? resolve(e) : undefined)),
    );
    const took = Date.now() - t0;
    assert.equal(failed.type === 'failed' && failed.status, 408);
    assert.ok(took >= 64 * 20 - 10 && took < 64 * 20 + 500, `Timer B after ${took} ms`);
    assert.ok(peer.all.filter((m) => m.startsWith('INVITE')).length >= 5, 'retransmitted on Timer A');
    assert.equal(status(peer.all[0] ?? ''), 0);
  } finally {
    peer.close();
    await s.close();
  }
});
