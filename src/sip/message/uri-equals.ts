/**
 * URI comparison (RFC 3261 §19.1.4; RFC 3966 §4 for tel). Used for Request-URI matching, loop detection and
 * route-set checks. Values are compared after unescaping (the parser stores them unescaped).
 */
import type { Params, Uri } from './types.js';

/** user, ttl, method, maddr and transport must appear in both or neither (§19.1.4) */
const MUST_MATCH = ['user', 'ttl', 'method', 'maddr', 'transport'];

function paramsEqual(a: Params, b: Params): boolean {
  for (const k of MUST_MATCH) {
    const x = a.get(k);
    const y = b.get(k);
    if ((x === undefined) !== (y === undefined)) return false;
    if (x !== undefined && (x ?? '').toLowerCase() !== (y ?? '').toLowerCase()) return false;
  }
  // any other parameter appearing in both must match; one appearing in only one is ignored
  for (const [k, v] of a) {
    if (!b.has(k)) continue;
    if ((v ?? '').toLowerCase() !== (b.get(k) ?? '').toLowerCase()) return false;
  }
  return true;
}

export function uriEquals(a: Uri, b: Uri): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'sip' && b.kind === 'sip') {
    if (a.scheme !== b.scheme) return false;
    if (a.user !== b.user || a.password !== b.password) return false; // userinfo is case-sensitive
    if (a.host.toLowerCase() !== b.host.toLowerCase()) return false;
    if (a.port !== b.port) return false; // an absent port does not equal an explicit 5060
    if (!paramsEqual(a.params, b.params)) return false;
    // header components must all be present in both and match
    if (a.headers.length !== b.headers.length) return false;
    const hb = new Map(b.headers.map(([k, v]) => [k.toLowerCase(), v]));
    return a.headers.every(([k, v]) => hb.get(k.toLowerCase()) === v);
  }
  if (a.kind === 'tel' && b.kind === 'tel') {
    if (a.number.toLowerCase() !== b.number.toLowerCase() || a.params.size !== b.params.size) return false;
    for (const [k, v] of a.params) if (!b.params.has(k) || (v ?? '').toLowerCase() !== (b.params.get(k) ?? '').toLowerCase()) return false;
    return true;
  }
  if (a.kind === 'absolute' && b.kind === 'absolute') return a.scheme === b.scheme && a.value === b.value;
  return false;
}
