/**
 * Request-Line and Status-Line (RFC 3261 §7.1, §7.2, §25.1):
 *   Request-Line = Method SP Request-URI SP SIP-Version
 *   Status-Line  = SIP-Version SP Status-Code SP Reason-Phrase
 * Exactly one SP between elements (RFC 4475 §3.1.2.9/10 messages are refused); "SIP" is case-insensitive.
 */
import { TOKEN, scan } from './charset.js';
import { parseUri } from './uri.js';
import type { Uri } from './types.js';

export type StartLine =
  | { readonly type: 'request'; readonly method: string; readonly uri: Uri; readonly version: string }
  | { readonly type: 'response'; readonly status: number; readonly reason: string; readonly version: string };

export type StartLineError = {
  readonly kind: 'bad-start-line' | 'bad-version' | 'bad-request-uri';
  readonly reason: string;
  readonly isRequest: boolean;
  readonly method?: string;
};

function isSipVersionSyntax(v: string): boolean {
  return v === 'SIP/2.0' || /^SIP\/\d+\.\d+$/i.test(v);
}

function isSip20(v: string): boolean {
  return v.length === 7 && (v === 'SIP/2.0' || v.toUpperCase() === 'SIP/2.0');
}

type StartLineResult = { ok: true; value: StartLine } | { ok: false; error: StartLineError };

/** method: null for a status line, undefined when a request line has no method token */
function fail(method: string | null | undefined, reason: string, kind: StartLineError['kind'] = 'bad-start-line'): StartLineResult {
  const isRequest = method !== null;
  return { ok: false, error: { kind, reason, isRequest, ...(typeof method === 'string' ? { method } : {}) } };
}

export function parseStartLine(line: string): StartLineResult {
  if (line.length >= 4 && (line.charCodeAt(0) | 32) === 115 && (line.charCodeAt(1) | 32) === 105 && (line.charCodeAt(2) | 32) === 112 && line.charCodeAt(3) === 47) {
    const sp1 = line.indexOf(' ');
    if (sp1 < 0) return fail(null, 'status line without status code');
    const version = line.slice(0, sp1);
    if (!isSipVersionSyntax(version)) return fail(null, 'malformed SIP-Version');
    if (!isSip20(version)) return fail(null, `unsupported version ${version}`, 'bad-version');
    const sp2 = line.indexOf(' ', sp1 + 1);
    if (sp2 !== sp1 + 4) return fail(null, 'Status-Code is not 3 digits followed by SP');
    const code = line.slice(sp1 + 1, sp2);
    if (!/^[1-6]\d\d$/.test(code)) return fail(null, `Status-Code ${JSON.stringify(code)} out of range 100..699`);
    const reason = line.slice(sp2 + 1);
    for (let i = 0; i < reason.length; i++) {
      const c = reason.charCodeAt(i);
      if ((c < 32 && c !== 9) || c === 127) return fail(null, 'control character in Reason-Phrase');
    }
    return { ok: true, value: { type: 'response', status: Number(code), reason, version: 'SIP/2.0' } };
  }
  const me = scan(line, 0, TOKEN);
  const method = line.slice(0, me);
  const m = me > 0 ? method : undefined;
  if (me === 0) return fail(m, 'missing method');
  if (line.charCodeAt(me) !== 32) return fail(m, 'method not followed by a single SP');
  const sp2 = line.lastIndexOf(' ');
  if (sp2 <= me) return fail(m, 'request line without SIP-Version');
  const version = line.slice(sp2 + 1);
  if (!isSipVersionSyntax(version)) return fail(m, `malformed SIP-Version ${JSON.stringify(version.slice(0, 20))}`);
  if (!isSip20(version)) return fail(m, `unsupported version ${version}`, 'bad-version');
  const uriStr = line.slice(me + 1, sp2);
  for (let i = 0; i < uriStr.length; i++) {
    const c = uriStr.charCodeAt(i);
    if (c === 32 || c === 9) return fail(m, 'whitespace in or around the Request-URI', 'bad-request-uri');
  }
  const u = parseUri(uriStr);
  if (!u.ok) return fail(m, `Request-URI: ${u.error.reason}`, 'bad-request-uri');
  if (u.value.kind === 'sip' && u.value.headers.length > 0) {
    // §19.1.1 table: headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11)
    return fail(m, 'Request-URI carries URI headers', 'bad-request-uri');
  }
  return { ok: true, value: { type: 'request', method, uri: u.value, version: 'SIP/2.0' } };
}
