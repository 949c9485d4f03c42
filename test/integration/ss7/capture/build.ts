// Builders of small synthetic captures for the capture-reader tests: pcap and pcapng files, MTP2
// signal units with or without FCS, Ethernet/SLL + IPv4/IPv6 + SCTP + M3UA frames.
import { mtp2Fcs } from '../../../../src/ss7/capture/index.js';

export function pcap(linkType: number, frames: Uint8Array[], opts: { bigEndian?: boolean; nano?: boolean } = {}): Buffer {
  const le = !opts.bigEndian;
  const w32 = (b: Buffer, v: number, o: number) => (le ? b.writeUInt32LE(v, o) : b.writeUInt32BE(v, o));
  const w16 = (b: Buffer, v: number, o: number) => (le ? b.writeUInt16LE(v, o) : b.writeUInt16BE(v, o));
  const head = Buffer.alloc(24);
  w32(head, opts.nano ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  w16(head, 2, 4);
  w16(head, 4, 6);
  w32(head, 65535, 16);
  w32(head, linkType, 20);
  const recs = frames.map((f, i) => {
    const r = Buffer.alloc(16);
    w32(r, 1000 + i, 0);
    w32(r, 500, 4);
    w32(r, f.length, 8);
    w32(r, f.length, 12);
    return Buffer.concat([r, f]);
  });
  return Buffer.concat([head, ...recs]);
}

function block(type: number, body: Buffer): Buffer {
  const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
  const b = Buffer.alloc(12 + padded.length);
  b.writeUInt32LE(type, 0);
  b.writeUInt32LE(b.length, 4);
  padded.copy(b, 8);
  b.writeUInt32LE(b.length, b.length - 4);
  return b;
}

/** pcapng with one interface per link type; frames name their interface. */
export function pcapng(linkTypes: number[], frames: { iface: number; data: Uint8Array }[]): Buffer {
  const shb = Buffer.alloc(16);
  shb.writeUInt32LE(0x1a2b3c4d, 0);
  shb.writeUInt16LE(1, 4);
  shb.writeUInt16LE(0, 6);
  shb.writeBigInt64LE(-1n, 8);
  const blocks = [block(0x0a0d0d0a, shb)];
  for (const lt of linkTypes) {
    const idb = Buffer.alloc(8);
    idb.writeUInt16LE(lt, 0);
    idb.writeUInt32LE(65535, 4);
    blocks.push(block(1, idb));
  }
  frames.forEach((f, i) => {
    const h = Buffer.alloc(20);
    h.writeUInt32LE(f.iface, 0);
    h.writeUInt32LE(0, 4);
    h.writeUInt32LE(i * 1000, 8);
    h.writeUInt32LE(f.data.length, 12);
    h.writeUInt32LE(f.data.length, 16);
    blocks.push(block(6, Buffer.concat([h, f.data])));
  });
  return Buffer.concat(blocks);
}

/** SIO + ITU routing label (Q.704 §2.2) + user part. */
export function msu(si: number, ni: number, dpc: number, opc: number, sls: number, userPart: Uint8Array): Buffer {
  const b = Buffer.alloc(5);
  b[0] = (ni << 6) | si;
  b.writeUInt32LE((dpc | (opc << 14) | (sls << 28)) >>> 0, 1);
  return Buffer.concat([b, userPart]);
}

/** An MTP2 signal unit (Q.703 §2.2) around SIO+SIF, with the FCS appended when asked. */
export function signalUnit(sioSif: Uint8Array, fcs: boolean, bsn = 0x7f, fsn = 0x7f): Buffer {
  const li = Math.min(sioSif.length, 63);
  const su = Buffer.concat([Buffer.from([0x80 | bsn, 0x80 | fsn, li]), sioSif]);
  if (!fcs) return su;
  const c = mtp2Fcs(su);
  return Buffer.concat([su, Buffer.from([c & 0xff, c >> 8])]);
}

export function sctpData(ppid: number, payloads: Uint8Array[], opts: { port?: number; fragmentFirst?: boolean } = {}): Buffer {
  const port = opts.port ?? 2905;
  const head = Buffer.alloc(12);
  head.writeUInt16BE(port, 0);
  head.writeUInt16BE(port, 2);
  const chunks = payloads.map((p, i) => {
    const c = Buffer.alloc(16);
    c[0] = 0;
    c[1] = opts.fragmentFirst ? 0x02 : 0x03;
    c.writeUInt16BE(16 + p.length, 2);
    c.writeUInt32BE(100 + i, 4);
    c.writeUInt16BE(1, 8);
    c.writeUInt16BE(i, 10);
    c.writeUInt32BE(ppid, 12);
    const body = Buffer.concat([c, p]);
    return Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
  });
  return Buffer.concat([head, ...chunks]);
}

/** RFC 4666 §3.3.1 DATA with a Protocol Data parameter. */
export function m3uaData(opc: number, dpc: number, si: number, ni: number, sls: number, userPart: Uint8Array): Buffer {
  const pd = Buffer.alloc(16);
  pd.writeUInt16BE(0x0210, 0);
  pd.writeUInt16BE(16 + userPart.length, 2);
  pd.writeUInt32BE(opc, 4);
  pd.writeUInt32BE(dpc, 8);
  pd[12] = si;
  pd[13] = ni;
  pd[14] = 0;
  pd[15] = sls;
  const param = Buffer.concat([pd, userPart, Buffer.alloc((4 - ((16 + userPart.length) % 4)) % 4)]);
  const h = Buffer.from([1, 0, 1, 1, 0, 0, 0, 0]);
  h.writeUInt32BE(8 + param.length, 4);
  return Buffer.concat([h, param]);
}

export function ipv4(payload: Uint8Array, proto = 132): Buffer {
  const h = Buffer.alloc(20);
  h[0] = 0x45;
  h.writeUInt16BE(20 + payload.length, 2);
  h[8] = 64;
  h[9] = proto;
  Buffer.from([127, 0, 0, 1]).copy(h, 12);
  Buffer.from([127, 0, 0, 2]).copy(h, 16);
  return Buffer.concat([h, payload]);
}

export function ipv6(payload: Uint8Array): Buffer {
  const h = Buffer.alloc(40);
  h[0] = 0x60;
  h.writeUInt16BE(payload.length, 4);
  h[6] = 132;
  h[7] = 64;
  h[23] = 1;
  h[39] = 1;
  return Buffer.concat([h, payload]);
}

export function ethernet(etherType: number, payload: Uint8Array, vlan = false): Buffer {
  const h = Buffer.alloc(14);
  Buffer.from([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2]).copy(h, 0);
  if (vlan) {
    h.writeUInt16BE(0x8100, 12);
    const tag = Buffer.alloc(4);
    tag.writeUInt16BE(7, 0);
    tag.writeUInt16BE(etherType, 2);
    return Buffer.concat([h, tag, payload]);
  }
  h.writeUInt16BE(etherType, 12);
  return Buffer.concat([h, payload]);
}

export function sll(etherType: number, payload: Uint8Array): Buffer {
  const h = Buffer.alloc(16);
  h.writeUInt16BE(0, 0);
  h.writeUInt16BE(772, 2);
  h.writeUInt16BE(6, 4);
  h.writeUInt16BE(etherType, 14);
  return Buffer.concat([h, payload]);
}
