// User service information (Q.763 §3.57) and its prime (§3.58): the Q.931 bearer capability
// information element from octet 3 (Q.931 §4.5.5): coding standard, information transfer capability,
// transfer mode, rate (and multiplier), user information layer 1/2/3 protocols.
import { err, ok, type IsupDecodeError, type Result } from '../errors.js';
import type { BearerCapabilityValue, Json, ParamEntry } from '../types.js';
import { codingStandardNames } from './q850.js';

export const transferCapabilityNames: Readonly<Record<number, string>> = {
  0x00: 'speech',
  0x08: 'unrestricted digital information',
  0x09: 'restricted digital information',
  0x10: '3.1 kHz audio',
  0x11: 'unrestricted digital information with tones/announcements',
  0x18: 'video',
};
export const transferModeNames: Readonly<Record<number, string>> = { 0: 'circuit mode', 2: 'packet mode' };
export const transferRateNames: Readonly<Record<number, string>> = {
  0x00: 'packet mode',
  0x10: '64 kbit/s',
  0x11: '2 x 64 kbit/s',
  0x13: '384 kbit/s',
  0x15: '1536 kbit/s',
  0x17: '1920 kbit/s',
  0x18: 'multirate (64 kbit/s base rate)',
};
export const layer1ProtocolNames: Readonly<Record<number, string>> = {
  0x01: 'CCITT standardized rate adaption V.110 and X.30',
  0x02: 'Recommendation G.711 u-law',
  0x03: 'Recommendation G.711 A-law',
  0x04: 'Recommendation G.721 32 kbit/s ADPCM and I.460',
  0x05: 'Recommendations H.221 and H.242',
  0x06: 'Recommendations H.223 and H.245',
  0x07: 'non-ITU-T standardized rate adaption',
  0x08: 'ITU-T standardized rate adaption V.120',
  0x09: 'CCITT standardized rate adaption X.31 HDLC flag stuffing',
};

/** Reads one group: an octet and its extensions up to the octet whose bit 8 is 1. Returns the end index. */
function groupEnd(data: Uint8Array, at: number): number {
  let i = at;
  while (i < data.length && ((data[i] as number) & 0x80) === 0) i++;
  return i < data.length ? i + 1 : -1;
}

function decodeBearer(code: number, name: string, data: Uint8Array): Result<BearerCapabilityValue, IsupDecodeError> {
  if (data.length < 2) return err({ kind: 'bad-length', parameter: name, code, length: data.length, reason: 'needs octets 3 and 4' });
  const e3 = groupEnd(data, 0);
  if (e3 < 0 || e3 >= data.length) return err({ kind: 'bad-length', parameter: name, code, length: data.length, reason: 'octet 3 group not closed' });
  const e4 = groupEnd(data, e3);
  if (e4 < 0) return err({ kind: 'bad-length', parameter: name, code, length: data.length, reason: 'octet 4 group not closed' });
  const b3 = data[0] as number;
  const b4 = data[e3] as number;
  const v: BearerCapabilityValue = {
    kind: 'bearer-capability',
    codingStandard: (b3 >> 5) & 3,
    transferCapability: b3 & 0x1f,
    octet3Extension: data.slice(1, e3),
    transferMode: (b4 >> 5) & 3,
    transferRate: b4 & 0x1f,
    octet4Extension: data.slice(e3 + 1, e4),
    layers: [],
    rest: new Uint8Array(0),
  };
  let i = e4;
  if (v.transferRate === 0x18 && i < data.length) v.rateMultiplierOctet = data[i++] as number;
  while (i < data.length) {
    const end = groupEnd(data, i);
    if (end < 0) break;
    const b = data[i] as number;
    v.layers.push({ layer: (b >> 5) & 3, protocol: b & 0x1f, octets: data.slice(i, end) });
    i = end;
  }
  v.rest = data.slice(i);
  return ok(v);
}

export function bearerCapabilityParam(code: number, name: string, ref: string): ParamEntry<BearerCapabilityValue> {
  return {
    code,
    name,
    ref,
    decode: (data) => decodeBearer(code, name, data),
    encode(v) {
      if (v.kind !== 'bearer-capability') return err({ kind: 'wrong-kind', parameter: name, expected: 'bearer-capability', got: v.kind });
      const out: number[] = [];
      out.push(((v.octet3Extension.length ? 0 : 1) << 7) | ((v.codingStandard & 3) << 5) | (v.transferCapability & 0x1f));
      out.push(...v.octet3Extension);
      out.push(((v.octet4Extension.length ? 0 : 1) << 7) | ((v.transferMode & 3) << 5) | (v.transferRate & 0x1f));
      out.push(...v.octet4Extension);
      if (v.rateMultiplierOctet !== undefined) out.push(v.rateMultiplierOctet & 0xff);
      for (const l of v.layers) {
        const first = l.octets.length ? (l.octets[0] as number) & 0x80 : 0x80;
        out.push(first | ((l.layer & 3) << 5) | (l.protocol & 0x1f), ...l.octets.subarray(1));
      }
      out.push(...v.rest);
      return ok(Uint8Array.from(out));
    },
    describe(v) {
      const d: { [k: string]: Json } = {
        codingStandard: { value: v.codingStandard, name: codingStandardNames[v.codingStandard] ?? '' },
        transferCapability: { value: v.transferCapability, name: transferCapabilityNames[v.transferCapability] ?? 'reserved' },
        transferMode: { value: v.transferMode, name: transferModeNames[v.transferMode] ?? 'reserved' },
        transferRate: { value: v.transferRate, name: transferRateNames[v.transferRate] ?? 'reserved' },
      };
      if (v.rateMultiplierOctet !== undefined) d.rateMultiplier = v.rateMultiplierOctet & 0x7f;
      d.layers = v.layers.map((l) => ({
        layer: l.layer,
        protocol: l.layer === 1 ? { value: l.protocol, name: layer1ProtocolNames[l.protocol] ?? 'reserved' } : l.protocol,
        ...(l.octets.length > 1 ? { extension: Buffer.from(l.octets.subarray(1)).toString('hex') } : {}),
      }));
      if (v.rest.length) d.rest = Buffer.from(v.rest).toString('hex');
      return d;
    },
  };
}

export const userServiceInformation = bearerCapabilityParam(0x1d, 'User service information', '3.57');
export const userServiceInformationPrime = bearerCapabilityParam(0x30, 'User service information prime', '3.58');
