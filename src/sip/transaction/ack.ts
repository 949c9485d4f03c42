// The ACK a client INVITE transaction builds for a non-2xx final response (RFC 3261 §17.1.1.3).
import { createRequest, SipHeaders } from '../message/index.js';
import type { SipRequest, SipResponse } from '../message/types.js';

/**
 * §17.1.1.3: "The ACK request constructed by the client transaction MUST contain values for the
 * Call-ID, From, and Request-URI that are equal to the values of those header fields in the request
 * passed to the transport by the client transaction (call this the "original request"). The To header
 * field in the ACK MUST equal the To header field in the response being acknowledged ... The ACK MUST
 * contain a single Via header field, and this MUST be equal to the top Via header field of the original
 * request. The CSeq header field in the ACK MUST contain the same value for the sequence number as was
 * present in the original request, but the method parameter MUST be equal to "ACK". If the INVITE
 * request whose response is being acknowledged had Route header fields, those header fields MUST appear
 * in the ACK."
 */
export function ackForNon2xx(invite: SipRequest, res: SipResponse): SipRequest {
  const headers = new SipHeaders();
  for (const r of invite.headers.getAll('route')) headers.append('Route', r);
  const top = invite.via[0];
  return createRequest({
    method: 'ACK',
    uri: invite.uri,
    from: invite.from,
    to: res.to,
    callId: invite.callId,
    cseq: { seq: invite.cseq.seq, method: 'ACK' },
    via: top ? [top] : [],
    maxForwards: 70,
    headers: [...headers].map((e) => [e.name, e.value] as const),
  });
}
