/**
 * Typed values of headers parsed on demand from a message's raw header list. Every parse returns a typed
 * result: a malformed value is a `SipParseError` of kind 'bad-header' naming the header (answer 400), never a throw.
 */
import type { SipHeaders } from './headers.js';
import type { NameAddr, Result } from './types.js';
import { parseError, type SipParseError } from './errors.js';
import { canonicalHeaderName, headerKey } from './header-names.js';
import { parseNameAddr } from './name-addr.js';
import { parseIdentity } from './values/identity.js';
import { parsePrivacy, type PrivacyValue } from './values/privacy.js';
import { parseReason, type ReasonValue } from './values/reason.js';
import { parseDiversion, type DiversionValue } from './values/diversion.js';
import { parseHistoryInfo, type HistoryInfoEntry } from './values/history-info.js';
import { parseMinSe, parseSessionExpires, type SessionExpires } from './values/session-timer.js';
import { parseTokenList } from './values/option-tags.js';
import { parseContentType, type ContentType } from './values/content-type.js';
import { parseDeltaSeconds, type ValueError } from './values/common.js';
import { parseRAck, parseRSeq, type RAck } from './values/reliability.js';
import { parseAuthValue, type AuthValue } from './values/auth.js';
import { parseRetryAfter, parseWarning, type RetryAfter, type WarningValue } from './values/retry-warning.js';

/** Header name (lower-case long form) → typed value. */
export interface TypedHeaderMap {
  'p-asserted-identity': NameAddr[];
  'p-preferred-identity': NameAddr[];
  privacy: PrivacyValue[];
  reason: ReasonValue[];
  diversion: DiversionValue[];
  'history-info': HistoryInfoEntry[];
  'session-expires': SessionExpires;
  'min-se': number;
  supported: string[];
  require: string[];
  unsupported: string[];
  'proxy-require': string[];
  allow: string[];
  route: NameAddr[];
  'record-route': NameAddr[];
  'content-type': ContentType;
  expires: number;
  'min-expires': number;
  rseq: number;
  rack: RAck;
  'retry-after': RetryAfter;
  warning: WarningValue[];
  path: NameAddr[];
  'service-route': NameAddr[];
  'refer-to': NameAddr;
  'referred-by': NameAddr;
  'www-authenticate': AuthValue[];
  'proxy-authenticate': AuthValue[];
  authorization: AuthValue[];
  'proxy-authorization': AuthValue[];
}

export type TypedHeaderName = keyof TypedHeaderMap;

type Decoder<T> = (values: string[]) => Result<T, ValueError>;

function single<T>(f: (v: string) => Result<T, ValueError>): Decoder<T> {
  return (values) =>
    values.length > 1 ? { ok: false, error: { reason: 'header appears more than once' } } : f(values[0]!);
}

function nameAddrList(values: string[]): Result<NameAddr[], ValueError> {
  const out: NameAddr[] = [];
  for (const v of values) {
    const r = parseNameAddr(v);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return { ok: true, value: out };
}

function deltaSeconds(v: string): Result<number, ValueError> {
  const n = parseDeltaSeconds(v);
  return n === undefined ? { ok: false, error: { reason: 'malformed delta-seconds' } } : { ok: true, value: n };
}

function authList(values: string[]): Result<AuthValue[], ValueError> {
  const out: AuthValue[] = [];
  for (const v of values) {
    const r = parseAuthValue(v);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return { ok: true, value: out };
}

const DECODERS: { [K in TypedHeaderName]: Decoder<TypedHeaderMap[K]> } = {
  'p-asserted-identity': parseIdentity,
  'p-preferred-identity': parseIdentity,
  privacy: parsePrivacy,
  reason: parseReason,
  diversion: parseDiversion,
  'history-info': parseHistoryInfo,
  'session-expires': single(parseSessionExpires),
  'min-se': single(parseMinSe),
  supported: (v) => parseTokenList(v, true),
  require: (v) => parseTokenList(v, false),
  unsupported: (v) => parseTokenList(v, false),
  'proxy-require': (v) => parseTokenList(v, false),
  allow: (v) => parseTokenList(v, true),
  route: nameAddrList,
  'record-route': nameAddrList,
  'content-type': single(parseContentType),
  expires: single(deltaSeconds),
  'min-expires': single(deltaSeconds),
  rseq: single(parseRSeq),
  rack: single(parseRAck),
  'retry-after': single(parseRetryAfter),
  warning: parseWarning,
  path: nameAddrList,
  'service-route': nameAddrList,
  'refer-to': single(parseNameAddr),
  'referred-by': single(parseNameAddr),
  'www-authenticate': authList,
  'proxy-authenticate': authList,
  authorization: authList,
  'proxy-authorization': authList,
};

/**
 * The typed value of a header, `undefined` when the header is absent, or a typed error.
 * Example: `getTypedHeader(msg.headers, 'reason')`.
 */
export function getTypedHeader<K extends TypedHeaderName>(
  headers: SipHeaders,
  name: K,
): Result<TypedHeaderMap[K] | undefined, SipParseError> {
  const key = headerKey(name);
  const values = headers.getAll(key);
  if (values.length === 0) return { ok: true, value: undefined };
  const decoder = DECODERS[name] as Decoder<TypedHeaderMap[K]>;
  const r = decoder(values);
  if (r.ok) return r;
  const header = canonicalHeaderName(key);
  return { ok: false, error: parseError('bad-header', `${header}: ${r.error.reason}`, { header }) };
}
