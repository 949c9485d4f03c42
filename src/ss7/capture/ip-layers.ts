// From a captured frame to SCTP DATA chunks: Ethernet (with 802.1Q tags), Linux cooked capture v1/v2,
// BSD loopback, raw IP; IPv4 (RFC 791, unfragmented) and IPv6 (RFC 8200, skipping extension headers);
// SCTP (RFC 9260 §3: common header, chunks; DATA chunks with B and E set, i.e. unfragmented).

export interface SctpData {
  srcPort: number;
  dstPort: number;
  stream: number;
  /** Payload protocol identifier (3 = M3UA, RFC 4666 §1.4.7). */
  ppid: number;
  data: Uint8Array;
}

export const DLT = {
  null: 0,
  ethernet: 1,
  raw: 101,
  loop: 108,
  linuxSll: 113,
  mtp2WithPhdr: 139,
  mtp2: 140,
  mtp3: 141,
  ipv4: 228,
  ipv6: 229,
  linuxSll2: 276,
} as const;

const be16 = (b: Uint8Array, o: number) => ((b[o] as number) << 8) | (b[o + 1] as number);
const be32 = (b: Uint8Array, o: number) => (((b[o] as number) << 24) | ((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number)) >>> 0;

/** The IP packet inside a frame of an IP-carrying link type, or undefined. */
export function ipPacket(linkType: number, f: Uint8Array): Uint8Array | undefined {
  let etherType: number;
  let off: number;
  switch (linkType) {
    case DLT.ethernet: {
      if (f.length < 14) return undefined;
      off = 12;
      etherType = be16(f, off);
      off += 2;
      while ((etherType === 0x8100 || etherType === 0x88a8) && off + 4 <= f.length) {
        etherType = be16(f, off + 2);
        off += 4;
      }
      break;
    }
    case DLT.linuxSll:
      if (f.length < 16) return undefined;
      etherType = be16(f, 14);
      off = 16;
      break;
    case DLT.linuxSll2:
      if (f.length < 20) return undefined;
      etherType = be16(f, 0);
      off = 20;
      break;
    case DLT.null:
    case DLT.loop: {
      if (f.length < 4) return undefined;
      const fam = linkType === DLT.loop ? be32(f, 0) : (f[0] as number) | ((f[1] as number) << 8) | ((f[2] as number) << 16);
      const famBE = be32(f, 0);
      const isV4 = fam === 2 || famBE === 2;
      etherType = isV4 ? 0x0800 : 0x86dd;
      off = 4;
      break;
    }
    case DLT.raw:
    case DLT.ipv4:
    case DLT.ipv6:
      etherType = ((f[0] as number) >> 4) === 6 ? 0x86dd : 0x0800;
      off = 0;
      break;
    default:
      return undefined;
  }
  if (etherType !== 0x0800 && etherType !== 0x86dd) return undefined;
  return f.subarray(off);
}

/** The SCTP packet in an IP packet, or undefined (not SCTP, fragmented, truncated). */
export function sctpPacket(ip: Uint8Array): Uint8Array | undefined {
  return transportPayload(ip, 132);
}

/** The payload of a UDP datagram in an IP packet (RFC 768), with its ports, or undefined. */
export function udpDatagram(ip: Uint8Array): { srcPort: number; dstPort: number; data: Uint8Array } | undefined {
  const u = transportPayload(ip, 17);
  if (!u || u.length < 8) return undefined;
  return { srcPort: be16(u, 0), dstPort: be16(u, 2), data: u.subarray(8, Math.min(u.length, be16(u, 4) || u.length)) };
}

/** The transport-layer packet of protocol `proto` in an unfragmented IPv4 or IPv6 packet. */
function transportPayload(ip: Uint8Array, proto: number): Uint8Array | undefined {
  if (ip.length < 1) return undefined;
  const version = (ip[0] as number) >> 4;
  if (version === 4) {
    const ihl = ((ip[0] as number) & 0x0f) * 4;
    if (ip.length < 20 || ihl < 20) return undefined;
    const total = be16(ip, 2);
    const frag = be16(ip, 6);
    if (frag & 0x3fff) return undefined; // MF set or non-zero offset: a fragment
    if (ip[9] !== proto) return undefined;
    return ip.subarray(ihl, Math.min(total || ip.length, ip.length));
  }
  if (version === 6) {
    if (ip.length < 40) return undefined;
    let next = ip[6] as number;
    let off = 40;
    const end = Math.min(40 + be16(ip, 4), ip.length);
    while (next === 0 || next === 43 || next === 60) {
      if (off + 2 > end) return undefined;
      next = ip[off] as number;
      off += ((ip[off + 1] as number) + 1) * 8;
    }
    if (next !== proto) return undefined;
    return ip.subarray(off, end);
  }
  return undefined;
}

/** The unfragmented DATA chunks of an SCTP packet, in order. */
export function sctpDataChunks(sctp: Uint8Array): SctpData[] {
  const out: SctpData[] = [];
  if (sctp.length < 12) return out;
  const srcPort = be16(sctp, 0);
  const dstPort = be16(sctp, 2);
  let off = 12;
  while (off + 4 <= sctp.length) {
    const type = sctp[off] as number;
    const flags = sctp[off + 1] as number;
    const len = be16(sctp, off + 2);
    if (len < 4 || off + len > sctp.length) break;
    if (type === 0 && len >= 16 && (flags & 3) === 3) {
      out.push({ srcPort, dstPort, stream: be16(sctp, off + 8), ppid: be32(sctp, off + 12), data: sctp.subarray(off + 16, off + len) });
    }
    off += (len + 3) & ~3;
  }
  return out;
}
