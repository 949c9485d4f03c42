/**
 * SDP parser (RFC 8866 §5, §9 grammar). Never throws: a malformed description is a typed error naming the line.
 * Tolerant where §5 asks (LF-only line ends, unknown attribute names, unknown line types are ignored per §5:
 * "parsers MUST ignore" unknown types only in attributes — unknown letters are refused).
 */
import type { Result } from '../message/types.js';
import type { Attribute, Bandwidth, Connection, MediaDescription, Origin, SessionDescription } from './types.js';
import { sdpError, type SdpError } from './errors.js';

const MAX_SDP = 65535;
const TOKEN_RE = /^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+$/;

function err(reason: string, line?: number): Result<never, SdpError> {
  return { ok: false, error: sdpError('malformed', reason, line) };
}

function parseConnection(v: string, line: number): Result<Connection, SdpError> {
  const f = v.split(' ');
  if (f.length !== 3 || f.some((x) => x.length === 0)) return err('c= needs "<nettype> <addrtype> <address>"', line);
  const [netType, addrType, addrField] = f as [string, string, string];
  const parts = addrField.split('/');
  const address = parts[0]!;
  const c: Connection = { netType, addrType, address };
  if (addrType === 'IP4') {
    if (!/^[0-9A-Za-z.\-]+$/.test(address)) return err('malformed IP4 connection address', line);
    if (parts.length > 1) {
      c.ttl = Number(parts[1]);
      if (!/^\d{1,3}$/.test(parts[1]!) || c.ttl > 255) return err('malformed TTL', line);
    }
    if (parts.length > 2) {
      c.count = Number(parts[2]);
      if (!/^\d{1,5}$/.test(parts[2]!)) return err('malformed address count', line);
    }
    if (parts.length > 3) return err('malformed connection address', line);
  } else if (addrType === 'IP6') {
    if (!/^[0-9A-Fa-f:.]+$/.test(address) && !/^[0-9A-Za-z.\-]+$/.test(address)) return err('malformed IP6 connection address', line);
    if (parts.length > 1) {
      c.count = Number(parts[1]);
      if (!/^\d{1,5}$/.test(parts[1]!)) return err('malformed address count', line);
    }
    if (parts.length > 2) return err('malformed connection address', line);
  }
  return { ok: true, value: c };
}

function parseOrigin(v: string, line: number): Result<Origin, SdpError> {
  const f = v.split(' ');
  if (f.length !== 6 || f.some((x) => x.length === 0)) return err('o= needs 6 fields', line);
  const [username, sessionId, sessionVersion, netType, addrType, address] = f as [string, string, string, string, string, string];
  if (!/^\d{1,20}$/.test(sessionId) || !/^\d{1,20}$/.test(sessionVersion)) return err('o= session id and version must be numeric', line);
  return { ok: true, value: { username, sessionId, sessionVersion, netType, addrType, address } };
}

function parseBandwidth(v: string, line: number): Result<Bandwidth, SdpError> {
  const colon = v.indexOf(':');
  const type = v.slice(0, colon);
  const value = v.slice(colon + 1);
  if (colon <= 0 || !TOKEN_RE.test(type) || !/^\d{1,10}$/.test(value)) return err('malformed b=', line);
  return { ok: true, value: { type, value: Number(value) } };
}

function parseAttribute(v: string, line: number): Result<Attribute, SdpError> {
  const colon = v.indexOf(':');
  const name = colon < 0 ? v : v.slice(0, colon);
  if (!TOKEN_RE.test(name)) return err('malformed attribute name', line);
  return { ok: true, value: { name, value: colon < 0 ? undefined : v.slice(colon + 1) } };
}

function parseMedia(v: string, line: number): Result<MediaDescription, SdpError> {
  const f = v.split(' ');
  if (f.length < 3 || f.some((x) => x.length === 0)) return err('m= needs "<media> <port> <proto> <fmt> ..."', line);
  const [type, portField, proto, ...formats] = f as [string, string, string, ...string[]];
  if (!TOKEN_RE.test(type)) return err('malformed media type', line);
  const pp = portField.split('/');
  if (!/^\d{1,5}$/.test(pp[0]!) || Number(pp[0]) > 65535) return err('malformed media port', line);
  const m: MediaDescription = { type, port: Number(pp[0]), proto, formats, connections: [], bandwidths: [], attributes: [] };
  if (pp.length === 2) {
    if (!/^\d{1,5}$/.test(pp[1]!)) return err('malformed port count', line);
    m.portCount = Number(pp[1]);
  } else if (pp.length > 2) return err('malformed media port', line);
  if (formats.length === 0) return err('m= without formats', line);
  if (/^(RTP\/|UDP\/TLS\/RTP\/)/i.test(proto) && formats.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 127)) {
    return err('RTP payload type out of range 0..127', line);
  }
  return { ok: true, value: m };
}

/** Parse an SDP body. */
export function parseSdp(input: Buffer | string): Result<SessionDescription, SdpError> {
  if (input.length > MAX_SDP) return err('SDP too large');
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return { ok: false, error: sdpError('missing-line', 'empty SDP') };
  const sd: Partial<SessionDescription> & Pick<SessionDescription, 'emails' | 'phones' | 'bandwidths' | 'timings' | 'attributes' | 'media'> = {
    emails: [], phones: [], bandwidths: [], timings: [], attributes: [], media: [],
  };
  let media: MediaDescription | undefined;
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    let l = lines[i]!;
    if (l.endsWith('\r')) l = l.slice(0, -1);
    if (l.length < 2 || l.charCodeAt(1) !== 61 /* = */) return err(`not a "<type>=<value>" line: ${JSON.stringify(l.slice(0, 30))}`, n);
    const t = l[0]!;
    const v = l.slice(2);
    if (i === 0 && t !== 'v') return { ok: false, error: sdpError('missing-line', 'SDP must start with v=', n) };
    switch (t) {
      case 'v':
        if (i !== 0) return err('v= not first', n);
        if (v !== '0') return err(`unsupported SDP version ${JSON.stringify(v)}`, n);
        sd.version = 0;
        break;
      case 'o': {
        if (i !== 1 || sd.origin) return err('o= must be the second line', n);
        const r = parseOrigin(v, n);
        if (!r.ok) return r;
        sd.origin = r.value;
        break;
      }
      case 's':
        if (sd.sessionName !== undefined || media) return err('misplaced s=', n);
        // RFC 8866 §5.3 wants a non-empty s=, but empty ones are common (RFC 5118 §4.8): tolerated
        sd.sessionName = v;
        break;
      case 'i':
        if (media) media.information = v;
        else sd.information = v;
        break;
      case 'u':
        if (media) return err('u= inside a media section', n);
        sd.uri = v;
        break;
      case 'e':
      case 'p':
        if (media) return err(`${t}= inside a media section`, n);
        (t === 'e' ? sd.emails : sd.phones).push(v);
        break;
      case 'c': {
        const r = parseConnection(v, n);
        if (!r.ok) return r;
        if (media) media.connections.push(r.value);
        else if (sd.connection) return err('more than one session-level c=', n);
        else sd.connection = r.value;
        break;
      }
      case 'b': {
        const r = parseBandwidth(v, n);
        if (!r.ok) return r;
        (media ? media.bandwidths : sd.bandwidths).push(r.value);
        break;
      }
      case 't': {
        if (media) return err('t= inside a media section', n);
        const f = v.split(' ');
        if (f.length !== 2 || !/^\d{1,20}$/.test(f[0]!) || !/^\d{1,20}$/.test(f[1]!)) return err('malformed t=', n);
        sd.timings.push({ start: f[0]!, stop: f[1]!, repeats: [] });
        break;
      }
      case 'r': {
        const last = sd.timings[sd.timings.length - 1];
        if (!last || media) return err('r= without t=', n);
        last.repeats.push(v);
        break;
      }
      case 'z':
        if (media) return err('z= inside a media section', n);
        sd.zone = v;
        break;
      case 'k':
        if (media) media.key = v;
        else sd.key = v;
        break;
      case 'a': {
        const r = parseAttribute(v, n);
        if (!r.ok) return r;
        (media ? media.attributes : sd.attributes).push(r.value);
        break;
      }
      case 'm': {
        const r = parseMedia(v, n);
        if (!r.ok) return r;
        media = r.value;
        sd.media.push(media);
        break;
      }
      default:
        return err(`unknown line type ${JSON.stringify(t)}`, n);
    }
  }
  if (sd.origin === undefined) return { ok: false, error: sdpError('missing-line', 'no o= line') };
  if (sd.sessionName === undefined) return { ok: false, error: sdpError('missing-line', 'no s= line') };
  if (sd.timings.length === 0) return { ok: false, error: sdpError('missing-line', 'no t= line') };
  // RFC 8866 §5.7: every media stream needs a connection address, at session or media level
  for (const m of sd.media) {
    if (m.port !== 0 && !sd.connection && m.connections.length === 0) {
      return { ok: false, error: sdpError('missing-line', `media ${m.type} has no c= line and there is no session-level c=`) };
    }
  }
  const out: SessionDescription = {
    version: 0,
    origin: sd.origin,
    sessionName: sd.sessionName,
    emails: sd.emails,
    phones: sd.phones,
    bandwidths: sd.bandwidths,
    timings: sd.timings,
    attributes: sd.attributes,
    media: sd.media,
    ...(sd.information !== undefined ? { information: sd.information } : {}),
    ...(sd.uri !== undefined ? { uri: sd.uri } : {}),
    ...(sd.connection !== undefined ? { connection: sd.connection } : {}),
    ...(sd.zone !== undefined ? { zone: sd.zone } : {}),
    ...(sd.key !== undefined ? { key: sd.key } : {}),
  };
  return { ok: true, value: out };
}
