/**
 * URIs: sip/sips (RFC 3261 §19.1, §25.1 SIP-URI), tel (RFC 3966 §3), and other absoluteURI kept opaque.
 * User, password, parameter and header values are unescaped once on parse and re-escaped on serialize.
 */
import {
  HNV, HOSTCHAR, IPV6CHAR, PARAMCHAR, PASSWORD, USER, escape, isIn, scan, unescape,
} from './charset.js';
import type { AbsoluteUri, Params, Result, SipUri, TelUri, Uri } from './types.js';

export interface UriError {
  readonly reason: string;
}

function fail(reason: string): Result<never, UriError> {
  return { ok: false, error: { reason } };
}

/** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
function schemeEnd(s: string): number {
  const c0 = s.charCodeAt(0);
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122))) return -1;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 58) return i;
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return -1;
  }
  return -1;
}

/** Parse a URI; `s` must be the whole URI (no surrounding whitespace or brackets). */
export function parseUri(s: string): Result<Uri, UriError> {
  const colon = schemeEnd(s);
  if (colon < 0) return fail('missing or malformed URI scheme');
  const scheme = s.slice(0, colon).toLowerCase();
  if (scheme === 'sip' || scheme === 'sips') return parseSipUri(s, colon + 1, scheme);
  if (scheme === 'tel') return parseTelUri(s.slice(colon + 1));
  const value = s.slice(colon + 1);
  if (value.length === 0) return fail('empty URI after scheme');
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 32 || c === 127 || c === 60 || c === 62 || c === 34) return fail('invalid character in URI');
  }
  const u: AbsoluteUri = { kind: 'absolute', scheme, value };
  return { ok: true, value: u };
}

/** Validate a host (hostname / IPv4address / IPv6reference, §25.1). Returns an error text or undefined. */
export function checkHost(host: string): string | undefined {
  if (host.length === 0) return 'empty host';
  if (host.charCodeAt(0) === 91 /* [ */) {
    if (host.charCodeAt(host.length - 1) !== 93) return 'unterminated IPv6 reference';
    const inner = host.slice(1, -1);
    if (inner.length < 2 || scan(inner, 0, IPV6CHAR) !== inner.length || inner.indexOf(':') < 0) {
      return 'malformed IPv6 reference';
    }
    return undefined;
  }
  if (scan(host, 0, HOSTCHAR) !== host.length) return 'invalid character in host';
  return undefined;
}

function parsePort(s: string): number | undefined {
  if (s.length === 0 || s.length > 5) return undefined;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return n <= 65535 ? n : undefined;
}

function checkChars(s: string, t: Uint8Array): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 /* % escapes */) continue;
    if (!isIn(t, c)) return false;
  }
  return true;
}

/** paramchar plus "%" (escapes are validated when unescaped) */
const PARAMCHAR_PCT = PARAMCHAR.slice();
PARAMCHAR_PCT[37] = 1;

function parseSipUri(s: string, start: number, scheme: 'sip' | 'sips'): Result<Uri, UriError> {
  // userinfo ends at the first "@": "@" may appear in no later component unescaped (§25.1)
  const at = s.indexOf('@', start);
  let user: string | undefined;
  let password: string | undefined;
  let hostStart = start;
  if (at >= 0) {
    const ui = s.slice(start, at);
    const pc = ui.indexOf(':');
    const rawUser = pc >= 0 ? ui.slice(0, pc) : ui;
    if (rawUser.length === 0) return fail('empty user part');
    if (!checkChars(rawUser, USER)) return fail('invalid character in user part');
    user = unescape(rawUser);
    if (pc >= 0) {
      const rawPw = ui.slice(pc + 1);
      if (!checkChars(rawPw, PASSWORD)) return fail('invalid character in password');
      password = unescape(rawPw);
    }
    hostStart = at + 1;
  }
  // hostport
  let i = hostStart;
  let host: string;
  if (s.charCodeAt(i) === 91) {
    const close = s.indexOf(']', i);
    if (close < 0) return fail('unterminated IPv6 reference');
    host = s.slice(i, close + 1);
    i = close + 1;
    const he = checkHost(host);
    if (he) return fail(he);
  } else {
    i = scan(s, i, HOSTCHAR); // the scan is the validation of a hostname / IPv4 address
    if (i === hostStart) return fail('empty host');
    host = s.slice(hostStart, i);
  }
  let port: number | undefined;
  if (s.charCodeAt(i) === 58) {
    let j = i + 1;
    while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    port = parsePort(s.slice(i + 1, j));
    if (port === undefined) return fail('malformed port');
    i = j;
  }
  // uri-parameters: *( ";" pname [ "=" pvalue ] ), pname/pvalue = 1*paramchar (escapes allowed)
  const params: Params = new Map();
  while (i < s.length && s.charCodeAt(i) === 59) {
    const ne = scan(s, i + 1, PARAMCHAR_PCT);
    if (ne === i + 1) return fail('empty or malformed URI parameter');
    const rawName = s.slice(i + 1, ne);
    let value: string | null = null;
    i = ne;
    if (s.charCodeAt(i) === 61) {
      const ve = scan(s, i + 1, PARAMCHAR_PCT);
      if (ve === i + 1) return fail(`malformed value of URI parameter ${rawName}`);
      value = unescape(s.slice(i + 1, ve));
      i = ve;
    }
    if (i < s.length && s.charCodeAt(i) !== 59 && s.charCodeAt(i) !== 63) {
      return fail(`invalid character ${JSON.stringify(s[i])} in URI parameter ${rawName}`);
    }
    params.set(unescape(rawName).toLowerCase(), value);
  }
  // headers
  const headers: Array<[string, string]> = [];
  if (i < s.length && s.charCodeAt(i) === 63) {
    const parts = s.slice(i + 1).split('&');
    for (const part of parts) {
      const eq = part.indexOf('=');
      if (eq <= 0) return fail('malformed URI header');
      const hn = part.slice(0, eq);
      const hv = part.slice(eq + 1);
      if (!checkChars(hn, HNV) || !checkChars(hv, HNV)) return fail('invalid character in URI header');
      headers.push([unescape(hn), unescape(hv)]);
    }
    i = s.length;
  }
  if (i !== s.length) return fail(`unexpected character ${JSON.stringify(s[i])} in SIP URI`);
  const u: SipUri = { kind: 'sip', scheme, user, password, host, port, params, headers };
  return { ok: true, value: u };
}

const TEL_VISUAL = /[-.()]/g;

/** tel URI, RFC 3966 §3: telephone-subscriber *par. Lenient on local numbers without phone-context. */
function parseTelUri(rest: string): Result<Uri, UriError> {
  const semi = rest.indexOf(';');
  const num = semi >= 0 ? rest.slice(0, semi) : rest;
  if (num.length === 0) return fail('empty telephone number');
  const global = num.charCodeAt(0) === 43;
  const digits = global ? num.slice(1) : num;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    const ok =
      (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 40 || c === 41 ||
      (!global && (c === 42 || c === 35 || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)));
    if (!ok) return fail('invalid character in telephone number');
  }
  const number = (global ? '+' : '') + digits.replace(TEL_VISUAL, '');
  if (number.length === (global ? 1 : 0)) return fail('telephone number without digits');
  const params: Params = new Map();
  if (semi >= 0) {
    for (const p of rest.slice(semi + 1).split(';')) {
      if (p.length === 0) return fail('empty tel parameter');
      const eq = p.indexOf('=');
      const name = (eq >= 0 ? p.slice(0, eq) : p).toLowerCase();
      const val = eq >= 0 ? unescape(p.slice(eq + 1)) : null;
      if (name.length === 0 || !checkChars(name, PARAMCHAR)) return fail('malformed tel parameter');
      params.set(name, val);
    }
  }
  const u: TelUri = { kind: 'tel', number, global, params };
  return { ok: true, value: u };
}

/** Serialize a URI (escaping per §19.1.2). */
export function serializeUri(u: Uri): string {
  switch (u.kind) {
    case 'sip': {
      let out = u.scheme + ':';
      if (u.user !== undefined) {
        out += escape(u.user, USER);
        if (u.password !== undefined) out += ':' + escape(u.password, PASSWORD);
        out += '@';
      }
      out += u.host;
      if (u.port !== undefined) out += ':' + u.port;
      for (const [k, v] of u.params) out += ';' + escape(k, PARAMCHAR) + (v === null ? '' : '=' + escape(v, PARAMCHAR));
      if (u.headers.length) {
        out += '?' + u.headers.map(([k, v]) => escape(k, HNV) + '=' + escape(v, HNV)).join('&');
      }
      return out;
    }
    case 'tel': {
      let out = 'tel:' + u.number;
      for (const [k, v] of u.params) out += ';' + k + (v === null ? '' : '=' + escape(v, PARAMCHAR));
      return out;
    }
    case 'absolute':
      return u.scheme + ':' + u.value;
  }
}

/** The user part of a sip/sips URI or the number of a tel URI (what the interworking layer dials). */
export function uriUser(u: Uri): string | undefined {
  return u.kind === 'sip' ? u.user : u.kind === 'tel' ? u.number : undefined;
}
