// sipp as UAC against a Tandem UAS test application on the UA API, over UDP and TCP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireTool } from '../../helpers/tools.js';
import { freeUdpPort } from '../../helpers/ports.js';
import { startStack } from './stack.js';
import { attachTestUas } from './uas-app.js';
import { runSipp } from './sipp.js';
import { recordSends } from './record.js';

function ok(r: { code: number | null; stderr: string; stdout: string }): void {
  assert.equal(r.code, 0, `sipp failed: ${r.stderr.slice(-800)}`);
}

for (const transport of ['u1', 't1'] as const) {
  const name = transport === 'u1' ? 'UDP' : 'TCP';
  test(`sipp UAC calls a Tandem UAS over ${name}: 180, 200 with SDP, ACK, BYE for five calls`, async (t) => {
    if (!requireTool(t, 'sipp', 'sip-tester')) return;
    const svc = await startStack();
    const app = attachTestUas(svc.ua);
    try {
      const r = await runSipp({
        scenario: 'uac-basic.xml',
        target: `127.0.0.1:${svc.port}`,
        localPort: await freeUdpPort(),
        transport,
        calls: 5,
        rate: 20,
      });
      ok(r);
      assert.equal(app.calls.length, 5);
      assert.equal(app.events.filter((e) => e.event === 'confirmed').length, 5);
      assert.equal(app.events.filter((e) => e.event === 'terminated' && e.cause === 'remote-bye').length, 5);
    } finally {
      await svc.close();
    }
  });
}

test('when sipp withholds the ACK, Tandem retransmits the 200 at T1 doubling to T2 and sends BYE after 64*T1', async (t) => {
  if (!requireTool(t, 'sipp', 'sip-tester')) return;
  const T1 = 50;
  const T2 = 200;
  const svc = await startStack({ timers: { T1, T2, T4: 500 } });
  const app = attachTestUas(svc.ua);
  const sent = recordSends(svc.transport);
  try {
    const r = await runSipp({
      scenario: 'uac-no-ack.xml',
      target: `127.0.0.1:${svc.port}`,
      localPort: await freeUdpPort(),
      calls: 1,
      timeoutMs: 15000,
    });
    ok(r);
    const oks = sent.filter((s) => s.kind === 'response' && s.status === 200 && s.method === 'INVITE').map((s) => s.at);
    const gaps = oks.slice(1).map((a, i) => a - (oks[i] as number));
    // 50, 100, 200, 200, ... (±40 ms for a loaded machine)
    assert.ok(gaps.length >= 10, `expected many retransmissions, got ${gaps.length}`);
    const expected = gaps.map((_, i) => Math.min(T1 * 2 ** i, T2));
    gaps
      .slice(0, 6)
      .forEach((g, i) =>
        assert.ok(
          Math.abs(g - (expected[i] as number)) < 40,
          `gap ${i} was ${g.toFixed(0)} ms, expected ${expected[i]}`,
        ),
      );
    const bye = sent.find((s) => s.kind === 'request' && s.method === 'BYE');
    assert.ok(bye, 'BYE sent');
    const sinceFirst = bye.at - (oks[0] as number);
    assert.ok(
      sinceFirst >= 64 * T1 - 20 && sinceFirst < 64 * T1 + 400,
      `BYE ${sinceFirst.toFixed(0)} ms after the 200, expected about ${64 * T1}`,
    );
    assert.ok(
      oks.every((a) => a <= bye.at + 5),
      'no 200 retransmission after the BYE',
    );
    assert.deepEqual(
      app.events.filter((e) => e.event === 'terminated').map((e) => e.cause),
      ['no-ack'],
    );
  } finally {
    await svc.close();
  }
});

test('an INVITE resent by sipp after the 200 is absorbed in Accepted: no second call, no extra response', async (t) => {
  if (!requireTool(t, 'sipp', 'sip-tester')) return;
  const svc = await startStack();
  const app = attachTestUas(svc.ua, { answerDelayMs: 300 });
  const sent = recordSends(svc.transport);
  try {
    const r = await runSipp({
      scenario: 'uac-resend-invite.xml',
      target: `127.0.0.1:${svc.port}`,
      localPort: await freeUdpPort(),
      calls: 1,
    });
    ok(r);
    assert.equal(app.calls.length, 1);
    assert.ok(svc.ua.txm.counters['sip.tx.retransmissions_absorbed'] >= 1);
    assert.equal(sent.filter((s) => s.status === 180).length, 1);
    assert.equal(
      sent.filter((s) => s.status === 200 && s.method === 'INVITE').length,
      1,
      'the copy after the 200 got nothing (RFC 6026 Accepted)',
    );
    assert.equal(app.events.filter((e) => e.event === 'terminated' && e.cause === 'remote-bye').length, 1);
  } finally {
    await svc.close();
  }
});

test('CANCEL before the answer gets 200, the INVITE 487, and the ACK ends it', async (t) => {
  if (!requireTool(t, 'sipp', 'sip-tester')) return;
  const svc = await startStack();
  const app = attachTestUas(svc.ua);
  const sent = recordSends(svc.transport);
  try {
    const r = await runSipp({
      scenario: 'uac-cancel.xml',
      target: `127.0.0.1:${svc.port}`,
      localPort: await freeUdpPort(),
      calls: 2,
    });
    ok(r);
    assert.deepEqual(
      app.events.filter((e) => e.event === 'terminated').map((e) => e.cause),
      ['cancelled', 'cancelled'],
    );
    assert.equal(sent.filter((s) => s.status === 487).length, 2, 'one 487 per call, no retransmission after the ACK');
  } finally {
    await svc.close();
  }
});

test('a call refused with 486 is acknowledged inside the transaction and not retransmitted after the ACK', async (t) => {
  if (!requireTool(t, 'sipp', 'sip-tester')) return;
  const svc = await startStack();
  attachTestUas(svc.ua);
  const sent = recordSends(svc.transport);
  try {
    const r = await runSipp({
      scenario: 'uac-busy.xml',
      target: `127.0.0.1:${svc.port}`,
      localPort: await freeUdpPort(),
      calls: 1,
    });
    ok(r);
    await new Promise((res) => setTimeout(res, 700)); // past Timer G's first firing (T1 = 500 ms)
    assert.equal(sent.filter((s) => s.status === 486).length, 1);
  } finally {
    await svc.close();
  }
});

for (const transport of ['u1', 't1'] as const) {
  test(`re-INVITE hold and resume from sipp over ${transport === 'u1' ? 'UDP' : 'TCP'} get recvonly then sendrecv answers`, async (t) => {
    if (!requireTool(t, 'sipp', 'sip-tester')) return;
    const svc = await startStack();
    const app = attachTestUas(svc.ua);
    try {
      const r = await runSipp({
        scenario: 'uac-hold-resume.xml',
        target: `127.0.0.1:${svc.port}`,
        localPort: await freeUdpPort(),
        transport,
        calls: 1,
      });
      ok(r);
      assert.equal(app.events.filter((e) => e.event === 'renegotiated').length, 2);
    } finally {
      await svc.close();
    }
  });
}
