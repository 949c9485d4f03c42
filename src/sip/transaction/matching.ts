// Matching messages to transactions: requests to server transactions (RFC 3261 §17.2.3, with the
// RFC 2543 fallback), responses to client transactions (§17.1.3), CANCEL to the INVITE it cancels
// (§9.2). Keys are strings so the manager's maps do the matching.
import type { SipRequest, SipResponse, Uri, Via } from '../message/types.js';

/** §8.1.1.7: "The branch parameter value MUST be unique ... MUST always begin with the characters "z9hG4bK"." */
export const MAGIC_COOKIE = 'z9hG4bK';

function sentBy(v: Via): string {
  return `${v.host.toLowerCase()}:${v.port ?? ''}`;
}

function uriKey(u: Uri): string {
  switch (u.kind) {
    case 'sip':
      return `${u.scheme}:${u.user ?? ''}@${u.host.toLowerCase()}:${u.port ?? ''}`;
    case 'tel':
      return `tel:${u.number}`;
    case 'absolute':
      return `${u.scheme}:${u.value}`;
  }
}

/**
 * §17.2.3: "1. the branch parameter in the request is equal to the one in the top Via header field of
 * the request that created the transaction, and 2. the sent-by value in the top Via of the request is
 * equal to the one in the request that created the transaction, and 3. the method of the request
 * matches the one that created the transaction, except for ACK, where the method of the request that
 * created the transaction is INVITE."
 * For a request without the magic cookie (RFC 2543), the Request-URI, From tag, Call-ID, CSeq number
 * and top Via are compared instead; the To tag of an ACK is not part of the key (it is the tag of our
 * own response), which is looser than §17.2.3 by that one field.
 */
export function serverKey(req: SipRequest, methodOverride?: string): string | undefined {
  const top = req.via[0];
  if (!top) return undefined;
  const method = methodOverride ?? (req.method === 'ACK' ? 'INVITE' : req.method);
  if (top.branch !== undefined && top.branch.startsWith(MAGIC_COOKIE)) return `${top.branch}|${sentBy(top)}|${method}`;
  return `2543|${uriKey(req.uri)}|${req.from.tag ?? ''}|${req.callId}|${req.cseq.seq}|${top.transport}|${sentBy(top)}|${top.branch ?? ''}|${method}`;
}

/**
 * §9.2: "the CANCEL request matches [the INVITE server transaction] if ... [using] the same matching
 * procedures as §17.2.3 ... except the method" — the key of the INVITE the CANCEL refers to.
 */
export function cancelTargetKey(cancel: SipRequest): string | undefined {
  return serverKey(cancel, 'INVITE');
}

/**
 * §17.1.3: "1. If the response has the same value of the branch parameter in the top Via header field
 * as the branch parameter in the top Via header field of the request that created the transaction. 2.
 * If the method parameter in the CSeq header field matches the method of the request that created the
 * transaction."
 */
export function clientKeyOfResponse(res: SipResponse): string | undefined {
  const top = res.via[0];
  if (!top || top.branch === undefined) return undefined;
  return `${top.branch}|${res.cseq.method}`;
}

export function clientKeyOfRequest(req: SipRequest): string | undefined {
  const top = req.via[0];
  if (!top || top.branch === undefined) return undefined;
  return `${top.branch}|${req.method === 'ACK' ? 'INVITE' : req.method}`;
}
