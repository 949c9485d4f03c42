/**
 * Content-Length framing of a byte stream (RFC 3261 §18.3, §7.5; RFC 5626 §3.5.1 CRLF keep-alives).
 * Given the bytes received so far on a TCP/TLS connection, says where the first message ends.
 * A bad Content-Length is a typed error: the caller must close the connection, never resync (RFC 4475 §3.1.2.3,
 * §3.3.9): there is no way to know where the next message starts.
 */
import type { SipParseError } from './errors.js';
import { parseError } from './errors.js';
import { headerKey } from './header-names.js';
import { parseContentLength } from './core-headers.js';
import { rawHeaders } from './parse.js';

export type FrameResult =
  /** a whole message occupies buf[0, length) — hand it to parseMessage(buf.subarray(0, length), {mode:'stream'}) */
  | { readonly kind: 'message'; readonly length: number }
  /** buf starts with `length` octets of CRLF keep-alive (ping "\r\n\r\n" or pong "\r\n"); drop them */
  | { readonly kind: 'keepalive'; readonly length: number; readonly ping: boolean }
  /** not enough bytes yet */
  | { readonly kind: 'need-more' }
  /** unrecoverable: answer (if a request and possible) and close the connection */
  | { readonly kind: 'error'; readonly error: SipParseError };

const CRLFCRLF = Buffer.from('\r\n\r\n');

export function frameStream(buf: Buffer, maxSize = 65535): FrameResult {
  if (buf.length === 0) return { kind: 'need-more' };
  if (buf[0] === 13) {
    if (buf.length < 2) return { kind: 'need-more' };
    if (buf[1] === 10) {
      // RFC 5626 §3.5.1: a ping is a double CRLF, a pong a single CRLF
      if (buf.length >= 4 && buf[2] === 13 && buf[3] === 10) return { kind: 'keepalive', length: 4, ping: true };
      if (buf.length === 3 && buf[2] === 13) return { kind: 'need-more' };
      return { kind: 'keepalive', length: 2, ping: false };
    }
  }
  const hdrEnd = buf.indexOf(CRLFCRLF);
  if (hdrEnd < 0) {
    if (buf.length > maxSize) {
      return { kind: 'error', error: parseError('too-large', `header section longer than ${maxSize} octets`, { status: 513 }) };
    }
    return { kind: 'need-more' };
  }
  const isRequest = !(buf.length >= 4 && buf.toString('latin1', 0, 4).toUpperCase() === 'SIP/');
  const text = buf.toString('latin1', 0, hdrEnd);
  const firstEol = text.indexOf('\r\n');
  const partial = () => {
    const sp = text.indexOf(' ');
    const method = isRequest && sp > 0 ? text.slice(0, sp) : undefined;
    return { ...(method !== undefined ? { method } : {}), headers: rawHeaders(buf.toString('utf8', 0, hdrEnd), firstEol < 0 ? hdrEnd : firstEol + 2) };
  };
  let contentLength: number | undefined;
  let pos = text.indexOf('\r\n');
  while (pos >= 0 && pos < text.length) {
    const lineStart = pos + 2;
    let e = text.indexOf('\r\n', lineStart);
    if (e < 0) e = text.length;
    pos = e;
    const c0 = text.charCodeAt(lineStart);
    if (c0 === 32 || c0 === 9) continue; // continuation line
    const colon = text.indexOf(':', lineStart);
    if (colon < 0 || colon > e) continue;
    const name = text.slice(lineStart, colon).trimEnd();
    if (name.length !== 1 && name.length !== 14) continue;
    if (headerKey(name) !== 'content-length') continue;
    // value with possible continuation lines
    let value = text.slice(colon + 1, e);
    while (e < text.length && (text.charCodeAt(e + 2) === 32 || text.charCodeAt(e + 2) === 9)) {
      let e2 = text.indexOf('\r\n', e + 2);
      if (e2 < 0) e2 = text.length;
      value += text.slice(e + 2, e2);
      e = e2;
      pos = e2;
    }
    const r = parseContentLength(value.trim());
    if (!r.ok) {
      return { kind: 'error', error: parseError('bad-content-length', r.error.reason, { header: 'Content-Length', isRequest, partial: partial() }) };
    }
    if (contentLength !== undefined && contentLength !== r.value) {
      return {
        kind: 'error',
        error: parseError('bad-content-length', 'conflicting Content-Length values', { header: 'Content-Length', isRequest, partial: partial() }),
      };
    }
    contentLength = r.value;
  }
  if (contentLength === undefined) {
    return {
      kind: 'error',
      error: parseError('missing-header', 'no Content-Length on a stream transport (§18.3)', { header: 'Content-Length', isRequest, partial: partial() }),
    };
  }
  const total = hdrEnd + 4 + contentLength;
  if (total > maxSize) {
    return { kind: 'error', error: parseError('too-large', `message of ${total} octets exceeds ${maxSize}`, { status: 513, isRequest }) };
  }
  if (buf.length < total) return { kind: 'need-more' };
  return { kind: 'message', length: total };
}
