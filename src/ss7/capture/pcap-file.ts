// Capture file readers: libpcap (pcap-savefile, microsecond and nanosecond magics, both byte orders)
// and pcapng (draft-ietf-opsawg-pcapng: SHB, IDB, EPB, SPB, obsolete PB). Frames come out numbered
// from 1 as Wireshark numbers them, with the link type (DLT) of their interface.

export interface CaptureFrame {
  /** Frame number, 1-based, in file order. */
  frame: number;
  linkType: number;
  /** Seconds since the epoch (float). */
  time: number;
  data: Uint8Array;
}

export type CaptureReadError = { kind: 'not-a-capture'; magic: string } | { kind: 'truncated'; offset: number } | { kind: 'malformed'; message: string };

export type CaptureReadResult = { ok: true; frames: CaptureFrame[]; format: 'pcap' | 'pcapng' } | { ok: false; error: CaptureReadError };

/** Reads a whole capture file. Never throws: a malformed file gives a typed error. */
export function readCapture(buf: Uint8Array): CaptureReadResult {
  try {
    return readAny(buf);
  } catch (e) {
    return { ok: false, error: { kind: 'malformed', message: e instanceof Error ? e.message : String(e) } };
  }
}

function readAny(buf: Uint8Array): CaptureReadResult {
  if (buf.length < 4) return { ok: false, error: { kind: 'not-a-capture', magic: Buffer.from(buf).toString('hex') } };
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magicBE = dv.getUint32(0, false);
  if (magicBE === 0x0a0d0d0a) return readPcapng(buf, dv);
  const le = dv.getUint32(0, true);
  for (const [magic, nano] of [[0xa1b2c3d4, false], [0xa1b23c4d, true]] as const) {
    if (le === magic) return readPcap(buf, dv, true, nano);
    if (magicBE === magic) return readPcap(buf, dv, false, nano);
  }
  return { ok: false, error: { kind: 'not-a-capture', magic: Buffer.from(buf.subarray(0, 4)).toString('hex') } };
}

function readPcap(buf: Uint8Array, dv: DataView, le: boolean, nano: boolean): CaptureReadResult {
  if (buf.length < 24) return { ok: false, error: { kind: 'truncated', offset: 0 } };
  const linkType = dv.getUint32(20, le) & 0x0fffffff;
  const frames: CaptureFrame[] = [];
  let off = 24;
  while (off + 16 <= buf.length) {
    const sec = dv.getUint32(off, le);
    const frac = dv.getUint32(off + 4, le);
    const incl = dv.getUint32(off + 8, le);
    if (off + 16 + incl > buf.length) return { ok: false, error: { kind: 'truncated', offset: off } };
    frames.push({ frame: frames.length + 1, linkType, time: sec + frac / (nano ? 1e9 : 1e6), data: buf.subarray(off + 16, off + 16 + incl) });
    off += 16 + incl;
  }
  return { ok: true, frames, format: 'pcap' };
}

function readPcapng(buf: Uint8Array, dv: DataView): CaptureReadResult {
  const frames: CaptureFrame[] = [];
  let off = 0;
  let le = true;
  let interfaces: { linkType: number; tsDivisor: number }[] = [];
  while (off + 12 <= buf.length) {
    const typeBE = dv.getUint32(off, false);
    if (typeBE === 0x0a0d0d0a) {
      // Section header: the byte-order magic decides the order of this section.
      le = dv.getUint32(off + 8, true) === 0x1a2b3c4d;
      interfaces = [];
    }
    const type = dv.getUint32(off, le);
    const len = dv.getUint32(off + 4, le);
    if (len < 12 || off + len > buf.length) return { ok: false, error: { kind: 'truncated', offset: off } };
    const body = off + 8;
    if (type === 1) {
      // Interface description block; if_tsresol option (code 9) sets the timestamp unit.
      let tsDivisor = 1e6;
      let o = body + 8;
      while (o + 4 <= off + len - 4) {
        const code = dv.getUint16(o, le);
        const olen = dv.getUint16(o + 2, le);
        if (code === 0) break;
        if (code === 9 && olen >= 1) {
          const r = buf[o + 4] as number;
          tsDivisor = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
        }
        o += 4 + ((olen + 3) & ~3);
      }
      interfaces.push({ linkType: dv.getUint16(body, le), tsDivisor });
    } else if (type === 6 || type === 2) {
      // Enhanced packet block (6) and the obsolete packet block (2: 16-bit interface id, drops count).
      const ifId = type === 6 ? dv.getUint32(body, le) : dv.getUint16(body, le);
      const tsHigh = dv.getUint32(body + 4, le);
      const tsLow = dv.getUint32(body + 8, le);
      const caplen = dv.getUint32(body + 12, le);
      const start = body + 20;
      if (start + caplen > off + len) return { ok: false, error: { kind: 'truncated', offset: off } };
      const itf = interfaces[ifId];
      frames.push({
        frame: frames.length + 1,
        linkType: itf?.linkType ?? -1,
        time: (tsHigh * 2 ** 32 + tsLow) / (itf?.tsDivisor ?? 1e6),
        data: buf.subarray(start, start + caplen),
      });
    } else if (type === 3) {
      // Simple packet block: original length, then data up to the block end; interface 0.
      const orig = dv.getUint32(body, le);
      const caplen = Math.min(orig, len - 16);
      frames.push({ frame: frames.length + 1, linkType: interfaces[0]?.linkType ?? -1, time: 0, data: buf.subarray(body + 4, body + 4 + caplen) });
    }
    off += len;
  }
  return { ok: true, frames, format: 'pcapng' };
}
