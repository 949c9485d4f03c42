/**
 * Scalar core headers: CSeq (§20.16), Call-ID (§20.8), Max-Forwards (§20.22), Content-Length (§20.14),
 * Date (§20.17, rfc1123-date in GMT). Numbers are bounded as RFC 4475 §3.1.2.4 requires (CSeq ≤ 2^32-1,
 * Max-Forwards ≤ 255) and never converted from more digits than fit.
 */
import { TOKEN, WORD, scan, skipWs } from './charset.js';
import type { CSeq, Result } from './types.js';

export interface ValueError {
  readonly reason: string;
}

function fail(reason: string): Result<never, ValueError> {
  return { ok: false, error: { reason } };
}

/** 1*DIGIT with a bound; leading zeros allowed (RFC 4475 §3.1.1.1). Returns -1 when malformed or too big. */
export function parseBoundedInt(s: string, max: number): number {
  if (s.length === 0) return -1;
  let i = 0;
  while (i < s.length - 1 && s.charCodeAt(i) === 48) i++;
  if (s.length - i > 10) return -1;
  let n = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n <= max ? n : -1;
}

export const MAX_CSEQ = 0xffffffff;

export function parseCSeq(v: string): Result<CSeq, ValueError> {
  let i = skipWs(v, 0);
  let e = i;
  while (e < v.length && v.charCodeAt(e) >= 48 && v.charCodeAt(e) <= 57) e++;
  if (e === i) return fail('missing sequence number');
  const seq = parseBoundedInt(v.slice(i, e), MAX_CSEQ);
  if (seq < 0) return fail('sequence number larger than 2^32-1');
  i = skipWs(v, e);
  if (i === e) return fail('missing whitespace before method');
  const me = scan(v, i, TOKEN);
  if (me === i) return fail('missing method');
  if (skipWs(v, me) !== v.length) return fail('trailing characters after method');
  return { ok: true, value: { seq, method: v.slice(i, me) } };
}

export function serializeCSeq(c: CSeq): string {
  return `${c.seq} ${c.method}`;
}

/** callid = word [ "@" word ] */
export function parseCallId(v: string): Result<string, ValueError> {
  if (v.length === 0) return fail('empty Call-ID');
  const e = scan(v, 0, WORD);
  if (e === v.length) return { ok: true, value: v };
  if (e > 0 && v.charCodeAt(e) === 64) {
    const e2 = scan(v, e + 1, WORD);
    if (e2 > e + 1 && e2 === v.length) return { ok: true, value: v };
  }
  return fail('invalid character in Call-ID');
}

export function parseMaxForwards(v: string): Result<number, ValueError> {
  const n = parseBoundedInt(v, 255);
  return n < 0 ? fail('not a number in 0..255') : { ok: true, value: n };
}

/** Content-Length: 1*DIGIT, bounded (no negative values: RFC 4475 §3.1.2.3). */
export function parseContentLength(v: string): Result<number, ValueError> {
  const n = parseBoundedInt(v, 0x7fffffff);
  return n < 0 ? fail(`not a non-negative integer: ${JSON.stringify(v.slice(0, 20))}`) : { ok: true, value: n };
}

const DATE_RE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/** SIP-date = rfc1123-date (§20.17): "Sat, 13 Nov 2010 23:29:00 GMT"; the time zone must be GMT. */
export function parseSipDate(v: string): Result<Date, ValueError> {
  const m = DATE_RE.exec(v);
  if (!m) return fail('not an rfc1123-date in GMT');
  const d = new Date(`${m[2]} ${m[3]} ${m[4]} ${m[5]}:${m[6]}:${m[7]} GMT`);
  if (Number.isNaN(d.getTime())) return fail('invalid date');
  return { ok: true, value: d };
}
