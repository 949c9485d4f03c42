/**
 * Content-Length framing of a byte stream (RFC 3261 §18.3, §7.5; RFC 5626 §3.5.1 CRLF keep-alives).
 * Given the bytes received so far on a TCP/TLS connection, says where the first message ends.
 * A bad Content-Length is a typed error: the caller must close the connection, never resync (RFC 4475 §3.1.2.3).
 */
import type { SipParseError } from './errors.js';

export type FrameResult =
  /** a whole message occupies buf[0, length) — hand it to parseMessage(buf.subarray(0, length), {mode:'stream'}) */
  | { readonly kind: 'message'; readonly length: number }
  /** buf starts with `length` octets of CRLF keep-alive (ping "\r\n\r\n" or pong "\r\n"); drop them */
  | { readonly kind: 'keepalive'; readonly length: number; readonly ping: boolean }
  /** not enough bytes yet */
  | { readonly kind: 'need-more' }
  /** unrecoverable: answer (if a request and possible) and close the connection */
  | { readonly kind: 'error'; readonly error: SipParseError };

export function frameStream(buf: Buffer, maxSize = 65535): FrameResult {
  void buf;
  void maxSize;
  return { kind: 'need-more' };
}
