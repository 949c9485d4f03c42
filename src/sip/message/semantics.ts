/**
 * UAS request checks of RFC 3261 §8.2 on a well-formed request, in the RFC's order, returning the response
 * they demand (or undefined to go on processing). Also the UAC check on received responses (§8.1.3.3).
 * The UA core calls these after parsing; they are pure and configurable by `UasPolicy`.
 */
import type { SipRequest, SipResponse } from './types.js';
import { splitList } from './split.js';
import { reasonPhrase } from './build.js';
import { getTypedHeader } from './typed-headers.js';
import { MIN_SE_FLOOR } from './values/session-timer.js';

export interface UasPolicy {
  /** methods the UA implements (§8.2.1); others get 405 (a known method) or 501 (unknown) */
  readonly allowedMethods: readonly string[];
  /** Request-URI schemes accepted (§8.2.2.1), lower case; default sip, sips, tel */
  readonly uriSchemes?: readonly string[];
  /** option tags supported (§8.2.2.3); a Require naming others gets 420 */
  readonly supported?: readonly string[];
  /** body types understood (§8.2.3), lower case; default application/sdp, multipart/mixed, application/isup */
  readonly acceptTypes?: readonly string[];
  /** true when acting as a forwarding element: Max-Forwards 0 gets 483 (§16.3 item 2); default false */
  readonly forwarding?: boolean;
  /** true when acting as a registrar: REGISTER To must be sip/sips (§10.3 step 3 and RFC 4475 §3.3.4) */
  readonly registrar?: boolean;
  /**
   * smallest session interval accepted (RFC 4028 §8.1 / §4 Min-SE, at least 90 s); a Session-Expires below it gets
   * 422 with Min-SE. Only checked when "timer" is in `supported`. Default 90.
   */
  readonly minSessionExpires?: number;
}

export type SemanticVerdict =
  | {
      readonly action: 'reject';
      readonly status: number;
      readonly reason: string;
      /** headers the response must carry (Allow, Unsupported, Accept, Warning …) */
      readonly headers: ReadonlyArray<readonly [string, string]>;
      /** which check refused it (for logs) */
      readonly check:
        | 'method' | 'uri-scheme' | 'require' | 'content-type' | 'content-encoding' | 'accept' | 'max-forwards' | 'branch'
        | 'to-scheme' | 'session-interval';
    }
  | { readonly action: 'discard'; readonly reason: string };

/** Methods defined by RFC 3261 and its extensions that a UA is expected to recognise. */
export const KNOWN_METHODS: ReadonlySet<string> = new Set([
  'INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', 'PRACK', 'SUBSCRIBE', 'NOTIFY', 'PUBLISH', 'INFO',
  'REFER', 'MESSAGE', 'UPDATE',
]);

const DEFAULT_SCHEMES = ['sip', 'sips', 'tel'];
const DEFAULT_TYPES = ['application/sdp', 'multipart/mixed', 'application/isup'];

function reject(
  status: number,
  check: Extract<SemanticVerdict, { action: 'reject' }>['check'],
  headers: ReadonlyArray<readonly [string, string]> = [],
  reason = reasonPhrase(status),
): SemanticVerdict {
  return { action: 'reject', status, reason, headers, check };
}

/** media type of a Content-Type / Accept element, lower case, without parameters */
function mediaType(v: string): string {
  const semi = v.indexOf(';');
  return (semi >= 0 ? v.slice(0, semi) : v).trim().toLowerCase();
}

function accepts(accept: readonly string[], type: string): boolean {
  const [major] = type.split('/');
  return accept.some((a) => {
    const t = mediaType(a);
    return t === type || t === '*/*' || t === `${major}/*`;
  });
}

export function checkRequestSemantics(req: SipRequest, policy: UasPolicy): SemanticVerdict | undefined {
  const isAckOrCancel = req.method === 'ACK' || req.method === 'CANCEL';
  // §8.2.1 method inspection
  if (!policy.allowedMethods.includes(req.method)) {
    const allow: Array<readonly [string, string]> = [['Allow', policy.allowedMethods.join(', ')]];
    return KNOWN_METHODS.has(req.method) ? reject(405, 'method', allow) : reject(501, 'method', allow);
  }
  // RFC 4475 §3.2.1: a branch that is only the magic cookie cannot identify a transaction
  const top = req.via[0];
  if (top && top.branch === 'z9hG4bK') return reject(400, 'branch', [], 'Bad Request - Via branch is only the magic cookie');
  // §8.2.2.1 Request-URI scheme
  const schemes = policy.uriSchemes ?? DEFAULT_SCHEMES;
  const scheme = req.uri.kind === 'absolute' ? req.uri.scheme : req.uri.kind === 'tel' ? 'tel' : req.uri.scheme;
  if (!schemes.includes(scheme)) return reject(416, 'uri-scheme');
  if (policy.registrar && req.method === 'REGISTER') {
    if (req.to.uri.kind !== 'sip') return reject(400, 'to-scheme', [], 'Bad Request - To must be a SIP or SIPS URI');
  }
  // §16.3 item 2 (forwarding elements): Max-Forwards 0
  if (policy.forwarding && req.maxForwards === 0) return reject(483, 'max-forwards');
  // §8.2.2.3 Require (never 420 for ACK or CANCEL)
  if (!isAckOrCancel) {
    const supported = new Set((policy.supported ?? []).map((s) => s.toLowerCase()));
    const unsupported: string[] = [];
    for (const v of req.headers.getAll('require')) {
      for (const tag of splitList(v)) if (tag && !supported.has(tag.toLowerCase())) unsupported.push(tag);
    }
    if (unsupported.length) return reject(420, 'require', [['Unsupported', unsupported.join(', ')]]);
  }
  // §8.2.3 content processing
  const acceptTypes = policy.acceptTypes ?? DEFAULT_TYPES;
  if (req.body.length > 0 && !isAckOrCancel) {
    const enc = req.headers.getAll('content-encoding').filter((e) => e.toLowerCase() !== 'identity');
    if (enc.length > 0) {
      return reject(415, 'content-encoding', [['Accept-Encoding', 'identity'], ['Accept', acceptTypes.join(', ')]]);
    }
    const ct = req.headers.get('content-type');
    const disp = req.headers.get('content-disposition');
    const optional = disp !== undefined && /;\s*handling\s*=\s*optional/i.test(disp);
    if (!optional && (ct === undefined || !acceptTypes.includes(mediaType(ct)))) {
      return reject(415, 'content-type', [['Accept', acceptTypes.join(', ')]]);
    }
  }
  // RFC 4028 §8.1: a session interval below our minimum gets 422 with Min-SE
  if ((req.method === 'INVITE' || req.method === 'UPDATE') && (policy.supported ?? []).some((t) => t.toLowerCase() === 'timer')) {
    const min = Math.max(MIN_SE_FLOOR, policy.minSessionExpires ?? MIN_SE_FLOOR);
    const se = getTypedHeader(req.headers, 'session-expires');
    if (!se.ok) return reject(400, 'session-interval', [], 'Bad Request - Malformed Session-Expires');
    if (se.value !== undefined && se.value.deltaSeconds < min) {
      return reject(422, 'session-interval', [['Min-SE', String(min)]]);
    }
  }
  // §8.2.3 / RFC 4475 §3.3.15: the answer would carry SDP the sender says it cannot accept
  if (req.method === 'INVITE') {
    const accept = req.headers.getAll('accept');
    if (accept.length > 0 && !(accept.length === 1 && accept[0] === '') && !accepts(accept, 'application/sdp')) {
      return reject(406, 'accept', [['Warning', '399 tandem "application/sdp is required in the Accept header"']]);
    }
  }
  return undefined;
}

/** §8.1.3.3: a UAC discards a response carrying more than one Via (RFC 4475 §3.3.10). */
export function checkResponseSemantics(res: SipResponse): SemanticVerdict | undefined {
  if (res.via.length > 1) return { action: 'discard', reason: 'response with more than one Via (§8.1.3.3)' };
  return undefined;
}
