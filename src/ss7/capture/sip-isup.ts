// ISUP bodies carried in SIP (SIP-I, ITU-T Q.1912.5; MIME type application/ISUP, RFC 3204): a SIP
// message over UDP whose body is application/ISUP or a multipart body (RFC 2046 §5.1) with such a part.
// The body starts at the message type code: no CIC (RFC 3204 §4) and no routing label.

const CRLFCRLF = Buffer.from('\r\n\r\n');

function headerValue(headers: string, names: string[]): string | undefined {
  for (const line of headers.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0 && names.includes(line.slice(0, i).trim().toLowerCase())) return line.slice(i + 1).trim();
  }
  return undefined;
}

function isIsupType(ct: string | undefined): boolean {
  return !!ct && ct.toLowerCase().split(';')[0]?.trim() === 'application/isup';
}

/** The ISUP bodies of one SIP message (empty when it is not SIP or carries none). */
export function isupBodiesOfSip(msg: Uint8Array): Uint8Array[] {
  const buf = Buffer.from(msg.buffer, msg.byteOffset, msg.byteLength);
  const end = buf.indexOf(CRLFCRLF);
  if (end < 0) return [];
  const headers = buf.subarray(0, end).toString('latin1');
  const first = headers.slice(0, headers.indexOf('\r\n'));
  if (!/^SIP\/2\.0 \d{3}|^[A-Z]+ \S+ SIP\/2\.0$/.test(first)) return [];
  let body = buf.subarray(end + 4);
  const len = Number(headerValue(headers, ['content-length', 'l']));
  if (Number.isInteger(len) && len >= 0 && len <= body.length) body = body.subarray(0, len);
  const ct = headerValue(headers, ['content-type', 'c']);
  if (isIsupType(ct)) return [new Uint8Array(body)];
  const boundary = ct && /^multipart\//i.test(ct) ? /boundary="?([^";]+)"?/i.exec(ct)?.[1] : undefined;
  if (!boundary) return [];
  const out: Uint8Array[] = [];
  const delim = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delim);
  while (at >= 0) {
    const partStart = body.indexOf('\r\n', at) + 2;
    if (partStart < 2 || body.subarray(at + delim.length, at + delim.length + 2).toString() === '--') break;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delim]), partStart);
    const part = body.subarray(partStart, next < 0 ? body.length : next);
    const hEnd = part.indexOf(CRLFCRLF);
    const partHeaders = hEnd < 0 ? '' : part.subarray(0, hEnd).toString('latin1');
    if (hEnd >= 0 && isIsupType(headerValue(partHeaders, ['content-type']))) out.push(new Uint8Array(part.subarray(hEnd + 4)));
    at = next < 0 ? -1 : next + 2;
  }
  return out;
}
