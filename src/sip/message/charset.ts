/**
 * Character classes of the RFC 3261 §25.1 ABNF as lookup tables (no regular expressions on the hot path).
 */

function table(chars: string, alnum = true): Uint8Array {
  const t = new Uint8Array(128);
  if (alnum) {
    for (let c = 48; c <= 57; c++) t[c] = 1;
    for (let c = 65; c <= 90; c++) t[c] = 1;
    for (let c = 97; c <= 122; c++) t[c] = 1;
  }
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export const TOKEN = table("-.!%*_+`'~");
/** unreserved = alphanum / mark */
export const UNRESERVED = table("-_.!~*'()");
/** user = 1*( unreserved / escaped / user-unreserved ) */
export const USER = table("-_.!~*'()" + '&=+$,;?/');
/** password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," ) */
export const PASSWORD = table("-_.!~*'()" + '&=+$,');
/** paramchar = param-unreserved / unreserved / escaped */
export const PARAMCHAR = table("-_.!~*'()" + '[]/:&+$');
/** hname / hvalue = hnv-unreserved / unreserved / escaped */
export const HNV = table("-_.!~*'()" + '[]/?:+$');
/** hostname / IPv4 characters (plus "_" tolerated, seen in the wild) */
export const HOSTCHAR = table('-._');
/** IPv6 reference inner characters (hex, ":" and "." for an embedded IPv4) */
export const IPV6CHAR = table(':.', false);
for (let c = 48; c <= 57; c++) IPV6CHAR[c] = 1;
for (let c = 65; c <= 70; c++) IPV6CHAR[c] = 1;
for (let c = 97; c <= 102; c++) IPV6CHAR[c] = 1;
/** DIGIT */
export const DIGIT = table('', false);
for (let c = 48; c <= 57; c++) DIGIT[c] = 1;
/** word (Call-ID, §25.1): token chars plus ( ) < > : \ DQUOTE / [ ] ? { } */
export const WORD = table("-.!%*_+`'~" + '()<>:\\"/[]?{}');
/** gen-value chars for unquoted values: token / host (IPv6 reference and ":" tolerated, RFC 5118 §4.5) */
export const GENVALUE = table("-.!%*_+`'~" + '[]:');

export function isIn(t: Uint8Array, c: number): boolean {
  return c < 128 && t[c] === 1;
}

export function isWs(c: number): boolean {
  return c === 32 || c === 9;
}

/** skip SP / HTAB (values are unfolded before they reach the parsers) */
export function skipWs(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

/** index after the longest run of characters of table t starting at i */
export function scan(s: string, i: number, t: Uint8Array): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c >= 128 || t[c] !== 1) break;
    i++;
  }
  return i;
}

export function isToken(s: string): boolean {
  return s.length > 0 && scan(s, 0, TOKEN) === s.length;
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * Resolve %HH escapes once (RFC 3261 §19.1.2; RFC 4475 §3.1.1.3: never twice). A "%" not followed by two
 * hex digits is kept literally. Escapes are decoded as UTF-8 octets.
 */
export function unescape(s: string): string {
  if (s.indexOf('%') < 0) return s;
  const bytes: number[] = [];
  let out = '';
  const flush = (): void => {
    if (bytes.length) {
      out += Buffer.from(bytes).toString('utf8');
      bytes.length = 0;
    }
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 && i + 2 < s.length) {
      const h = hexVal(s.charCodeAt(i + 1));
      const l = hexVal(s.charCodeAt(i + 2));
      if (h >= 0 && l >= 0) {
        bytes.push(h * 16 + l);
        i += 2;
        continue;
      }
    }
    flush();
    out += s[i];
  }
  flush();
  return out;
}

const HEX = '0123456789ABCDEF';

/** Escape every character outside `allowed` as %HH of its UTF-8 octets (RFC 3261 §19.1.2). */
export function escape(s: string, allowed: Uint8Array): string {
  let ok = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || allowed[c] !== 1) {
      ok = false;
      break;
    }
  }
  if (ok) return s;
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c < 128 && allowed[c] === 1) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += '%' + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

/** Quote a string as a quoted-string (§25.1), escaping '"' and '\'. */
export function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    if (c === 13 || c === 10) {
      out += ' '; // CR/LF cannot be quoted (quoted-pair excludes them)
      continue;
    }
    if (ch === '"' || ch === '\\' || (c < 32 && c !== 9) || c === 0x7f) out += '\\';
    out += ch;
  }
  return out + '"';
}

/**
 * Parse a quoted-string starting at s[i] === '"'. Returns the unescaped text and the index after the closing
 * quote, or -1 as end when unterminated.
 */
export function parseQuoted(s: string, i: number): { text: string; end: number } {
  let text = '';
  let j = i + 1;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 34) return { text, end: j + 1 };
    if (c === 92) {
      if (j + 1 >= s.length) break;
      const n = s.charCodeAt(j + 1);
      // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
      if (n === 10 || n === 13) return { text, end: -1 };
      text += s[j + 1];
      j += 2;
      continue;
    }
    if (c === 13 || c === 10) return { text, end: -1 };
    text += s[j];
    j++;
  }
  return { text, end: -1 };
}
