/**
 * Message parser (RFC 3261 §7, §25). `parseMessage` never throws: it returns a typed result.
 * The core headers (Via, From, To, Call-ID, CSeq, Max-Forwards, Contact, Content-Length, Date) are
 * validated eagerly so a malformed request is refused up front (§8.2, RFC 4475 §3.1.2); the other headers
 * are kept as raw unfolded values (typed on demand, typed-headers.ts).
 */
import { isAscii } from 'node:buffer';
import type { ContactHeader, CSeq, FromTo, NameAddr, SipMessage, Via } from './types.js';
import type { SipParseError, SipParseErrorKind } from './errors.js';
import { parseError } from './errors.js';
import { SipHeaders } from './headers.js';
import { headerNameInfoAt } from './header-names.js';
import { TOKEN, isWs, scan } from './charset.js';
import { parseStartLine } from './start-line.js';
import { splitList } from './split.js';
import { parseVia } from './via.js';
import { parseFromTo, parseNameAddr } from './name-addr.js';
import { KNOWN_METHODS } from './semantics.js';
import { parseCSeq, parseCallId, parseContentLength, parseMaxForwards, parseSipDate } from './core-headers.js';

export interface ParseOptions {
  /**
   * 'datagram' (default): one UDP datagram; without Content-Length the body is the rest of the datagram
   * (§18.3), octets beyond Content-Length are ignored (RFC 4475 §3.1.1.8).
   * 'stream': the buffer holds one message framed by `frameStream`; Content-Length is mandatory (§18.3).
   */
  mode?: 'datagram' | 'stream';
  /** refuse larger messages (513); default 65535 */
  maxSize?: number;
}

export type ParseResult =
  | {
      readonly ok: true;
      readonly message: SipMessage;
      /** octets used (start line + headers + body); datagram octets beyond this were ignored */
      readonly length: number;
    }
  | { readonly ok: false; readonly error: SipParseError };

const CRLFCRLF = Buffer.from('\r\n\r\n');

/** true when text[from, to) holds a CR or LF (lines are split on CRLF, so any left is a bare one) */
function bareCrLf(text: string, from: number, to: number): boolean {
  const lf = text.indexOf('\n', from);
  if (lf >= 0 && lf < to) return true;
  const cr = text.indexOf('\r', from);
  return cr >= 0 && cr < to;
}

/** Index of the empty line ending the header section (the CRLFCRLF), or -1. */
export function findHeaderEnd(buf: Buffer, from = 0): number {
  return buf.indexOf(CRLFCRLF, from);
}

/** Number of leading CRLF octets (§7.5: ignored before a start-line on streams; tolerated on datagrams). */
export function leadingCrlf(buf: Buffer): number {
  let i = 0;
  while (i + 1 < buf.length && buf[i] === 13 && buf[i + 1] === 10) i += 2;
  return i;
}

/** Split the header section into unfolded (name, value) lines; used for error responses (best effort). */
export function rawHeaders(text: string, from: number): SipHeaders {
  const h = new SipHeaders();
  for (const [name, value] of headerLines(text, from)) {
    if (name !== undefined && scan(name, 0, TOKEN) === name.length && name.length > 0) h.append(name, value);
  }
  return h;
}

function* headerLines(text: string, pos: number): Generator<[string | undefined, string]> {
  while (pos < text.length) {
    let eol = text.indexOf('\r\n', pos);
    if (eol < 0) eol = text.length;
    let line = text.slice(pos, eol);
    pos = eol + 2;
    while (pos < text.length && (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9)) {
      let e2 = text.indexOf('\r\n', pos);
      if (e2 < 0) e2 = text.length;
      line += text.slice(pos, e2);
      pos = e2 + 2;
    }
    const colon = line.indexOf(':');
    if (colon < 0) yield [undefined, line];
    else yield [line.slice(0, colon).trimEnd(), line.slice(colon + 1).trim()];
  }
}

interface FailContext {
  readonly text: string;
  readonly from: number;
  readonly isRequest: boolean | undefined;
  readonly method: string | undefined;
}

function fail(ctx: FailContext, kind: SipParseErrorKind, reason: string, header?: string, status?: number, statusText?: string): ParseResult {
  return {
    ok: false,
    error: parseError(kind, reason, {
      isRequest: ctx.isRequest,
      partial: { ...(ctx.method !== undefined ? { method: ctx.method } : {}), headers: rawHeaders(ctx.text, ctx.from) },
      ...(header !== undefined ? { header } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(statusText !== undefined ? { statusText } : {}),
    }),
  };
}

/** 513 (§21.5.14) with what can be recovered of the head, so a UAS can still answer over UDP */
function tooLarge(buf: Buffer, maxSize: number): ParseResult {
  const start = leadingCrlf(buf);
  const hdrEnd = buf.indexOf(CRLFCRLF, start);
  const reason = `message of ${buf.length} octets exceeds ${maxSize}`;
  if (hdrEnd < 0 || hdrEnd > maxSize) return { ok: false, error: parseError('too-large', reason, { status: 513 }) };
  const text = buf.toString('utf8', start, hdrEnd);
  let eol = text.indexOf('\r\n');
  if (eol < 0) eol = text.length;
  const sl = parseStartLine(text.slice(0, eol));
  const isRequest = sl.ok ? sl.value.type === 'request' : sl.error.isRequest;
  const method = sl.ok ? (sl.value.type === 'request' ? sl.value.method : undefined) : sl.error.method;
  return fail({ text, from: eol + 2, isRequest, method }, 'too-large', reason, undefined, 513, 'Message Too Large');
}

function trimWs(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isWs(s.charCodeAt(a))) a++;
  while (b > a && isWs(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

export function parseMessage(buf: Buffer, opts: ParseOptions = {}): ParseResult {
  const mode = opts.mode ?? 'datagram';
  const maxSize = opts.maxSize ?? 65535;
  if (buf.length > maxSize) return tooLarge(buf, maxSize);
  const start = leadingCrlf(buf);
  let hdrEnd = buf.indexOf(CRLFCRLF, start);
  let bodyStart: number;
  if (hdrEnd < 0) {
    // a datagram whose header section is closed by the end of the datagram (no body)
    if (mode === 'datagram' && buf.length - start >= 2 && buf[buf.length - 2] === 13 && buf[buf.length - 1] === 10) {
      hdrEnd = buf.length - 2;
      bodyStart = buf.length;
    } else {
      return { ok: false, error: parseError('incomplete', 'no empty line ends the header section') };
    }
  } else bodyStart = hdrEnd + 4;

  // pure ASCII decodes faster as latin1 with the same result; anything else as UTF-8 (§7.3.1 allows UTF-8)
  const text = isAscii(buf.subarray(start, hdrEnd)) ? buf.toString('latin1', start, hdrEnd) : buf.toString('utf8', start, hdrEnd);
  let eol = text.indexOf('\r\n');
  if (eol < 0) eol = text.length;
  const sl = parseStartLine(text.slice(0, eol));
  const isRequest = sl.ok ? sl.value.type === 'request' : sl.error.isRequest;
  const method = sl.ok ? (sl.value.type === 'request' ? sl.value.method : undefined) : sl.error.method;

  const ctx: FailContext = { text, from: eol + 2, isRequest, method };
  if (!sl.ok) return fail(ctx, sl.error.kind, sl.error.reason);

  const headers = new SipHeaders();
  const via: Via[] = [];
  let from: FromTo | undefined;
  let to: FromTo | undefined;
  let callId: string | undefined;
  let cseq: CSeq | undefined;
  let maxForwards: number | undefined;
  let contact: ContactHeader | undefined;
  let contentLength: number | undefined;

  // lines end with CRLF (§7): a bare CR or LF inside a line is malformed
  if (bareCrLf(text, 0, eol)) return fail(ctx, 'bad-start-line', 'bare CR or LF in the start line');
  let pos = eol + 2;
  while (pos < text.length) {
    let e = text.indexOf('\r\n', pos);
    if (e < 0) e = text.length;
    const nameEnd = scan(text, pos, TOKEN);
    if (nameEnd === pos) return fail(ctx, 'bad-header', `header line without a name: ${JSON.stringify(text.slice(pos, Math.min(e, pos + 40)))}`);
    let k = nameEnd;
    while (k < e && isWs(text.charCodeAt(k))) k++;
    if (k >= e || text.charCodeAt(k) !== 58) {
      return fail(ctx, 'bad-header', `malformed header line ${JSON.stringify(text.slice(pos, Math.min(e, pos + 40)))}`);
    }
    if (bareCrLf(text, k, e)) return fail(ctx, 'bad-header', 'bare CR or LF in a header line');
    let vs = k + 1;
    while (vs < e && isWs(text.charCodeAt(vs))) vs++;
    let next = e + 2;
    let value: string;
    if (next < text.length && isWs(text.charCodeAt(next))) {
      // line folding (§7.3.1): a line starting with SP/HT continues the previous one
      let v = text.slice(vs, e);
      while (next < text.length && isWs(text.charCodeAt(next))) {
        let e2 = text.indexOf('\r\n', next);
        if (e2 < 0) e2 = text.length;
        if (bareCrLf(text, next, e2)) return fail(ctx, 'bad-header', 'bare CR or LF in a header line');
        v += text.slice(next, e2);
        next = e2 + 2;
      }
      value = trimWs(v);
    } else {
      let ve = e;
      while (ve > vs && isWs(text.charCodeAt(ve - 1))) ve--;
      value = text.slice(vs, ve);
    }
    const lineStart = pos;
    pos = next;
    const info = headerNameInfoAt(text, lineStart, nameEnd);
    const key = info.key;
    switch (info.core) {
      case 1 /* via */: {
        for (const el of splitList(value)) {
          const r = parseVia(el);
          if (!r.ok) return fail(ctx, 'bad-header', r.error.reason, 'Via');
          via.push(r.value);
        }
        break;
      }
      case 2 /* from */:
      case 3 /* to */: {
        const name = key === 'from' ? 'From' : 'To';
        if ((key === 'from' ? from : to) !== undefined) return fail(ctx, 'duplicate-header', `more than one ${name}`, name);
        const r = parseFromTo(value);
        if (!r.ok) return fail(ctx, 'bad-header', r.error.reason, name);
        if (key === 'from') from = r.value;
        else to = r.value;
        break;
      }
      case 4 /* call-id */: {
        if (callId !== undefined) return fail(ctx, 'duplicate-header', 'more than one Call-ID', 'Call-ID');
        const r = parseCallId(value);
        if (!r.ok) return fail(ctx, 'bad-header', r.error.reason, 'Call-ID');
        callId = r.value;
        break;
      }
      case 5 /* cseq */: {
        if (cseq !== undefined) return fail(ctx, 'duplicate-header', 'more than one CSeq', 'CSeq');
        const r = parseCSeq(value);
        if (!r.ok) return fail(ctx, 'bad-header', r.error.reason, 'CSeq');
        cseq = r.value;
        break;
      }
      case 6 /* max-forwards */: {
        if (maxForwards !== undefined) return fail(ctx, 'duplicate-header', 'more than one Max-Forwards', 'Max-Forwards');
        const r = parseMaxForwards(value);
        if (!r.ok) return fail(ctx, 'bad-header', r.error.reason, 'Max-Forwards');
        maxForwards = r.value;
        break;
      }
      case 7 /* contact */: {
        if (value === '*') {
          if (contact !== undefined) return fail(ctx, 'bad-header', '"*" combined with other Contact values', 'Contact');
          contact = { star: true };
          break;
        }
        if (contact?.star) return fail(ctx, 'bad-header', '"*" combined with other Contact values', 'Contact');
        const values: NameAddr[] = contact ? contact.values : [];
        for (const el of splitList(value)) {
          const r = parseNameAddr(el);
          if (!r.ok) return fail(ctx, 'bad-header', r.error.reason, 'Contact');
          values.push(r.value);
        }
        contact = { star: false, values };
        break;
      }
      case 8 /* content-length */: {
        const r = parseContentLength(value);
        if (!r.ok) return fail(ctx, 'bad-content-length', r.error.reason, 'Content-Length');
        if (contentLength !== undefined && contentLength !== r.value) {
          return fail(ctx, 'bad-content-length', 'conflicting Content-Length values', 'Content-Length');
        }
        contentLength = r.value;
        break;
      }
      case 9 /* date */:
        if (!parseSipDate(value).ok) return fail(ctx, 'bad-header', 'Date is not an rfc1123-date in GMT', 'Date');
        headers.appendKeyed(key, info.name, value);
        break;
      default:
        // list headers stay one entry per line; SipHeaders.getAll splits them on demand (§7.3.1)
        headers.appendKeyed(key, info.name, value);
    }
  }

  // mandatory headers (§8.1.1; §20 table): To, From, CSeq, Call-ID, Via
  if (via.length === 0) return fail(ctx, 'missing-header', 'no Via', 'Via');
  if (from === undefined) return fail(ctx, 'missing-header', 'no From', 'From');
  if (to === undefined) return fail(ctx, 'missing-header', 'no To', 'To');
  if (callId === undefined) return fail(ctx, 'missing-header', 'no Call-ID', 'Call-ID');
  if (cseq === undefined) return fail(ctx, 'missing-header', 'no CSeq', 'CSeq');

  let bodyLen: number;
  if (contentLength === undefined) {
    if (mode === 'stream') return fail(ctx, 'missing-header', 'no Content-Length on a stream transport (§18.3)', 'Content-Length');
    bodyLen = buf.length - bodyStart; // §18.3: datagram without Content-Length
  } else {
    if (bodyStart + contentLength > buf.length) {
      return fail(ctx, 'bad-content-length', `Content-Length ${contentLength} exceeds the ${buf.length - bodyStart} octets received`, 'Content-Length');
    }
    bodyLen = contentLength;
  }
  const body = Buffer.from(buf.subarray(bodyStart, bodyStart + bodyLen));
  const s = sl.value;
  let message: SipMessage;
  if (s.type === 'request') {
    if (cseq.method !== s.method) {
      // RFC 4475 §3.1.2.17/18: 400; an unknown method would get 501 anyway (§8.2.1)
      const unknown = !KNOWN_METHODS.has(s.method);
      return fail(ctx, 'bad-header', `CSeq method ${cseq.method} differs from request method ${s.method}`, 'CSeq',
        unknown ? 501 : 400, unknown ? 'Not Implemented' : 'Bad Request - CSeq method does not match');
    }
    message = { type: 'request', method: s.method, uri: s.uri, version: s.version, via, from, to, callId, cseq, maxForwards, contact, headers, body };
  } else {
    message = { type: 'response', status: s.status, reason: s.reason, version: s.version, via, from, to, callId, cseq, maxForwards, contact, headers, body };
  }
  return { ok: true, message, length: bodyStart + bodyLen };
}
