/**
 * Contact parameters (§20.10): expires (delta-seconds) and q (qvalue = "0" ["." 0*3DIGIT] / "1" ["." 0*3("0")]).
 */
import type { NameAddr, Result } from '../types.js';
import { bad, ok, parseDeltaSeconds, type ValueError } from './common.js';

/** expires contact-param; undefined when absent; an error when out of 0..2^32-1 (RFC 4475 §3.1.2.4). */
export function contactExpires(c: NameAddr): Result<number | undefined, ValueError> {
  const v = c.params.get('expires');
  if (v === undefined) return ok(undefined);
  const n = v === null ? undefined : parseDeltaSeconds(v);
  return n === undefined ? bad('malformed expires') : ok(n);
}

const Q_RE = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/;

/** q contact-param in 0..1; undefined when absent. */
export function contactQ(c: NameAddr): Result<number | undefined, ValueError> {
  const v = c.params.get('q');
  if (v === undefined) return ok(undefined);
  if (v === null || !Q_RE.test(v)) return bad('malformed q');
  return ok(Number(v));
}
