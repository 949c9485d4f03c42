/**
 * Session Description Protocol model (RFC 8866 §5). Fields keep the text as sent (numbers that may exceed 2^53,
 * such as o= session id and version, stay strings); the serializer writes them back in RFC 8866 §5 order.
 */

export type NetType = 'IN' | (string & {});
export type AddrType = 'IP4' | 'IP6' | (string & {});

/** o= (§5.2) */
export interface Origin {
  username: string;
  /** numeric string */
  sessionId: string;
  /** numeric string; incremented on each change (RFC 3264 §8) */
  sessionVersion: string;
  netType: NetType;
  addrType: AddrType;
  address: string;
}

/** c= (§5.7) */
export interface Connection {
  netType: NetType;
  addrType: AddrType;
  address: string;
  /** multicast IPv4 TTL (/ttl) */
  ttl?: number;
  /** number of multicast addresses (/n) */
  count?: number;
}

/** b= (§5.8) */
export interface Bandwidth {
  type: string;
  value: number;
}

/** t= (§5.9) with its r= lines (§5.10) kept as text */
export interface Timing {
  start: string;
  stop: string;
  repeats: string[];
}

/** a= (§5.13): property attribute (value undefined) or value attribute */
export interface Attribute {
  name: string;
  value: string | undefined;
}

/** m= section (§5.14) */
export interface MediaDescription {
  /** audio, video, text, application, message, image … */
  type: string;
  /** 0 rejects the stream (RFC 3264 §6) */
  port: number;
  /** m=<media> <port>/<number of ports> */
  portCount?: number;
  /** RTP/AVP, RTP/SAVP, udptl … */
  proto: string;
  /** payload type numbers for RTP, as strings, in preference order */
  formats: string[];
  information?: string;
  connections: Connection[];
  bandwidths: Bandwidth[];
  key?: string;
  attributes: Attribute[];
}

export interface SessionDescription {
  /** v= (always 0) */
  version: number;
  origin: Origin;
  /** s= ("-" or " " when none) */
  sessionName: string;
  information?: string;
  uri?: string;
  emails: string[];
  phones: string[];
  connection?: Connection;
  bandwidths: Bandwidth[];
  timings: Timing[];
  zone?: string;
  key?: string;
  attributes: Attribute[];
  media: MediaDescription[];
}

/** Stream direction (RFC 3264 §5.1, §6.1, RFC 8866 §6.7). */
export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
