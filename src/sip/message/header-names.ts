/**
 * Header names: compact forms (RFC 3261 §7.3.3, §20 and later RFCs), canonical spellings, and which headers
 * may be combined as comma-separated lists (§7.3.1). Header names are case-insensitive (§7.3.1).
 */

/** compact form → lower-case long name */
const COMPACT: Readonly<Record<string, string>> = {
  i: 'call-id', // RFC 3261 §20.8
  m: 'contact', // §20.10
  e: 'content-encoding', // §20.12
  l: 'content-length', // §20.14
  c: 'content-type', // §20.15
  f: 'from', // §20.20
  s: 'subject', // §20.36
  k: 'supported', // §20.37
  t: 'to', // §20.39
  v: 'via', // §20.42
  o: 'event', // RFC 6665 §8.2.1
  u: 'allow-events', // RFC 6665 §8.2.2
  r: 'refer-to', // RFC 3515 §2.1
  b: 'referred-by', // RFC 3892 §7
  x: 'session-expires', // RFC 4028 §4
  a: 'accept-contact', // RFC 3841 §9.2
  j: 'reject-contact', // RFC 3841 §9.2
  d: 'request-disposition', // RFC 3841 §9.1
  y: 'identity', // RFC 8224 §4
};

/** lower-case long name → canonical spelling used when serializing */
const CANONICAL: Readonly<Record<string, string>> = {};
for (const n of [
  'Accept', 'Accept-Contact', 'Accept-Encoding', 'Accept-Language', 'Alert-Info', 'Allow', 'Allow-Events',
  'Authentication-Info', 'Authorization', 'Call-ID', 'Call-Info', 'Contact', 'Content-Disposition',
  'Content-Encoding', 'Content-Language', 'Content-Length', 'Content-Type', 'CSeq', 'Date', 'Diversion',
  'Error-Info', 'Event', 'Expires', 'From', 'History-Info', 'Identity', 'In-Reply-To', 'Max-Forwards',
  'MIME-Version', 'Min-Expires', 'Min-SE', 'Organization', 'P-Asserted-Identity', 'P-Charging-Vector',
  'P-Preferred-Identity', 'Path', 'Priority', 'Privacy', 'Proxy-Authenticate', 'Proxy-Authorization',
  'Proxy-Require', 'RAck', 'Reason', 'Record-Route', 'Refer-To', 'Referred-By', 'Reject-Contact', 'Reply-To',
  'Request-Disposition', 'Require', 'Retry-After', 'Route', 'RSeq', 'Server', 'Service-Route',
  'Session-Expires', 'Subject', 'Subscription-State', 'Supported', 'Timestamp', 'To', 'Unsupported',
  'User-Agent', 'Via', 'Warning', 'WWW-Authenticate',
]) {
  (CANONICAL as Record<string, string>)[n.toLowerCase()] = n;
}

/**
 * Headers whose grammar is `#element` (comma-separated lists) and which we split into one value per element.
 * Unknown headers are never split (their grammar is unknown); neither are WWW-Authenticate, Authorization,
 * Proxy-Authenticate/Authorization and Date (their values hold commas: §7.3.1).
 */
const LIST_HEADERS: ReadonlySet<string> = new Set([
  'accept', 'accept-contact', 'accept-encoding', 'accept-language', 'alert-info', 'allow', 'allow-events',
  'call-info', 'contact', 'content-encoding', 'content-language', 'diversion', 'error-info', 'history-info',
  'in-reply-to', 'p-asserted-identity', 'p-preferred-identity', 'path', 'proxy-require', 'reason',
  'record-route', 'reject-contact', 'request-disposition', 'require', 'route', 'service-route', 'supported',
  'unsupported', 'via', 'warning',
]);

/** Normalise a header name to its lower-case long form (compact forms expanded). */
export function headerKey(name: string): string {
  const l = name.toLowerCase();
  if (l.length === 1) return COMPACT[l] ?? l;
  return l;
}

/** The spelling used on the wire for a header key (canonical when known, else as given). */
export function canonicalHeaderName(key: string, asReceived?: string): string {
  return CANONICAL[key] ?? asReceived ?? key;
}

/** Whether values of this header (by key) are split on top-level commas. */
export function isListHeader(key: string): boolean {
  return LIST_HEADERS.has(key);
}

export interface HeaderNameInfo {
  readonly key: string;
  readonly name: string;
  readonly list: boolean;
  /** index in CORE_HEADERS + 1 for the eagerly parsed headers, 0 for the others */
  readonly core: number;
}

/** Headers the parser types eagerly, in the order of their `core` code. */
export const CORE_HEADERS = ['via', 'from', 'to', 'call-id', 'cseq', 'max-forwards', 'contact', 'content-length', 'date'] as const;

const NAME_CACHE = new Map<string, HeaderNameInfo>();
const NAME_CACHE_MAX = 512;

/**
 * key, wire spelling and list-ness of a header name as received, memoised for the parser's hot path
 * (bounded: a peer sending endless new names only costs a cache miss).
 */
export function headerNameInfo(rawName: string): HeaderNameInfo {
  let info = NAME_CACHE.get(rawName);
  if (info === undefined) {
    const key = headerKey(rawName);
    info = { key, name: canonicalHeaderName(key, rawName), list: LIST_HEADERS.has(key), core: (CORE_HEADERS as readonly string[]).indexOf(key) + 1 };
    if (NAME_CACHE.size < NAME_CACHE_MAX) NAME_CACHE.set(rawName, info);
  }
  return info;
}

/** case-folding hash of text[start, end) (ASCII letters folded to lower case) */
function nameHash(text: string, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    h = (Math.imul(h, 31) + c) | 0;
  }
  return h;
}

interface KnownName {
  /** the name as it may be spelled, lower case (long or compact form) */
  readonly spelled: string;
  readonly info: HeaderNameInfo;
}

const KNOWN = new Map<number, KnownName[]>();
for (const spelled of [...Object.keys(CANONICAL), ...Object.keys(COMPACT)]) {
  const key = headerKey(spelled);
  const info: HeaderNameInfo = {
    key,
    name: canonicalHeaderName(key),
    list: LIST_HEADERS.has(key),
    core: (CORE_HEADERS as readonly string[]).indexOf(key) + 1,
  };
  const h = nameHash(spelled, 0, spelled.length);
  const bucket = KNOWN.get(h);
  if (bucket) bucket.push({ spelled, info });
  else KNOWN.set(h, [{ spelled, info }]);
}

/**
 * Header-name info for text[start, end) without slicing it when the name is a known one (the parser's hot
 * path); unknown names fall back to `headerNameInfo` (their spelling is kept as received).
 */
export function headerNameInfoAt(text: string, start: number, end: number): HeaderNameInfo {
  const bucket = KNOWN.get(nameHash(text, start, end));
  if (bucket) {
    const len = end - start;
    outer: for (const k of bucket) {
      if (k.spelled.length !== len) continue;
      for (let i = 0; i < len; i++) {
        let c = text.charCodeAt(start + i);
        if (c >= 65 && c <= 90) c += 32;
        if (c !== k.spelled.charCodeAt(i)) continue outer;
      }
      return k.info;
    }
  }
  return headerNameInfo(text.slice(start, end));
}
