/**
 * WWW-Authenticate / Proxy-Authenticate challenges and Authorization / Proxy-Authorization credentials
 * (RFC 3261 §20.27, §20.44, §25.1; Digest parameters of RFC 7616 §3.3-§3.4 as used by RFC 8760):
 *   challenge = auth-scheme LWS auth-param *(COMMA auth-param); auth-param = token EQUAL ( token / quoted-string ).
 * One header line holds one challenge (its commas separate parameters), so these headers are never list-split.
 * Only parsing and formatting live here; computing digest responses belongs to the authentication module.
 */
import { TOKEN, parseQuoted, quote, scan, skipWs } from '../charset.js';
import type { Result } from '../types.js';
import { bad, ok, type ValueError } from './common.js';

export interface AuthValue {
  /** "Digest" (compare case-insensitively) or another scheme */
  scheme: string;
  /** parameter names lower-cased; quoted values unquoted */
  params: Map<string, string>;
}

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque: string | undefined;
  /** MD5 (default), MD5-sess, SHA-256, SHA-256-sess, SHA-512-256 … */
  algorithm: string;
  /** qop options offered (auth, auth-int) */
  qop: string[];
  stale: boolean;
}

export function parseAuthValue(v: string): Result<AuthValue, ValueError> {
  let i = skipWs(v, 0);
  const se = scan(v, i, TOKEN);
  if (se === i) return bad('missing auth scheme');
  const scheme = v.slice(i, se);
  const params = new Map<string, string>();
  i = skipWs(v, se);
  if (i === se && i < v.length) return bad('missing whitespace after the auth scheme');
  while (i < v.length) {
    const ne = scan(v, i, TOKEN);
    if (ne === i) return bad(`malformed auth-param at ${JSON.stringify(v.slice(i, i + 12))}`);
    const name = v.slice(i, ne).toLowerCase();
    i = skipWs(v, ne);
    if (v.charCodeAt(i) !== 61) {
      // RFC 3261's other-response allows a bare token (e.g. NTLM blobs): keep the rest verbatim
      if (params.size === 0 && i >= v.length) {
        params.set('', v.slice(se).trim());
        break;
      }
      return bad(`auth-param ${name} without "="`);
    }
    i = skipWs(v, i + 1);
    let value: string;
    if (v.charCodeAt(i) === 34) {
      const q = parseQuoted(v, i);
      if (q.end < 0) return bad(`unterminated quoted value of ${name}`);
      value = q.text;
      i = q.end;
    } else {
      const e = scan(v, i, TOKEN);
      if (e === i) return bad(`empty value of ${name}`);
      value = v.slice(i, e);
      i = e;
    }
    if (params.has(name)) return bad(`auth-param ${name} repeated`);
    params.set(name, value);
    i = skipWs(v, i);
    if (i < v.length) {
      if (v.charCodeAt(i) !== 44) return bad(`expected "," after ${name}`);
      i = skipWs(v, i + 1);
    }
  }
  return ok({ scheme, params });
}

/** The Digest parameters of a challenge; an error when it is not Digest or lacks realm/nonce. */
export function digestChallenge(a: AuthValue): Result<DigestChallenge, ValueError> {
  if (a.scheme.toLowerCase() !== 'digest') return bad(`scheme ${a.scheme} is not Digest`);
  const realm = a.params.get('realm');
  const nonce = a.params.get('nonce');
  if (realm === undefined || nonce === undefined) return bad('Digest challenge without realm or nonce');
  return ok({
    realm,
    nonce,
    opaque: a.params.get('opaque'),
    algorithm: a.params.get('algorithm') ?? 'MD5',
    qop: (a.params.get('qop') ?? '').split(',').map((x) => x.trim()).filter((x) => x.length > 0),
    stale: (a.params.get('stale') ?? '').toLowerCase() === 'true',
  });
}

/** Parameters written unquoted (RFC 7616 §3.4: algorithm, qop, nc; stale is a token). */
const UNQUOTED: ReadonlySet<string> = new Set(['algorithm', 'qop', 'nc', 'stale']);

/** Format a challenge or credentials: `Digest username="bob", realm="x", …, nc=00000001`. */
export function formatAuthValue(a: AuthValue): string {
  const parts: string[] = [];
  for (const [k, v] of a.params) parts.push(UNQUOTED.has(k) && scan(v, 0, TOKEN) === v.length ? `${k}=${v}` : `${k}=${quote(v)}`);
  return parts.length ? `${a.scheme} ${parts.join(', ')}` : a.scheme;
}
