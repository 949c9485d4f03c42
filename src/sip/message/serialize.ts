/**
 * Serializer (RFC 3261 §7). Typed core headers are written from the message fields; other headers from
 * `headers`; Content-Length is always written from the body length.
 */
import type { SipMessage } from './types.js';

export function serializeMessage(msg: SipMessage): Buffer {
  void msg;
  return Buffer.alloc(0);
}
