/**
 * Header parameters: *( SEMI generic-param ) with generic-param = token [ EQUAL gen-value ],
 * gen-value = token / host / quoted-string (RFC 3261 §25.1); SEMI and EQUAL allow LWS around them.
 * Names are lower-cased (case-insensitive, §7.3.1). Values are kept as sent: a quoted-string keeps its quotes
 * (so it serializes unchanged); use `unquoteParam` to read its text.
 */
import { GENVALUE, TOKEN, parseQuoted, quote, scan, skipWs } from './charset.js';
import type { Params } from './types.js';

export interface ParamsParse {
  params: Params;
  /** index after the last parameter (at trailing whitespace / end / the next non-parameter char) */
  end: number;
  /** set when a parameter is malformed */
  error?: string;
}

/**
 * Parse parameters starting at s[i] (which should be ';' or whitespace before it). Stops at the first
 * character that is not the start of another parameter.
 */
export function parseParams(s: string, i: number, into: Params = new Map()): ParamsParse {
  for (;;) {
    const j = skipWs(s, i);
    if (j >= s.length || s.charCodeAt(j) !== 59 /* ; */) return { params: into, end: i };
    let k = skipWs(s, j + 1);
    const nameEnd = scan(s, k, TOKEN);
    if (nameEnd === k) return { params: into, end: k, error: 'empty parameter' };
    const name = s.slice(k, nameEnd).toLowerCase();
    k = skipWs(s, nameEnd);
    if (k < s.length && s.charCodeAt(k) === 61 /* = */) {
      k = skipWs(s, k + 1);
      if (k < s.length && s.charCodeAt(k) === 34) {
        const q = parseQuoted(s, k);
        if (q.end < 0) return { params: into, end: k, error: `unterminated quoted value of parameter ${name}` };
        into.set(name, s.slice(k, q.end));
        i = q.end;
      } else {
        const vEnd = scan(s, k, GENVALUE);
        if (vEnd === k) return { params: into, end: k, error: `empty value of parameter ${name}` };
        into.set(name, s.slice(k, vEnd));
        i = vEnd;
      }
    } else {
      into.set(name, null);
      i = nameEnd;
    }
  }
}

/** The text of a parameter value (quotes and escapes removed). */
export function unquoteParam(v: string | null | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (v.length >= 2 && v.charCodeAt(0) === 34) {
    const q = parseQuoted(v, 0);
    return q.end < 0 ? v : q.text;
  }
  return v;
}

/** ";name=value;flag" */
export function serializeParams(p: Params): string {
  let out = '';
  for (const [k, v] of p) {
    if (v === null) out += `;${k}`;
    else if (v.length > 0 && (v.charCodeAt(0) === 34 || scan(v, 0, GENVALUE) === v.length)) out += `;${k}=${v}`;
    else out += `;${k}=${quote(v)}`;
  }
  return out;
}
