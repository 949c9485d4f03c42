// Call flows between two UA cores over an in-memory loop transport under a fake clock (CONVENTIONS.md
// 19): every message is serialized and parsed again, and the loop can drop or duplicate messages, so the
// RFC timer behaviour is checked to the millisecond.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nullLogger } from '../../../../src/log/logger.js';
import { parseMessage, serializeMessage } from '../../../../src/sip/message/index.js';
import type { SipMessage, SipRequest, SipResponse } from '../../../../src/sip/message/types.js';
import { FakeClock } from '../../../../src/sip/transaction/clock.js';
import type { Destination, Flow } from '../../../../src/sip/transport/types.js';
import { UserAgent, type UaTransport } from '../../../../src/sip/ua/user-agent.js';
import type { CallEvent } from '../../../../src/sip/ua/events.js';
import type { Call } from '../../../../src/sip/ua/call.js';
import { stampReceived, stampSentBy } from '../../../../src/sip/transport/route.js';

type Rule = (text: string, from: number) => 'drop' | 'dup' | 'pass';

class Loop {
  readonly log: string[] = [];
  rule: Rule = () => 'pass';
  readonly ends = new Map<number, (m: SipMessage, f: Flow) => void>();
  constructor(readonly clock: FakeClock) {}

  transport(port: number): UaTransport {
    const { clock, ends } = this;
    const ruleOf = (): Rule => this.rule;
    const log = this.log;
    let handler: (m: SipMessage, f: Flow) => void = () => undefined;
    const deliver = (msg: SipMessage, toPort: number): void => {
      const text = serializeMessage(msg).toString();
      const verdict = ruleOf()(text, port);
      log.push(
        `t=${clock.now()} ${port}->${toPort} ${text.split('\r\n')[0]}${verdict === 'pass' ? '' : ` [${verdict}]`}`,
      );
      if (verdict === 'drop') return;
      const copies = verdict === 'dup' ? 2 : 1;
      for (let i = 0; i < copies; i++) {
        clock.set(1, () => {
          const r = parseMessage(Buffer.from(text));
          assert.ok(r.ok, 'the loop only carries well-formed messages');
          const flow: Flow = {
            transport: 'udp',
            localAddress: '127.0.0.1',
            localPort: toPort,
            remoteAddress: '127.0.0.1',
            remotePort: port,
          };
          if (r.message.type === 'request') stampReceived(r.message, flow);
          ends.get(toPort)?.(r.message, flow);
        });
      }
    };
    const t: UaTransport = {
      listeners: [{ transport: 'udp', address: '127.0.0.1', port }],
      onMessage(h) {
        handler = h;
        ends.set(port, (m, f) => handler(m, f));
      },
      sendRequest(req: SipRequest, dest: Destination) {
        stampSentBy(req, 'udp', '127.0.0.1', port);
        deliver(req, dest.port);
      },
      sendResponse(res: SipResponse, flow: Flow) {
        deliver(res, flow.remotePort);
      },
    };
    return t;
  }
}

const SDP = 'v=0\r\no=x 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n';
const TIMERS = { T1: 500, T2: 4000, T4: 5000 };

function pair(onCall: (c: Call) => void = (c) => c.answer({ sdp: SDP })): {
  clock: FakeClock;
  loop: Loop;
  a: UserAgent;
  b: UserAgent;
  bEvents: CallEvent[];
} {
  const clock = new FakeClock();
  const loop = new Loop(clock);
  const a = new UserAgent({ transport: loop.transport(1000), log: nullLogger(), clock, timers: TIMERS });
  const bEvents: CallEvent[] = [];
  const b = new UserAgent({
    transport: loop.transport(2000),
    log: nullLogger(),
    clock,
    timers: TIMERS,
    onIncomingCall: (c) => {
      c.on((e) => bEvents.push(e));
      onCall(c);
    },
  });
  return { clock, loop, a, b, bEvents };
}

test('a lost 200 OK is recovered by the UAS retransmitting it at T1; the call is confirmed once', () => {
  const { clock, loop, a, bEvents } = pair();
  let lost = false;
  loop.rule = (text) =>
    text.startsWith('SIP/2.0 200') && /CSeq: 1 INVITE/.test(text) && !lost ? ((lost = true), 'drop') : 'pass';
  const call = a.call({ to: 'sip:b@127.0.0.1:2000', sdp: SDP });
  const ev: string[] = [];
  call.on((e) => ev.push(e.type));
  clock.advance(2000);
  assert.deepEqual(ev, ['answered']);
  assert.deepEqual(
    bEvents.map((e) => e.type),
    ['confirmed'],
  );
  assert.deepEqual(
    loop.log.filter((l) => /200 OK/.test(l)).map((l) => l.split(' ')[0]),
    ['t=1', 't=501'],
    'the first 200 at t=1 was dropped, its retransmission at T1 later got through',
  );
});

test('when every ACK is lost the UAS retransmits 200 at 500, 1000, 2000, 4000, 4000 ... ms and sends BYE at 64*T1', () => {
  const { clock, loop, a, bEvents } = pair();
  loop.rule = (text) => (text.startsWith('ACK ') ? 'drop' : 'pass');
  a.call({ to: 'sip:b@127.0.0.1:2000', sdp: SDP });
  clock.advance(40000);
  const oks = loop.log
    .filter((l) => / 2000->1000 SIP\/2\.0 200 OK/.test(l) && !/BYE/.test(l))
    .map((l) => Number(/^t=(\d+)/.exec(l)?.[1]));
  const gaps = oks.slice(1, 8).map((t, i) => t - (oks[i] as number));
  assert.deepEqual(gaps, [500, 1000, 2000, 4000, 4000, 4000, 4000]);
  const bye = loop.log.find((l) => / 2000->1000 BYE /.test(l));
  assert.equal(bye && Number(/^t=(\d+)/.exec(bye)?.[1]), 1 + 64 * 500, 'BYE at 64*T1 after the 200');
  assert.deepEqual(
    bEvents.map((e) => (e.type === 'terminated' ? `terminated:${e.cause}` : e.type)),
    ['terminated:no-ack'],
  );
});

test('a duplicated INVITE and duplicated BYE create one call and one BYE transaction', () => {
  const { clock, loop, a, b } = pair();
  loop.rule = (text) => (text.startsWith('INVITE ') || text.startsWith('BYE ') ? 'dup' : 'pass');
  const call = a.call({ to: 'sip:b@127.0.0.1:2000', sdp: SDP });
  clock.advance(100);
  call.hangup();
  clock.advance(100);
  assert.equal(b.counters['sip.ua.calls_in'], 1);
  assert.equal(b.txm.counters['sip.tx.server_created'], 2, 'INVITE and BYE');
  assert.equal(b.txm.counters['sip.tx.retransmissions_absorbed'], 2);
  assert.equal(call.state, 'Terminated');
});

test('an INVITE with Expires: 2 left ringing gets 487 from the UAS after 2 s (§13.3.1)', () => {
  const { clock, a, bEvents } = pair((c) => c.progress(180));
  const call = a.call({ to: 'sip:b@127.0.0.1:2000', sdp: SDP, headers: [['Expires', '2']] });
  const ev: CallEvent[] = [];
  call.on((e) => ev.push(e));
  clock.advance(1990);
  assert.deepEqual(
    ev.map((e) => e.type),
    ['progress'],
  );
  clock.advance(20);
  const failed = ev.find((e) => e.type === 'failed');
  assert.equal(failed?.type === 'failed' && failed.status, 487);
  assert.deepEqual(
    bEvents.map((e) => (e.type === 'terminated' ? e.cause : e.type)),
    ['expired'],
  );
});
