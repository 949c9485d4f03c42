// The CANCEL for an INVITE we sent (RFC 3261 §9.1).
import { createRequest, createVia, generateBranch } from '../message/index.js';
import type { SipRequest } from '../message/types.js';

/**
 * §9.1: "The Request-URI, Call-ID, To, the numeric part of CSeq, and From header fields in the CANCEL
 * request MUST be identical to those in the request being cancelled, including tags. ... [It] MUST have
 * only a single Via header field value matching the top Via value in the request being cancelled. ... If
 * the request being cancelled contains a Route header field, the CANCEL request MUST include that Route
 * header field's values."
 */
export function cancelFor(inv: SipRequest): SipRequest {
  const top = inv.via[0];
  return createRequest({
    method: 'CANCEL',
    uri: inv.uri,
    from: inv.from,
    to: inv.to,
    callId: inv.callId,
    cseq: { seq: inv.cseq.seq, method: 'CANCEL' },
    via: top ? [{ ...top, params: new Map(top.params) }] : [createVia('UDP', '0.0.0.0', undefined, generateBranch())],
    headers: inv.headers.getAll('route').map((r) => ['Route', r] as const),
  });
}
