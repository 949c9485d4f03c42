/**
 * Building requests and responses: UAC request construction (RFC 3261 §8.1.1) and UAS responses (§8.2.6).
 */
import { randomBytes } from 'node:crypto';
import { SipHeaders } from './headers.js';
import type { ContactHeader, CSeq, FromTo, SipRequest, SipResponse, Uri, Via } from './types.js';
import type { SipParseError } from './errors.js';
import { splitList } from './split.js';
import { parseVia, serializeVia } from './via.js';

/** RFC 3261 §8.1.1.7: branch parameters start with the magic cookie. */
export const BRANCH_MAGIC_COOKIE = 'z9hG4bK';

/** A new branch: magic cookie + 16 random hex octets (unique in space and time, §8.1.1.7). */
export function generateBranch(): string {
  return BRANCH_MAGIC_COOKIE + randomBytes(12).toString('hex');
}

/** A new tag: at least 32 bits of randomness (§19.3). */
export function generateTag(): string {
  return randomBytes(8).toString('hex');
}

/** A new Call-ID (§8.1.1.4), optionally "@host". */
export function generateCallId(host?: string): string {
  const id = randomBytes(16).toString('hex');
  return host ? `${id}@${host}` : id;
}

/** Default reason phrases (§21). */
export const REASON_PHRASES: Readonly<Record<number, string>> = {
  100: 'Trying', 180: 'Ringing', 181: 'Call Is Being Forwarded', 182: 'Queued', 183: 'Session Progress',
  199: 'Early Dialog Terminated', 200: 'OK', 202: 'Accepted', 204: 'No Notification',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Moved Temporarily', 305: 'Use Proxy',
  380: 'Alternative Service', 400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required',
  403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  407: 'Proxy Authentication Required', 408: 'Request Timeout', 410: 'Gone', 413: 'Request Entity Too Large',
  414: 'Request-URI Too Long', 415: 'Unsupported Media Type', 416: 'Unsupported URI Scheme',
  420: 'Bad Extension', 421: 'Extension Required', 422: 'Session Interval Too Small', 423: 'Interval Too Brief',
  480: 'Temporarily Unavailable', 481: 'Call/Transaction Does Not Exist', 482: 'Loop Detected',
  483: 'Too Many Hops', 484: 'Address Incomplete', 485: 'Ambiguous', 486: 'Busy Here',
  487: 'Request Terminated', 488: 'Not Acceptable Here', 489: 'Bad Event', 491: 'Request Pending',
  493: 'Undecipherable', 500: 'Server Internal Error', 501: 'Not Implemented', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Server Time-out', 505: 'Version Not Supported',
  513: 'Message Too Large', 580: 'Precondition Failure', 600: 'Busy Everywhere', 603: 'Decline',
  604: 'Does Not Exist Anywhere', 606: 'Not Acceptable',
};

export function reasonPhrase(status: number): string {
  return REASON_PHRASES[status] ?? (status < 200 ? 'Session Progress' : status < 300 ? 'OK' : 'Error');
}

function cloneParams<K, V>(m: Map<K, V>): Map<K, V> {
  return new Map(m);
}

function cloneFromTo(v: FromTo): FromTo {
  return { displayName: v.displayName, uri: cloneUri(v.uri), tag: v.tag, params: cloneParams(v.params) };
}

export function cloneUri(u: Uri): Uri {
  switch (u.kind) {
    case 'sip':
      return { ...u, params: cloneParams(u.params), headers: u.headers.map(([a, b]) => [a, b]) };
    case 'tel':
      return { ...u, params: cloneParams(u.params) };
    case 'absolute':
      return { ...u };
  }
}

function cloneVia(v: Via): Via {
  return { ...v, params: cloneParams(v.params) };
}

export interface ResponseOptions {
  /** To tag to add when the request's To has none (§8.2.6.2); ignored for 100. Default: a generated tag for status > 100. */
  toTag?: string;
  /** extra headers (name, value) appended in order */
  headers?: ReadonlyArray<readonly [string, string]>;
  body?: Buffer;
  /** Content-Type for body */
  contentType?: string;
  contact?: ContactHeader;
  /** copy Record-Route (for responses establishing a dialog, §12.1.1) */
  copyRecordRoute?: boolean;
}

/**
 * Build a response to `req` (RFC 3261 §8.2.6.2): From, Call-ID, CSeq and Via copied, To copied with a tag
 * added when absent (except for 100), Timestamp copied in 100 Trying (§8.2.6.1).
 */
export function createResponse(req: SipRequest, status: number, reason?: string, opts: ResponseOptions = {}): SipResponse {
  const headers = new SipHeaders();
  if (status === 100) {
    const ts = req.headers.get('timestamp');
    if (ts !== undefined) headers.append('Timestamp', ts);
  }
  if (opts.copyRecordRoute) for (const rr of req.headers.getAll('record-route')) headers.append('Record-Route', rr);
  for (const [n, v] of opts.headers ?? []) headers.append(n, v);
  const body = opts.body ?? Buffer.alloc(0);
  if (body.length > 0 && opts.contentType) headers.set('Content-Type', opts.contentType);
  const to = cloneFromTo(req.to);
  if (to.tag === undefined && status > 100) to.tag = opts.toTag ?? generateTag();
  return {
    type: 'response',
    version: 'SIP/2.0',
    status,
    reason: reason ?? reasonPhrase(status),
    via: req.via.map(cloneVia),
    from: cloneFromTo(req.from),
    to,
    callId: req.callId,
    cseq: { ...req.cseq },
    maxForwards: undefined,
    contact: opts.contact,
    headers,
    body,
  };
}

export interface RequestInit {
  method: string;
  uri: Uri;
  from: FromTo;
  to: FromTo;
  callId: string;
  cseq: CSeq;
  via: Via[];
  /** default 70 (§8.1.1.6) */
  maxForwards?: number;
  contact?: ContactHeader;
  headers?: ReadonlyArray<readonly [string, string]>;
  body?: Buffer;
  contentType?: string;
}

/** Build a request (§8.1.1). */
export function createRequest(init: RequestInit): SipRequest {
  const headers = new SipHeaders(init.headers);
  const body = init.body ?? Buffer.alloc(0);
  if (body.length > 0 && init.contentType) headers.set('Content-Type', init.contentType);
  return {
    type: 'request',
    version: 'SIP/2.0',
    method: init.method,
    uri: init.uri,
    via: init.via,
    from: init.from,
    to: init.to,
    callId: init.callId,
    cseq: init.cseq,
    maxForwards: init.maxForwards ?? 70,
    contact: init.contact,
    headers,
    body,
  };
}

/** A Via for a request we send (§8.1.1.7, §18.1.1), with rport requested (RFC 3581 §3). */
export function createVia(transport: string, host: string, port: number | undefined, branch = generateBranch(), rport = true): Via {
  return {
    protocolName: 'SIP',
    protocolVersion: '2.0',
    transport: transport.toUpperCase(),
    host,
    port,
    branch,
    received: undefined,
    rport: rport ? null : undefined,
    params: new Map(),
  };
}

/**
 * Via values usable in an error response: each element that parses, or failing that its sent-protocol and
 * sent-by without the malformed parameters (RFC 4475 §3.1.2.1); elements with no usable sent-by are dropped.
 */
function salvageVias(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of raw) {
    for (const el of splitList(v)) {
      if (!el) continue;
      const r = parseVia(el);
      if (r.ok) out.push(serializeVia(r.value));
      else {
        const semi = el.indexOf(';');
        const bare = parseVia(semi >= 0 ? el.slice(0, semi) : el);
        if (bare.ok) out.push(serializeVia(bare.value));
      }
    }
  }
  return out;
}

/**
 * Wire bytes of an error response for a request that failed to parse (§8.2.6.2 applied to what could be
 * recovered): Via, From, To, Call-ID and CSeq copied verbatim. Undefined when no response may be sent:
 * the message was a response (§18.1.2: discard), or not even one Via could be recovered.
 */
export function createErrorResponseForParseError(err: SipParseError): Buffer | undefined {
  if (err.isRequest !== true || !err.partial) return undefined;
  const h = err.partial.headers;
  const vias = salvageVias(h.getAll('via'));
  if (vias.length === 0) return undefined;
  const lines: string[] = [`SIP/2.0 ${err.status} ${err.statusText.replace(/[\r\n]/g, ' ')}`];
  for (const v of vias) lines.push(`Via: ${v}`);
  for (const name of ['From', 'To', 'Call-ID', 'CSeq']) {
    const vals = h.getAll(name);
    if (vals.length >= 1) {
      // a duplicated header (RFC 4475 §3.3.8): the first value is as good as any
      let v = vals[0]!;
      if (name === 'To' && !/;\s*tag\s*=/i.test(v) && err.status > 100) v += `;tag=${generateTag()}`;
      lines.push(`${name}: ${v}`);
    }
  }
  if (err.status === 505) lines.push('Warning: 399 tandem "SIP version not supported"');
  lines.push('Content-Length: 0', '', '');
  return Buffer.from(lines.join('\r\n'), 'utf8');
}
