// Types of the SIP transport layer (RFC 3261 §18): flows a message arrived on, destinations a request
// goes to, and the interface the transaction layer uses.
import type { SipMessage, SipRequest, SipResponse } from '../message/types.js';

export type TransportName = 'udp' | 'tcp' | 'tls';

export function isReliable(t: TransportName): boolean {
  return t !== 'udp';
}

/** Where a message came from (and therefore where a response goes back on, §18.2.2). */
export interface Flow {
  readonly transport: TransportName;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** id of the TCP/TLS connection it arrived on (reuse for responses, §18.2.2). */
  readonly connectionId?: number;
}

/** Next hop of a request (resolved; RFC 3263 name resolution is not done here). */
export interface Destination {
  readonly transport: TransportName;
  readonly address: string;
  readonly port: number;
  /**
   * TLS: the name the server's certificate must carry (RFC 5922 §4: the domain of the SIPS URI, also sent
   * as SNI); undefined: the address is checked.
   */
  readonly serverName?: string;
}

export interface ListenSpec {
  transport: TransportName;
  address: string;
  port: number;
  cert?: string | null;
  key?: string | null;
}

export interface TransportLimits {
  /** Largest message accepted (octets); larger: 513 on UDP / connection closed on streams. */
  maxMessageSize: number;
  /** Most concurrent TCP/TLS connections (in + out); beyond: new inbound connections are refused. */
  maxConnections: number;
  /** Requests per second accepted from one source address; beyond: 503 with Retry-After (UDP) or drop. */
  maxRequestsPerSecondPerSource: number;
  /** Idle TCP/TLS connections are closed after this many ms. */
  idleTimeoutMs: number;
}

export const DEFAULT_TRANSPORT_LIMITS: TransportLimits = {
  maxMessageSize: 65535,
  maxConnections: 1024,
  maxRequestsPerSecondPerSource: 5000,
  idleTimeoutMs: 120000,
};

export type SendErrorHandler = (err: Error) => void;

/** What the transaction layer needs from the transport layer. */
export interface SipTransportApi {
  /** Send a request (first copy or retransmission) towards `dest`; fills the top Via's sent-by and transport. */
  sendRequest(req: SipRequest, dest: Destination, onError?: SendErrorHandler): void;
  /** Send a response back per §18.2.2 (the flow the request came on, or Via received/rport). */
  sendResponse(res: SipResponse, flow: Flow, onError?: SendErrorHandler): void;
}

export interface InboundHandler {
  (msg: SipMessage, flow: Flow): void;
}

/** Counters of the transport layer, named group.event (CONVENTIONS.md). */
export interface TransportCounters {
  'sip.rx.messages': number;
  'sip.tx.messages': number;
  'sip.rx.malformed': number;
  'sip.rx.malformed_answered': number;
  'sip.rx.too_large': number;
  'sip.rx.rate_limited': number;
  'sip.conn.refused_limit': number;
  'sip.conn.opened': number;
  'sip.conn.closed': number;
  'sip.conn.idle_closed': number;
  'sip.conn.bad_framing': number;
  'sip.keepalive.pongs': number;
  'sip.tx.udp_to_tcp': number;
  'sip.tx.errors': number;
}

export function zeroCounters(): TransportCounters {
  return {
    'sip.rx.messages': 0,
    'sip.tx.messages': 0,
    'sip.rx.malformed': 0,
    'sip.rx.malformed_answered': 0,
    'sip.rx.too_large': 0,
    'sip.rx.rate_limited': 0,
    'sip.conn.refused_limit': 0,
    'sip.conn.opened': 0,
    'sip.conn.closed': 0,
    'sip.conn.idle_closed': 0,
    'sip.conn.bad_framing': 0,
    'sip.keepalive.pongs': 0,
    'sip.tx.udp_to_tcp': 0,
    'sip.tx.errors': 0,
  };
}
