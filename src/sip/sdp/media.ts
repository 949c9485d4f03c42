/**
 * Reading and writing RTP media attributes: rtpmap / fmtp (RFC 8866 §6.6, §6.15), ptime (§6.4), direction
 * (§6.7, RFC 3264 §5.1), and the static payload types of RFC 3551 §6 that Tandem speaks.
 */
import type { Direction, MediaDescription, SessionDescription, Connection } from './types.js';

export interface RtpMap {
  payloadType: number;
  /** encoding name as sent (compare case-insensitively) */
  encoding: string;
  clockRate: number;
  channels: number | undefined;
}

/** RFC 3551 §6 Table 4: static audio payload types used by Tandem (G.711). */
export const STATIC_PAYLOAD_TYPES: Readonly<Record<number, { encoding: string; clockRate: number }>> = {
  0: { encoding: 'PCMU', clockRate: 8000 },
  8: { encoding: 'PCMA', clockRate: 8000 },
};

export function attr(m: { attributes: MediaDescription['attributes'] }, name: string): string | undefined {
  return m.attributes.find((a) => a.name.toLowerCase() === name)?.value;
}

/** rtpmap of a payload type: explicit a=rtpmap, else the static assignment (RFC 3551). */
export function rtpMap(m: MediaDescription, pt: number): RtpMap | undefined {
  for (const a of m.attributes) {
    if (a.name.toLowerCase() !== 'rtpmap' || a.value === undefined) continue;
    const sp = a.value.indexOf(' ');
    if (sp < 0 || Number(a.value.slice(0, sp)) !== pt || !/^\d+$/.test(a.value.slice(0, sp))) continue;
    const [encoding, rate, ch] = a.value.slice(sp + 1).trim().split('/');
    if (!encoding || !rate || !/^\d+$/.test(rate)) return undefined;
    return { payloadType: pt, encoding, clockRate: Number(rate), channels: ch && /^\d+$/.test(ch) ? Number(ch) : undefined };
  }
  const s = STATIC_PAYLOAD_TYPES[pt];
  return s ? { payloadType: pt, encoding: s.encoding, clockRate: s.clockRate, channels: undefined } : undefined;
}

/** a=fmtp:<pt> parameters text */
export function fmtp(m: MediaDescription, pt: number): string | undefined {
  const prefix = `${pt} `;
  for (const a of m.attributes) {
    if (a.name.toLowerCase() === 'fmtp' && a.value?.startsWith(prefix)) return a.value.slice(prefix.length).trim();
  }
  return undefined;
}

/** a=ptime in ms, if present and sane */
export function ptime(m: MediaDescription): number | undefined {
  const v = attr(m, 'ptime');
  if (v === undefined) return undefined;
  const n = Number(v.trim());
  return Number.isFinite(n) && n > 0 && n <= 1000 ? n : undefined;
}

const DIRECTIONS: ReadonlySet<string> = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

/** Direction of a media section: media-level attribute, else session-level, else sendrecv (RFC 8866 §6.7). */
export function direction(sd: SessionDescription, m: MediaDescription): Direction {
  for (const a of m.attributes) if (DIRECTIONS.has(a.name)) return a.name as Direction;
  for (const a of sd.attributes) if (DIRECTIONS.has(a.name)) return a.name as Direction;
  return 'sendrecv';
}

/** The connection of a media section: its own c=, else the session-level one (RFC 8866 §5.7). */
export function connectionOf(sd: SessionDescription, m: MediaDescription): Connection | undefined {
  return m.connections[0] ?? sd.connection;
}

/** RFC 3264 §8.4 (and RFC 2543): c=0.0.0.0 means "do not send to me" (old-style hold). */
export function isNullAddress(c: Connection | undefined): boolean {
  return c !== undefined && (c.address === '0.0.0.0' || c.address === '::');
}

/** The direction an answerer uses for an offered direction (RFC 3264 §6.1), given its own wish. */
export function answerDirection(offered: Direction, wanted: Direction): Direction {
  const offerSends = offered === 'sendrecv' || offered === 'sendonly';
  const offerRecvs = offered === 'sendrecv' || offered === 'recvonly';
  const weSend = (wanted === 'sendrecv' || wanted === 'sendonly') && offerRecvs;
  const weRecv = (wanted === 'sendrecv' || wanted === 'recvonly') && offerSends;
  return weSend && weRecv ? 'sendrecv' : weSend ? 'sendonly' : weRecv ? 'recvonly' : 'inactive';
}

/** Our effective direction once the peer's answer to our offered direction is known (RFC 3264 §6.1 inverse). */
export function localDirectionFromAnswer(offered: Direction, answered: Direction): Direction {
  const weSend = (offered === 'sendrecv' || offered === 'sendonly') && (answered === 'sendrecv' || answered === 'recvonly');
  const weRecv = (offered === 'sendrecv' || offered === 'recvonly') && (answered === 'sendrecv' || answered === 'sendonly');
  return weSend && weRecv ? 'sendrecv' : weSend ? 'sendonly' : weRecv ? 'recvonly' : 'inactive';
}

/** Parse an RFC 4733 §2.4.1 event list ("0-15,66") into a set of event codes. */
export function parseEventList(s: string | undefined): Set<number> | undefined {
  if (s === undefined) return new Set(Array.from({ length: 16 }, (_, i) => i)); // §2.4.1: absent means 0-15
  const out = new Set<number>();
  for (const part of s.split(',')) {
    const m = /^\s*(\d{1,3})(?:-(\d{1,3}))?\s*$/.exec(part);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a > 255 || b > 255 || b < a) return undefined;
    for (let i = a; i <= b; i++) out.add(i);
  }
  return out;
}

/** Format a set of event codes as ranges ("0-15,66"). */
export function formatEventList(set: ReadonlySet<number>): string {
  const v = [...set].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < v.length; ) {
    let j = i;
    while (j + 1 < v.length && v[j + 1] === v[j]! + 1) j++;
    parts.push(i === j ? `${v[i]}` : `${v[i]}-${v[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
