// Tandem as UAC (the UA API) against sipp as UAS, over UDP and TCP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireTool } from '../../helpers/tools.js';
import { freeUdpPort } from '../../helpers/ports.js';
import type { CallEvent } from '../../../src/sip/ua/events.js';
import type { Call } from '../../../src/sip/ua/call.js';
import { startStack } from './stack.js';
import { runSipp } from './sipp.js';
import { recordSends } from './record.js';
import { sdpAnswer } from './uas-app.js';

const OFFER = (dir: string): string =>
  [
    'v=0',
    'o=tandem 1 1 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 41000 RTP/AVP 8 0',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:0 PCMU/8000',
    `a=${dir}`,
    '',
  ].join('\r\n');

function waitFor(call: Call, type: CallEvent['type'], ms = 5000): Promise<CallEvent> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${type} within ${ms} ms (state ${call.state})`)), ms);
    call.on((e) => {
      if (e.type === type) {
        clearTimeout(t);
        resolve(e);
      }
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

for (const transport of ['u1', 't1'] as const) {
  const tname = transport === 'u1' ? 'udp' : 'tcp';
  test(`a Tandem UAC call to sipp UAS over ${tname.toUpperCase()} is answered, acknowledged and ended with BYE`, async (t) => {
    if (!requireTool(t, 'sipp', 'sip-tester')) return;
    const svc = await startStack();
    const port = await freeUdpPort();
    try {
      const sipp = runSipp({ scenario: '-sn:uas', localPort: port, transport, calls: 1, timeoutMs: 10000 });
      await sleep(400);
      const call = svc.ua.call({
        to: `sip:service@127.0.0.1:${port}`,
        sdp: OFFER('sendrecv'),
        dest: { transport: tname, address: '127.0.0.1', port },
      });
      const answered = await waitFor(call, 'answered');
      assert.equal(answered.type === 'answered' && answered.response.status, 200);
      await sleep(50);
      call.hangup();
      const r = await sipp;
      assert.equal(r.code, 0, r.stderr.slice(-800));
      assert.equal(call.state, 'Terminated');
    } finally {
      await svc.close();
    }
  });
}

test('a Tandem UAC retransmits its INVITE on Timer A while sipp sits on it, then completes the call', async (t) => {
  if (!requireTool(t, 'sipp', 'sip-tester')) return;
  const svc = await startStack({ timers: { T1: 100, T2: 400, T4: 1000 } });
  const sent = recordSends(svc.transport);
  const port = await freeUdpPort();
  try {
    const sipp = runSipp({ scenario: 'uas-slow.xml', localPort: port, calls: 1, timeoutMs: 10000 });
    await sleep(400);
    const call = svc.ua.call({ to: `sip:service@127.0.0.1:${port}`, sdp: OFFER('sendrecv') });
    await waitFor(call, 'answered');
    const invites = sent.filter((s) => s.kind === 'request' && s.method === 'INVITE');
    assert.ok(invites.length >= 2, `INVITE retransmitted (sent ${invites.length} times)`);
    const gap = (invites[1]?.at ?? 0) - (invites[0]?.at ?? 0);
    assert.ok(gap >= 90 && gap < 180, `first retransmission after ${gap.toFixed(0)} ms, expected T1 = 100`);
    call.hangup();
    const r = await sipp;
    assert.equal(r.code, 0, r.stderr.slice(-800));
  } finally {
    await svc.close();
  }
});

test('a Tandem UAC puts the call on hold and resumes it with re-INVITEs answered by sipp', async (t) => {
  if (!requireTool(t, 'sipp', 'sip-tester')) return;
  const svc = await startStack();
  const port = await freeUdpPort();
  try {
    const sipp = runSipp({ scenario: 'uas-reinvite.xml', localPort: port, calls: 1, timeoutMs: 10000 });
    await sleep(400);
    const call = svc.ua.call({ to: `sip:service@127.0.0.1:${port}`, sdp: OFFER('sendrecv') });
    await waitFor(call, 'answered');
    const hold = await call.reinvite(OFFER('sendonly'));
    assert.equal(hold.status, 200);
    assert.match(hold.sdp ?? '', /a=recvonly/);
    const resume = await call.reinvite(OFFER('sendrecv'));
    assert.equal(resume.status, 200);
    assert.match(resume.sdp ?? '', /a=sendrecv/);
    call.hangup();
    const r = await sipp;
    assert.equal(r.code, 0, r.stderr.slice(-800));
  } finally {
    await svc.close();
  }
});

test('a Tandem UAC call to a Tandem UAS over UDP: answer, hold by re-INVITE, BYE — both sides agree', async () => {
  const a = await startStack();
  const b = await startStack();
  try {
    b.ua.onIncomingCall = (c) => {
      c.onOffer = (offer) => ({ sdp: sdpAnswer(offer) });
      c.progress(180);
      c.answer({ sdp: sdpAnswer(c.remoteSdp ?? '') });
    };
    const call = a.ua.call({ to: `sip:x@127.0.0.1:${b.port}`, sdp: OFFER('sendrecv') });
    const progress = waitFor(call, 'progress');
    await waitFor(call, 'answered');
    await progress;
    const hold = await call.reinvite(OFFER('sendonly'));
    assert.match(hold.sdp ?? '', /a=recvonly/);
    const ended = waitFor(call, 'terminated');
    call.hangup();
    await ended;
    await sleep(100);
    assert.equal(b.ua.txm.counters['sip.tx.server_created'], 3, 'INVITE, re-INVITE and BYE server transactions');
  } finally {
    await a.close();
    await b.close();
  }
});
