/**
 * multipart bodies (RFC 5621 §3 for SIP; MIME framing of RFC 2046 §5.1.1): parts are split on
 * CRLF "--" boundary; each part keeps its own headers and its raw octets (binary-safe: no text decoding of
 * part bodies, so application/ISUP parts for SIP-I survive byte for byte).
 */
import { SipHeaders } from './headers.js';
import type { Result } from './types.js';
import { parseContentType, contentTypeParam } from './values/content-type.js';

export interface BodyPart {
  /** the part's headers (Content-Type, Content-Disposition, Content-ID …) */
  headers: SipHeaders;
  /** lower-case media type of the part; RFC 2046 §5.1: text/plain when absent */
  mediaType: string;
  body: Buffer;
}

export interface MultipartError {
  readonly reason: string;
}

function bad(reason: string): Result<never, MultipartError> {
  return { ok: false, error: { reason } };
}

/** Parse a multipart body given the message Content-Type value (must carry a boundary). */
export function parseMultipart(body: Buffer, contentType: string): Result<BodyPart[], MultipartError> {
  const ct = parseContentType(contentType);
  if (!ct.ok) return bad(`Content-Type: ${ct.error.reason}`);
  if (!ct.value.mediaType.startsWith('multipart/')) return bad(`${ct.value.mediaType} is not multipart`);
  const boundary = contentTypeParam(ct.value, 'boundary');
  if (!boundary || boundary.length > 70) return bad('missing or overlong boundary');
  const delim = Buffer.from('--' + boundary, 'latin1');
  // first delimiter: at offset 0 or after a CRLF (a preamble may precede it)
  let pos: number;
  if (body.subarray(0, delim.length).equals(delim)) pos = 0;
  else {
    const i = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delim]));
    if (i < 0) return bad('no boundary delimiter in body');
    pos = i + 2;
  }
  const sep = Buffer.concat([Buffer.from('\r\n'), delim]);
  const parts: BodyPart[] = [];
  for (;;) {
    let after = pos + delim.length;
    // close delimiter?
    if (body[after] === 45 && body[after + 1] === 45) return parts.length ? { ok: true, value: parts } : bad('no parts');
    // transport padding then CRLF
    while (after < body.length && (body[after] === 32 || body[after] === 9)) after++;
    if (body[after] !== 13 || body[after + 1] !== 10) return bad('boundary line not ended by CRLF');
    const partStart = after + 2;
    const next = body.indexOf(sep, partStart);
    if (next < 0) return bad('missing close delimiter');
    const raw = body.subarray(partStart, next);
    const part = parsePart(raw);
    if (!part.ok) return part;
    parts.push(part.value);
    pos = next + 2;
    if (parts.length > 64) return bad('too many parts');
  }
}

function parsePart(raw: Buffer): Result<BodyPart, MultipartError> {
  const headers = new SipHeaders();
  let bodyStart: number;
  if (raw[0] === 13 && raw[1] === 10) bodyStart = 2; // no part headers
  else {
    const end = raw.indexOf('\r\n\r\n');
    if (end < 0) return bad('part header section not closed');
    const text = raw.toString('utf8', 0, end);
    let name = '';
    let value = '';
    const flush = () => {
      if (name) headers.append(name, value.trim());
    };
    for (const line of text.split('\r\n')) {
      if (line.startsWith(' ') || line.startsWith('\t')) {
        value += line;
        continue;
      }
      flush();
      const colon = line.indexOf(':');
      if (colon <= 0) return bad(`malformed part header ${JSON.stringify(line.slice(0, 30))}`);
      name = line.slice(0, colon).trim();
      value = line.slice(colon + 1);
    }
    flush();
    bodyStart = end + 4;
  }
  const ctv = headers.get('content-type');
  let mediaType = 'text/plain';
  if (ctv !== undefined) {
    const ct = parseContentType(ctv);
    if (!ct.ok) return bad(`part Content-Type: ${ct.error.reason}`);
    mediaType = ct.value.mediaType;
  }
  return { ok: true, value: { headers, mediaType, body: Buffer.from(raw.subarray(bodyStart)) } };
}

/** Serialize parts with the given boundary (the caller puts `multipart/mixed;boundary=...` in Content-Type). */
export function serializeMultipart(parts: readonly BodyPart[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\n`;
    for (const h of p.headers) head += `${h.name}: ${h.value}\r\n`;
    head += '\r\n';
    chunks.push(Buffer.from(head, 'utf8'), p.body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
