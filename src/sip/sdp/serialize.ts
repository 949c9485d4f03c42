/** SDP serializer (RFC 8866 §5 line order, CRLF line ends). */
import type { Attribute, Bandwidth, Connection, SessionDescription } from './types.js';

function conn(c: Connection): string {
  let a = c.address;
  if (c.ttl !== undefined) a += '/' + c.ttl;
  if (c.count !== undefined) a += '/' + c.count;
  return `c=${c.netType} ${c.addrType} ${a}\r\n`;
}

const bw = (b: Bandwidth) => `b=${b.type}:${b.value}\r\n`;
const attr = (a: Attribute) => (a.value === undefined ? `a=${a.name}\r\n` : `a=${a.name}:${a.value}\r\n`);

export function serializeSdp(sd: SessionDescription): string {
  const o = sd.origin;
  let out = `v=0\r\no=${o.username} ${o.sessionId} ${o.sessionVersion} ${o.netType} ${o.addrType} ${o.address}\r\ns=${sd.sessionName}\r\n`;
  if (sd.information !== undefined) out += `i=${sd.information}\r\n`;
  if (sd.uri !== undefined) out += `u=${sd.uri}\r\n`;
  for (const e of sd.emails) out += `e=${e}\r\n`;
  for (const p of sd.phones) out += `p=${p}\r\n`;
  if (sd.connection) out += conn(sd.connection);
  for (const b of sd.bandwidths) out += bw(b);
  for (const t of sd.timings) {
    out += `t=${t.start} ${t.stop}\r\n`;
    for (const r of t.repeats) out += `r=${r}\r\n`;
  }
  if (sd.zone !== undefined) out += `z=${sd.zone}\r\n`;
  if (sd.key !== undefined) out += `k=${sd.key}\r\n`;
  for (const a of sd.attributes) out += attr(a);
  for (const m of sd.media) {
    out += `m=${m.type} ${m.port}${m.portCount !== undefined ? '/' + m.portCount : ''} ${m.proto} ${m.formats.join(' ')}\r\n`;
    if (m.information !== undefined) out += `i=${m.information}\r\n`;
    for (const c of m.connections) out += conn(c);
    for (const b of m.bandwidths) out += bw(b);
    if (m.key !== undefined) out += `k=${m.key}\r\n`;
    for (const a of m.attributes) out += attr(a);
  }
  return out;
}
