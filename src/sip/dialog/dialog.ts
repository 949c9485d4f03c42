// Dialogs (RFC 3261 §12): creation on the UAS (§12.1.1) and UAC (§12.1.2) side, early and confirmed
// states, route set from Record-Route, CSeq rules (§12.2.1.1, §12.2.2), target refresh, and the
// construction of requests within a dialog (§12.2.1.1). Only loose routing (RFC 3261 §16.12) is
// supported: a route set whose first entry lacks ";lr" is used as if it had it.
import { cloneUri, createRequest, createVia, generateBranch } from '../message/index.js';
import type { FromTo, NameAddr, SipRequest, SipResponse, Uri } from '../message/types.js';

export type DialogState = 'early' | 'confirmed' | 'terminated';

export interface Dialog {
  readonly callId: string;
  readonly localTag: string;
  remoteTag: string;
  state: DialogState;
  /** §12.1.1: "local sequence number MUST be empty" on the UAS until it sends a request: undefined. */
  localSeq: number | undefined;
  /** undefined until a request with a CSeq arrives from the peer (UAC side). */
  remoteSeq: number | undefined;
  readonly localUri: FromTo;
  readonly remoteUri: FromTo;
  /** The peer's Contact (§12.1.1 "remote target"); updated by target refresh requests. */
  remoteTarget: Uri;
  /** Ordered route set (URIs as they go into Route headers). */
  routeSet: string[];
  readonly secure: boolean;
  readonly role: 'uac' | 'uas';
}

/** Dialog id as the map key: Call-ID, local tag, remote tag (§12). */
export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}|${localTag}|${remoteTag}`;
}

export function keyOf(d: Dialog): string {
  return dialogKey(d.callId, d.localTag, d.remoteTag);
}

/** The dialog key an incoming request belongs to (our tag is in To). */
export function keyOfIncomingRequest(req: SipRequest): string | undefined {
  if (req.to.tag === undefined) return undefined;
  return dialogKey(req.callId, req.to.tag, req.from.tag ?? '');
}

/** The dialog key an incoming response belongs to (our tag is in From). */
export function keyOfIncomingResponse(res: SipResponse): string {
  return dialogKey(res.callId, res.from.tag ?? '', res.to.tag ?? '');
}

function firstContactUri(contact: SipRequest['contact']): Uri | undefined {
  if (!contact || contact.star) return undefined;
  return contact.values[0]?.uri;
}

function isSips(u: Uri): boolean {
  return u.kind === 'sip' && u.scheme === 'sips';
}

/**
 * §12.1.1 (UAS): "The route set MUST be set to the list of URIs in the Record-Route header field from
 * the request, taken in order and preserving all URI parameters. ... The remote target MUST be set to
 * the URI from the Contact header field of the request. The remote sequence number MUST be set to the
 * value of the sequence number in the CSeq header field of the request. The local sequence number MUST
 * be empty. ... The remote URI MUST be set to the URI in the From field, and the local URI MUST be set
 * to the URI in the To field."
 */
export function createUasDialog(req: SipRequest, localTag: string, early: boolean): Dialog {
  return {
    callId: req.callId,
    localTag,
    remoteTag: req.from.tag ?? '',
    state: early ? 'early' : 'confirmed',
    localSeq: undefined,
    remoteSeq: req.cseq.seq,
    localUri: { ...req.to, tag: localTag },
    remoteUri: req.from,
    remoteTarget: firstContactUri(req.contact) ?? req.from.uri,
    routeSet: req.headers.getAll('record-route').map(stripBrackets),
    secure: isSips(req.uri),
    role: 'uas',
  };
}

/**
 * §12.1.2 (UAC): "The route set MUST be set to the list of URIs in the Record-Route header field from
 * the response, taken in reverse order and preserving all URI parameters. ... The remote target MUST be
 * set to the URI from the Contact header field of the response. The local sequence number MUST be set
 * to the value of the sequence number in the CSeq header field of the request. The remote sequence
 * number MUST be empty".
 */
export function createUacDialog(req: SipRequest, res: SipResponse): Dialog {
  return {
    callId: req.callId,
    localTag: req.from.tag ?? '',
    remoteTag: res.to.tag ?? '',
    state: res.status < 200 ? 'early' : 'confirmed',
    localSeq: req.cseq.seq,
    remoteSeq: undefined,
    localUri: req.from,
    remoteUri: res.to,
    remoteTarget: firstContactUri(res.contact) ?? req.uri,
    routeSet: res.headers.getAll('record-route').map(stripBrackets).reverse(),
    secure: isSips(req.uri),
    role: 'uac',
  };
}

function stripBrackets(v: string): string {
  return v.trim();
}

/** Target refresh (§12.2.1.2 / §12.2.2): a Contact in a re-INVITE, UPDATE or their 2xx replaces the remote target. */
export function refreshTarget(d: Dialog, msg: SipRequest | SipResponse): void {
  const u = firstContactUri(msg.contact);
  if (u) d.remoteTarget = u;
}

/** An early dialog becomes confirmed on a 2xx (§12.1); the route set is recomputed from the 2xx on the UAC side. */
export function confirmUacDialog(d: Dialog, res: SipResponse): void {
  d.state = 'confirmed';
  d.routeSet = res.headers.getAll('record-route').map(stripBrackets).reverse();
  refreshTarget(d, res);
}

export type CSeqCheck = 'ok' | 'out-of-order';

/**
 * §12.2.2: "If the remote sequence number is empty, it MUST be set to the value of the sequence number
 * in the CSeq header field value in the request. If the remote sequence number was not empty, but the
 * sequence number of the request is lower than the remote sequence number, the request is out of order
 * and MUST be rejected with a 500 (Server Internal Error) response. If the remote sequence number was
 * not empty, and the sequence number of the request is greater than the remote sequence number, the
 * request is in order." (ACK and CANCEL carry the CSeq of their INVITE and are not checked.)
 */
export function checkRemoteCSeq(d: Dialog, req: SipRequest): CSeqCheck {
  if (req.method === 'ACK' || req.method === 'CANCEL') return 'ok';
  if (d.remoteSeq !== undefined && req.cseq.seq < d.remoteSeq) return 'out-of-order';
  if (d.remoteSeq === undefined || req.cseq.seq > d.remoteSeq) d.remoteSeq = req.cseq.seq;
  return 'ok';
}

export interface InDialogOptions {
  body?: Buffer;
  contentType?: string;
  headers?: ReadonlyArray<readonly [string, string]>;
  contact?: NameAddr;
  /** For ACK: the CSeq number of the INVITE it acknowledges (§13.2.2.4). */
  cseq?: number;
}

/**
 * §12.2.1.1: "The URI in the To field of the request MUST be set to the remote URI from the dialog
 * state. The tag in the To header field of the request MUST be set to the remote tag of the dialog ID.
 * The From URI of the request MUST be set to the local URI from the dialog state. The tag in the From
 * header field of the request MUST be set to the local tag of the dialog ID. ... The Call-ID of the
 * request MUST be set to the Call-ID of the dialog. Requests within a dialog MUST contain strictly
 * monotonically increasing and contiguous CSeq sequence numbers ... with the exception of ACK and CANCEL
 * ... If the route set is not empty, and the first URI in the route set contains the lr parameter, the
 * UAC MUST place the remote target URI into the Request-URI and MUST include a Route header field
 * containing the route set values in order".
 */
export function createInDialogRequest(d: Dialog, method: string, o: InDialogOptions = {}): SipRequest {
  let seq: number;
  if (method === 'ACK' || method === 'CANCEL') seq = o.cseq ?? d.localSeq ?? 1;
  else {
    // §12.2.1.1: "If the local sequence number is empty, an initial value MUST be chosen".
    d.localSeq = d.localSeq === undefined ? (Math.floor(Math.random() * 0x7fffffff) % 1000000) + 1 : d.localSeq + 1;
    seq = d.localSeq;
  }
  const headers: [string, string][] = d.routeSet.map((r) => ['Route', r]);
  for (const [n, v] of o.headers ?? []) headers.push([n, v]);
  const req = createRequest({
    method,
    uri: cloneUri(d.remoteTarget),
    from: { ...d.localUri, tag: d.localTag },
    to: { ...d.remoteUri, tag: d.remoteTag },
    callId: d.callId,
    cseq: { seq, method },
    via: [createVia('UDP', '0.0.0.0', undefined, generateBranch())],
    headers,
    ...(o.body ? { body: o.body } : {}),
    ...(o.contentType ? { contentType: o.contentType } : {}),
    ...(o.contact ? { contact: { star: false, values: [o.contact] } } : {}),
  });
  return req;
}
