// Service information octet and ITU routing label (Q.704 §2.2, §14.2, Figure 3/Q.704).
//
// An MSU as MTP3 sees it is SIO + SIF (the octets MTP2 carries between LI and CK, src/ss7/mtp2/link.ts
// contract 3). The SIF starts with the routing label: 32 bits sent least significant first,
// DPC = bits 1-14, OPC = bits 15-28, SLS = bits 29-32 (Q.704 §2.2.1, Figure 3). In signalling network
// management and test messages the SLS field carries the signalling link code (SLC, Q.704 §15).

import { isPointCode } from './point-code.js';

/** Service indicator values (Q.704 §14.2.1). */
export const SI = {
  snm: 0, // signalling network management messages
  sntm: 1, // signalling network testing and maintenance messages (SLTM/SLTA, Q.707)
  sntmSpecial: 2, // spare (special testing)
  sccp: 3,
  tup: 4,
  isup: 5,
  dupCall: 6,
  dupFacilities: 7,
  mtpTesting: 8,
  bisup: 9,
  sisup: 10,
} as const;

const SI_NAMES: Record<number, string> = {
  0: 'SNM',
  1: 'SNTM',
  2: 'SNTM-special',
  3: 'SCCP',
  4: 'TUP',
  5: 'ISUP',
  6: 'DUP-call',
  7: 'DUP-facilities',
  8: 'MTP-testing',
  9: 'B-ISUP',
  10: 'S-ISUP',
};

export function serviceIndicatorName(si: number): string {
  return SI_NAMES[si] ?? `spare(${si})`;
}

/** Network indicator, bits D-C of the SIO (Q.704 §14.2.2). */
export type NetworkIndicator = 'international' | 'internationalSpare' | 'national' | 'nationalSpare';

export const NETWORK_INDICATORS: readonly NetworkIndicator[] = ['international', 'internationalSpare', 'national', 'nationalSpare'];

export function networkIndicatorCode(ni: NetworkIndicator): number {
  return NETWORK_INDICATORS.indexOf(ni);
}

export function networkIndicatorFromCode(code: number): NetworkIndicator {
  return NETWORK_INDICATORS[code & 3] as NetworkIndicator;
}

export interface Sio {
  /** Service indicator, 4 bits (bits D-A). */
  si: number;
  ni: NetworkIndicator;
  /** Sub-service field bits B-A (spare, or message priority in some national networks), kept as read. */
  priority: number;
}

export interface RoutingLabel {
  dpc: number;
  opc: number;
  /** Signalling link selection, 4 bits; the SLC in SNM and test messages. */
  sls: number;
}

/** A decoded MSU: SIO, label and the rest of the SIF after the label. */
export interface Msu {
  sio: Sio;
  label: RoutingLabel;
  /** The user part's (or SNM's) octets after the routing label. */
  data: Buffer;
}

export type MsuDecodeError = { kind: 'tooShort'; length: number };

export const LABEL_OCTETS = 4;

export function encodeSio(sio: Sio): number {
  return ((networkIndicatorCode(sio.ni) & 3) << 6) | ((sio.priority & 3) << 4) | (sio.si & 0x0f);
}

export function decodeSio(octet: number): Sio {
  return { si: octet & 0x0f, priority: (octet >> 4) & 3, ni: networkIndicatorFromCode(octet >> 6) };
}

export function encodeLabel(label: RoutingLabel, out: Buffer, offset: number): void {
  if (!isPointCode(label.dpc) || !isPointCode(label.opc)) throw new TypeError(`point code out of range: dpc=${label.dpc} opc=${label.opc}`);
  const v = (label.dpc | (label.opc << 14) | ((label.sls & 0x0f) << 28)) >>> 0;
  out.writeUInt32LE(v, offset);
}

export function decodeLabel(buf: Buffer, offset: number): RoutingLabel {
  const v = buf.readUInt32LE(offset);
  return { dpc: v & 0x3fff, opc: (v >>> 14) & 0x3fff, sls: (v >>> 28) & 0x0f };
}

/** SIO + label + data → the octets MTP2 transmits (data may be any Uint8Array). */
export function encodeMsu(msu: Omit<Msu, 'data'> & { data: Uint8Array }): Buffer {
  const out = Buffer.alloc(1 + LABEL_OCTETS + msu.data.length);
  out[0] = encodeSio(msu.sio);
  encodeLabel(msu.label, out, 1);
  out.set(msu.data, 1 + LABEL_OCTETS);
  return out;
}

/** Decodes SIO + label; the data is a view into `octets` (no copy). */
export function decodeMsu(octets: Buffer): { ok: true; value: Msu } | { ok: false; error: MsuDecodeError } {
  if (octets.length < 1 + LABEL_OCTETS) return { ok: false, error: { kind: 'tooShort', length: octets.length } };
  return {
    ok: true,
    value: { sio: decodeSio(octets[0] as number), label: decodeLabel(octets, 1), data: octets.subarray(1 + LABEL_OCTETS) },
  };
}

/** SLS of an encoded MSU without decoding the rest (load sharing, Q.704 §4.2.1). */
export function slsOf(octets: Buffer): number {
  return octets.length >= 1 + LABEL_OCTETS ? ((octets[4] as number) >> 4) & 0x0f : 0;
}
