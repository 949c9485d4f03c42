/**
 * Message parser (RFC 3261 §7, §25). `parseMessage` never throws: it returns a typed result.
 */
import type { SipMessage } from './types.js';
import type { SipParseError } from './errors.js';
import { parseError } from './errors.js';

export interface ParseOptions {
  /**
   * 'datagram' (default): one UDP datagram; without Content-Length the body is the rest of the datagram
   * (§18.3), octets beyond Content-Length are ignored (RFC 4475 §3.1.1.8).
   * 'stream': the buffer is exactly one message framed by `frameStream`; Content-Length is mandatory (§18.3).
   */
  mode?: 'datagram' | 'stream';
  /** refuse larger messages (413/513); default 65535 */
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

export function parseMessage(buf: Buffer, opts: ParseOptions = {}): ParseResult {
  void buf;
  void opts;
  return { ok: false, error: parseError('bad-start-line', 'not implemented yet') };
}
