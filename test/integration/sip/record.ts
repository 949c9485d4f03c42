// Records what a running stack sends (by patching its transport instance), for timing assertions.
import type { SipRequest, SipResponse } from '../../../src/sip/message/types.js';
import type { SipTransport } from '../../../src/sip/transport/transport.js';

export interface Sent {
  kind: 'request' | 'response';
  method: string;
  status: number;
  at: number;
}

export function recordSends(t: SipTransport): Sent[] {
  const out: Sent[] = [];
  const sendResponse = t.sendResponse.bind(t);
  const sendRequest = t.sendRequest.bind(t);
  t.sendResponse = (res: SipResponse, ...rest) => {
    out.push({ kind: 'response', method: res.cseq.method, status: res.status, at: performance.now() });
    sendResponse(res, ...rest);
  };
  t.sendRequest = (req: SipRequest, ...rest) => {
    out.push({ kind: 'request', method: req.method, status: 0, at: performance.now() });
    sendRequest(req, ...rest);
  };
  return out;
}
