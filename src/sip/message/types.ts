/**
 * SIP message model (RFC 3261 §7, §20, §25).
 *
 * A parsed message keeps the headers every layer needs as typed, eagerly validated fields (Via, From, To,
 * Call-ID, CSeq, Max-Forwards, Contact) — these fields are the source of truth when serializing — and every
 * other header as raw, unfolded values in `headers` (names normalised, comma lists split per §7.3.1).
 * Typed values for the other headers are parsed on demand (see typed-headers.ts: `getTypedHeader`).
 */
import type { SipHeaders } from './headers.js';

/** A generic result: never throw on peer input. */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/**
 * Parameters (uri-parameter, header params, generic-param). Keys are lower-case (RFC 3261 §19.1.4, §7.3.1:
 * parameter names are case-insensitive); values are unescaped / unquoted text, `null` for a flag (`;lr`).
 * Insertion order is kept for serialization.
 */
export type Params = Map<string, string | null>;

/** sip: / sips: URI (RFC 3261 §19.1). user/password are unescaped; the serializer re-escapes. */
export interface SipUri {
  readonly kind: 'sip';
  scheme: 'sip' | 'sips';
  user: string | undefined;
  password: string | undefined;
  /** hostname (as sent), IPv4 address, or IPv6 reference *with* brackets ("[2001:db8::1]"). */
  host: string;
  port: number | undefined;
  params: Params;
  /** ?hname=hvalue pairs, unescaped, in order. */
  headers: Array<[string, string]>;
}

/** tel: URI (RFC 3966). */
export interface TelUri {
  readonly kind: 'tel';
  /** the subscriber number as sent minus visual separators ('-', '.', '(', ')'), e.g. "+15551234567" */
  number: string;
  /** true for a global number ("+" prefix) */
  global: boolean;
  params: Params;
}

/** Any other absoluteURI (RFC 3261 §25.1 absoluteURI): kept verbatim. */
export interface AbsoluteUri {
  readonly kind: 'absolute';
  /** lower-cased scheme */
  scheme: string;
  /** everything after "scheme:" verbatim */
  value: string;
}

export type Uri = SipUri | TelUri | AbsoluteUri;

/** name-addr / addr-spec with header parameters (From, To, Contact, Route, P-Asserted-Identity, …). */
export interface NameAddr {
  /** unquoted display name (escapes resolved); undefined when absent */
  displayName: string | undefined;
  uri: Uri;
  /** header parameters after the address (tag, expires, q, …) */
  params: Params;
}

/** From / To (§20.20, §20.39). `tag` is held apart from `params` (params never contains "tag"). */
export interface FromTo extends NameAddr {
  /** value of the tag parameter, undefined when absent (RFC 2543 peers) */
  tag: string | undefined;
}

/** Contact (§20.10): either "*" or a list of name-addr with contact-params. */
export type ContactHeader = { readonly star: true } | { readonly star: false; readonly values: NameAddr[] };

/** Via (§20.42, RFC 3581 rport). */
export interface Via {
  /** "SIP" */
  protocolName: string;
  /** "2.0" */
  protocolVersion: string;
  /** upper-cased transport (UDP, TCP, TLS, SCTP, WS, or an extension token) */
  transport: string;
  /** sent-by host (IPv6 with brackets) */
  host: string;
  port: number | undefined;
  /** branch (§8.1.1.7); undefined for RFC 2543 peers */
  branch: string | undefined;
  /** received (§18.2.1) */
  received: string | undefined;
  /** rport (RFC 3581): undefined = absent; null = present without value; number = filled in */
  rport: number | null | undefined;
  /** the other via-params (ttl, maddr, …); never contains branch/received/rport */
  params: Params;
}

/** CSeq (§20.16). */
export interface CSeq {
  seq: number;
  method: string;
}

/** Fields common to requests and responses. */
export interface SipMessageBase {
  /** "SIP/2.0" (anything else is refused with 505 at parse time for requests) */
  version: string;
  /** all Via values top-most first (§20.42) */
  via: Via[];
  from: FromTo;
  to: FromTo;
  callId: string;
  cseq: CSeq;
  /** absent in responses usually, and in RFC 2543 requests */
  maxForwards: number | undefined;
  /** undefined when no Contact header */
  contact: ContactHeader | undefined;
  /** every other header, raw value strings, in order; names normalised (compact forms expanded) */
  headers: SipHeaders;
  /** message body (Content-Length is derived from it when serializing) */
  body: Buffer;
}

export interface SipRequest extends SipMessageBase {
  readonly type: 'request';
  /** case-sensitive method token (§7.1) */
  method: string;
  uri: Uri;
}

export interface SipResponse extends SipMessageBase {
  readonly type: 'response';
  /** 100..699 */
  status: number;
  reason: string;
}

export type SipMessage = SipRequest | SipResponse;
