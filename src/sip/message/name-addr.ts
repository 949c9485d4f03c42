/**
 * name-addr / addr-spec with header parameters (RFC 3261 §20.10, §20.20, §20.39, §25.1):
 *   ( name-addr / addr-spec ) *( SEMI generic-param )
 *   name-addr = [ display-name ] LAQUOT addr-spec RAQUOT ; display-name = *(token LWS) / quoted-string
 * In addr-spec form the URI ends at the first ";" or whitespace, and params after it are header parameters
 * (RFC 4475 §3.3.12); a URI holding "," "?" or ";" must be in angle brackets (§20).
 */
import { TOKEN, parseQuoted, quote, skipWs } from './charset.js';
import { parseParams, serializeParams } from './params.js';
import { parseUri, serializeUri } from './uri.js';
import type { FromTo, NameAddr, Result } from './types.js';

/**
 * A display-name token: token characters, plus UTF-8 beyond ASCII (outside the RFC 3261 grammar, but sent unquoted
 * by deployed PBXs; tolerated because it is unambiguous). Separators such as "," stay refused (RFC 4475 §3.1.2.15).
 */
function scanDisplayToken(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 128 ? TOKEN[c] !== 1 : c === 0xfffd) break;
    i++;
  }
  return i;
}

export interface NameAddrError {
  readonly reason: string;
}

function fail(reason: string): Result<never, NameAddrError> {
  return { ok: false, error: { reason } };
}

/** Parse one name-addr/addr-spec with its parameters; `s` is one list element (already split on commas). */
export function parseNameAddr(s: string): Result<NameAddr, NameAddrError> {
  let i = skipWs(s, 0);
  if (i >= s.length) return fail('empty value');
  let displayName: string | undefined;
  let uriStr: string;
  const c0 = s.charCodeAt(i);
  if (c0 === 34 /* " */) {
    const q = parseQuoted(s, i);
    if (q.end < 0) return fail('unterminated quoted display name');
    displayName = q.text;
    i = skipWs(s, q.end);
    if (s.charCodeAt(i) !== 60) return fail('quoted display name not followed by <');
  } else if (c0 !== 60) {
    // either *(token LWS) "<" or an addr-spec "scheme:..."
    let j = i;
    let addrSpec = false;
    for (;;) {
      const e = scanDisplayToken(s, j);
      if (e === j) break;
      const w = skipWs(s, e);
      if (w < s.length && s.charCodeAt(w) === 60) {
        displayName = s.slice(i, w).trim(); // tokens with the LWS between them, as sent
        i = w;
        break;
      }
      if (w === e) {
        addrSpec = j === i && s.charCodeAt(e) === 58; // first token followed by ":" is a URI scheme
        break;
      }
      j = w;
    }
    if (displayName === undefined && !addrSpec) return fail('malformed display name or address');
    if (displayName === undefined) {
      // addr-spec: URI up to ";" or whitespace
      let e = i;
      while (e < s.length) {
        const c = s.charCodeAt(e);
        if (c === 59 || c === 32 || c === 9) break;
        if (c === 44 || c === 63 || c === 60 || c === 62 || c === 34) {
          return fail(`character ${JSON.stringify(s[e])} in a URI that is not in angle brackets`);
        }
        e++;
      }
      uriStr = s.slice(i, e);
      i = e;
      const u = parseUri(uriStr);
      if (!u.ok) return fail(u.error.reason);
      return finish(s, i, displayName, u.value);
    }
  }
  // s[i] === "<"
  const gt = s.indexOf('>', i + 1);
  if (gt < 0) return fail('missing >');
  uriStr = s.slice(i + 1, gt);
  const u = parseUri(uriStr);
  if (!u.ok) return fail(u.error.reason);
  return finish(s, gt + 1, displayName, u.value);
}

function finish(s: string, i: number, displayName: string | undefined, uri: NameAddr['uri']): Result<NameAddr, NameAddrError> {
  const p = parseParams(s, i);
  if (p.error) return fail(p.error);
  const end = skipWs(s, p.end);
  if (end !== s.length) return fail(`unexpected ${JSON.stringify(s.slice(end, end + 10))} after address`);
  return { ok: true, value: { displayName, uri, params: p.params } };
}

/** From/To: a NameAddr whose tag is held apart. */
export function parseFromTo(s: string): Result<FromTo, NameAddrError> {
  const r = parseNameAddr(s);
  if (!r.ok) return r;
  const params = r.value.params;
  const tag = params.get('tag');
  if (tag === null) return fail('tag parameter without value');
  params.delete('tag');
  return { ok: true, value: { displayName: r.value.displayName, uri: r.value.uri, params, tag } };
}

/** Always uses the name-addr form (<uri>), which is valid for every URI. */
export function serializeNameAddr(v: NameAddr): string {
  const dn = v.displayName !== undefined && v.displayName.length > 0 ? quote(v.displayName) + ' ' : '';
  return `${dn}<${serializeUri(v.uri)}>${serializeParams(v.params)}`;
}

export function serializeFromTo(v: FromTo): string {
  return serializeNameAddr(v) + (v.tag !== undefined ? `;tag=${v.tag}` : '');
}
