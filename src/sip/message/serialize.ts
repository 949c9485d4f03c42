/**
 * Serializer (RFC 3261 §7). Typed core headers are written from the message fields (Via, From, To, Call-ID,
 * CSeq, Max-Forwards, Contact), then `headers` in order, then Content-Length computed from the body.
 * Compact forms are never used on output; each value goes on its own line (§7.3.1 allows both).
 */
import type { ContactHeader, SipMessage } from './types.js';
import { serializeUri } from './uri.js';
import { serializeFromTo, serializeNameAddr } from './name-addr.js';
import { serializeVia } from './via.js';
import { serializeCSeq } from './core-headers.js';

const OWNED: ReadonlySet<string> = new Set(['via', 'from', 'to', 'call-id', 'cseq', 'max-forwards', 'contact', 'content-length']);

export function serializeContact(c: ContactHeader): string {
  return c.star ? '*' : c.values.map(serializeNameAddr).join(', ');
}

/** Start line and headers, ending with the empty line. */
export function serializeHead(msg: SipMessage): string {
  let out =
    msg.type === 'request'
      ? `${msg.method} ${serializeUri(msg.uri)} SIP/2.0\r\n`
      : `SIP/2.0 ${msg.status} ${msg.reason.replace(/[\r\n]/g, ' ')}\r\n`;
  for (const v of msg.via) out += 'Via: ' + serializeVia(v) + '\r\n';
  out += 'From: ' + serializeFromTo(msg.from) + '\r\n';
  out += 'To: ' + serializeFromTo(msg.to) + '\r\n';
  out += 'Call-ID: ' + msg.callId + '\r\n';
  out += 'CSeq: ' + serializeCSeq(msg.cseq) + '\r\n';
  if (msg.maxForwards !== undefined) out += 'Max-Forwards: ' + msg.maxForwards + '\r\n';
  if (msg.contact !== undefined && (msg.contact.star || msg.contact.values.length > 0)) {
    out += 'Contact: ' + serializeContact(msg.contact) + '\r\n';
  }
  for (const h of msg.headers) {
    // the typed fields own these headers: a stray raw copy is never written twice
    if (OWNED.has(h.key)) continue;
    out += h.name + ': ' + h.value.replace(/\r\n?|\n/g, ' ') + '\r\n';
  }
  out += 'Content-Length: ' + msg.body.length + '\r\n\r\n';
  return out;
}

export function serializeMessage(msg: SipMessage): Buffer {
  const head = serializeHead(msg);
  if (msg.body.length === 0) return Buffer.from(head, 'utf8');
  const headLen = Buffer.byteLength(head, 'utf8');
  const out = Buffer.allocUnsafe(headLen + msg.body.length);
  out.write(head, 0, 'utf8');
  msg.body.copy(out, headLen);
  return out;
}
