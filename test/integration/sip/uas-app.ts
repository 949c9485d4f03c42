// A Tandem UAS test application on the UA API: rings, then answers with SDP; refuses calls to "busy"
// with 486; leaves calls to "ring" ringing (for CANCEL tests); answers re-INVITE offers by mirroring the
// direction attribute (hold: sendonly -> recvonly; resume: sendrecv).
import type { UserAgent } from '../../../src/sip/ua/user-agent.js';
import type { Call } from '../../../src/sip/ua/call.js';
import type { CallEvent } from '../../../src/sip/ua/events.js';

export function sdpAnswer(offer: string, port = 40000): string {
  const dir = /a=(sendonly|recvonly|inactive|sendrecv)/.exec(offer)?.[1] ?? 'sendrecv';
  const mirrored = dir === 'sendonly' ? 'recvonly' : dir === 'recvonly' ? 'sendonly' : dir;
  const pts = /m=audio \d+ RTP\/AVP ([\d ]+)/.exec(offer)?.[1]?.split(' ') ?? ['8'];
  const pt = pts.includes('8') ? '8' : pts.includes('0') ? '0' : (pts[0] ?? '8');
  const name = pt === '0' ? 'PCMU' : 'PCMA';
  return [
    'v=0',
    `o=tandem 1 ${Date.now() % 100000} IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP ${pt}`,
    `a=rtpmap:${pt} ${name}/8000`,
    `a=${mirrored}`,
    '',
  ].join('\r\n');
}

export interface TestUasLog {
  calls: Call[];
  events: { callId: string; event: CallEvent['type']; at: number; cause?: string }[];
}

export interface TestUasOptions {
  /** Delay between 180 and 200 (ms). */
  answerDelayMs?: number;
}

export function attachTestUas(ua: UserAgent, o: TestUasOptions = {}): TestUasLog {
  const log: TestUasLog = { calls: [], events: [] };
  ua.onIncomingCall = (call) => {
    log.calls.push(call);
    call.on((e) =>
      log.events.push({
        callId: call.callId,
        event: e.type,
        at: Date.now(),
        ...(e.type === 'terminated' ? { cause: e.cause } : {}),
      }),
    );
    call.onOffer = (offer) => ({ sdp: sdpAnswer(offer) });
    const user = call.invite.uri.kind === 'sip' ? call.invite.uri.user : undefined;
    if (user === 'busy') {
      call.reject(486);
      return;
    }
    call.progress(180);
    if (user === 'ring') return;
    const offer = call.remoteSdp ?? 'v=0\r\nm=audio 0 RTP/AVP 8\r\n';
    const answer = (): void => call.answer({ sdp: sdpAnswer(offer) });
    if (o.answerDelayMs) setTimeout(answer, o.answerDelayMs);
    else answer();
  };
  return log;
}
