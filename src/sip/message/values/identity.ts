/**
 * P-Asserted-Identity and P-Preferred-Identity (RFC 3325 §9.1): one or two name-addr/addr-spec values
 * (at most one sip/sips and one tel URI), no header parameters defined.
 */
import { parseNameAddr, serializeNameAddr } from '../name-addr.js';
import type { NameAddr, Result } from '../types.js';
import { bad, ok, type ValueError } from './common.js';

export function parseIdentity(values: readonly string[]): Result<NameAddr[], ValueError> {
  const out: NameAddr[] = [];
  for (const v of values) {
    const r = parseNameAddr(v);
    if (!r.ok) return bad(r.error.reason);
    if (r.value.uri.kind === 'absolute') return bad(`identity URI scheme ${r.value.uri.scheme} is not sip, sips or tel`);
    out.push(r.value);
  }
  if (out.length === 0) return bad('empty identity');
  return ok(out);
}

export function formatIdentity(v: readonly NameAddr[]): string[] {
  return v.map(serializeNameAddr);
}
