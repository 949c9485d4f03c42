// M3UA DATA messages (RFC 4666 §3.3.1: common header, Protocol Data parameter tag 0x0210 with OPC,
// DPC, SI, NI, MP, SLS and the user protocol data), and the older draft-ietf-sigtran-m3ua-06 DATA
// whose Protocol Data 1 (tag 0x0002) holds the MTP3 MSU itself (SIO, routing label, SIF) and
// Protocol Data 2 (tag 0x0003) a length indicator octet before it.

export type M3uaPayload =
  | { format: 'rfc4666'; opc: number; dpc: number; si: number; ni: number; mp: number; sls: number; userData: Uint8Array }
  | { format: 'draft6'; msu: Uint8Array };

const be16 = (b: Uint8Array, o: number) => ((b[o] as number) << 8) | (b[o + 1] as number);
const be32 = (b: Uint8Array, o: number) => (((b[o] as number) << 24) | ((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number)) >>> 0;

/** M3UA SCTP payload protocol identifier (RFC 4666 §1.4.7) and registered port. */
export const M3UA_PPID = 3;
export const M3UA_PORT = 2905;

/** The payload of an M3UA transfer DATA message (class 1, type 1), or undefined. */
export function m3uaData(msg: Uint8Array): M3uaPayload | undefined {
  if (msg.length < 8 || msg[0] !== 1 || msg[2] !== 1 || msg[3] !== 1) return undefined;
  const end = Math.min(be32(msg, 4), msg.length);
  let off = 8;
  while (off + 4 <= end) {
    const tag = be16(msg, off);
    const len = be16(msg, off + 2);
    if (len < 4 || off + len > end) return undefined;
    const v = msg.subarray(off + 4, off + len);
    if (tag === 0x0210 && v.length >= 12) {
      return { format: 'rfc4666', opc: be32(v, 0), dpc: be32(v, 4), si: v[8] as number, ni: v[9] as number, mp: v[10] as number, sls: v[11] as number, userData: v.subarray(12) };
    }
    if (tag === 0x0002 && v.length >= 1) return { format: 'draft6', msu: v };
    if (tag === 0x0003 && v.length >= 2) return { format: 'draft6', msu: v.subarray(1) };
    off += (len + 3) & ~3;
  }
  return undefined;
}
