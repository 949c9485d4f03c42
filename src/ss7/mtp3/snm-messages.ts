// Signalling network management messages (SI = 0) and signalling link test messages (SI = 1):
// their codec. Q.704 §15 (formats and codes, heading codes H0/H1); Q.707 §5 (SLTM/SLTA). The octets
// here are the SIF after the routing label: first octet = H0 in bits 1-4 and H1 in bits 5-8.
// The encodings are cross-checked with tshark's decoder (test/unit/ss7/mtp3/tshark.test.ts); the
// finer §15.x subsection numbers are not cited because they were not re-checked against the text.
//
// Implemented messages (decode and encode): COO, COA, CBD, CBA, ECO, ECA, RCT, TFC, TFP, TFR, TFA
// (TCP/TCR/TCA are national: decoded as unknown), RST, RSR, TRA, UPU, and SLTM/SLTA. Everything else
// (inhibit MIM, DLM, ...) decodes to { type: 'unknown' } with its heading codes, for logging.

export type SnmMessage =
  | { type: 'COO' | 'COA'; fsn: number } // H0=1 CHM: changeover order / acknowledgement; FSN of last accepted MSU
  | { type: 'CBD' | 'CBA'; code: number } // H0=1 CHM: changeback declaration / acknowledgement; changeback code
  | { type: 'ECO' | 'ECA' } // H0=2 ECM: emergency changeover order / acknowledgement
  | { type: 'RCT' } // H0=3 FCM: signalling-route-set-congestion-test
  | { type: 'TFC'; destination: number; status: number } // H0=3 FCM: transfer controlled (national status bits)
  | { type: 'TFP' | 'TFR' | 'TFA'; destination: number } // H0=4 TFM
  | { type: 'RST' | 'RSR'; destination: number } // H0=5 RSM: route-set-test prohibited / restricted
  | { type: 'TRA' } // H0=7 TRM: traffic restart allowed
  | { type: 'UPU'; destination: number; userPart: number; cause: UpuCause } // H0=10 UFC
  | { type: 'unknown'; h0: number; h1: number };

export type SnmMessageType = SnmMessage['type'];

/** Unavailability cause of UPU (Q.704 §15). */
export type UpuCause = 'unknown' | 'unequippedRemoteUser' | 'inaccessibleRemoteUser';
const UPU_CAUSES: readonly UpuCause[] = ['unknown', 'unequippedRemoteUser', 'inaccessibleRemoteUser'];

export type SltMessage = { type: 'SLTM' | 'SLTA'; pattern: Buffer };

export type SnmDecodeError = { kind: 'tooShort'; message: string; need: number; have: number } | { kind: 'empty' };

type Result<T> = { ok: true; value: T } | { ok: false; error: SnmDecodeError };

/** Heading codes (H0, H1) per message type (Q.704 §15). */
const HEADINGS: Record<Exclude<SnmMessageType, 'unknown'>, [number, number]> = {
  COO: [1, 1],
  COA: [1, 2],
  CBD: [1, 5],
  CBA: [1, 6],
  ECO: [2, 1],
  ECA: [2, 2],
  RCT: [3, 1],
  TFC: [3, 2],
  TFP: [4, 1],
  TFR: [4, 3],
  TFA: [4, 5],
  RST: [5, 1],
  RSR: [5, 2],
  TRA: [7, 1],
  UPU: [10, 1],
};

const BY_HEADING = new Map<number, Exclude<SnmMessageType, 'unknown'>>(
  Object.entries(HEADINGS).map(([t, [h0, h1]]) => [h0 | (h1 << 4), t as Exclude<SnmMessageType, 'unknown'>]),
);

function heading(type: Exclude<SnmMessageType, 'unknown'>): number {
  const [h0, h1] = HEADINGS[type];
  return h0 | (h1 << 4);
}

/** 14-bit destination + 2 spare bits, least significant octet first (Q.704 §15). */
function writeDestination(out: Buffer, offset: number, pc: number, spare = 0): void {
  out.writeUInt16LE((pc & 0x3fff) | ((spare & 3) << 14), offset);
}

export function encodeSnm(m: SnmMessage): Buffer {
  switch (m.type) {
    case 'COO':
    case 'COA':
      return Buffer.from([heading(m.type), m.fsn & 0x7f]); // FSN 7 bits + 1 spare
    case 'CBD':
    case 'CBA':
      return Buffer.from([heading(m.type), m.code & 0xff]); // changeback code, 8 bits
    case 'ECO':
    case 'ECA':
    case 'RCT':
    case 'TRA':
      return Buffer.from([heading(m.type)]);
    case 'TFC': {
      const out = Buffer.alloc(3);
      out[0] = heading('TFC');
      writeDestination(out, 1, m.destination, m.status);
      return out;
    }
    case 'TFP':
    case 'TFR':
    case 'TFA':
    case 'RST':
    case 'RSR': {
      const out = Buffer.alloc(3);
      out[0] = heading(m.type);
      writeDestination(out, 1, m.destination);
      return out;
    }
    case 'UPU': {
      const out = Buffer.alloc(4);
      out[0] = heading('UPU');
      writeDestination(out, 1, m.destination);
      // user part identity bits 1-4, unavailability cause bits 5-8
      out[3] = (m.userPart & 0x0f) | ((UPU_CAUSES.indexOf(m.cause) & 0x0f) << 4);
      return out;
    }
    case 'unknown':
      return Buffer.from([(m.h0 & 0x0f) | ((m.h1 & 0x0f) << 4)]);
    default: {
      const never: never = m;
      throw new TypeError(`unknown SNM message ${JSON.stringify(never)}`);
    }
  }
}

function need(data: Buffer, n: number, message: string): SnmDecodeError | null {
  return data.length < n ? { kind: 'tooShort', message, need: n, have: data.length } : null;
}

export function decodeSnm(data: Buffer): Result<SnmMessage> {
  if (data.length < 1) return { ok: false, error: { kind: 'empty' } };
  const h = data[0] as number;
  const type = BY_HEADING.get(h);
  if (!type) return { ok: true, value: { type: 'unknown', h0: h & 0x0f, h1: h >> 4 } };
  const dest = (): number => data.readUInt16LE(1) & 0x3fff;
  let e: SnmDecodeError | null;
  switch (type) {
    case 'COO':
    case 'COA':
      if ((e = need(data, 2, type))) return { ok: false, error: e };
      return { ok: true, value: { type, fsn: (data[1] as number) & 0x7f } };
    case 'CBD':
    case 'CBA':
      if ((e = need(data, 2, type))) return { ok: false, error: e };
      return { ok: true, value: { type, code: data[1] as number } };
    case 'ECO':
    case 'ECA':
    case 'RCT':
    case 'TRA':
      return { ok: true, value: { type } };
    case 'TFC':
      if ((e = need(data, 3, type))) return { ok: false, error: e };
      return { ok: true, value: { type, destination: dest(), status: (data[2] as number) >> 6 } };
    case 'TFP':
    case 'TFR':
    case 'TFA':
    case 'RST':
    case 'RSR':
      if ((e = need(data, 3, type))) return { ok: false, error: e };
      return { ok: true, value: { type, destination: dest() } };
    case 'UPU': {
      if ((e = need(data, 4, type))) return { ok: false, error: e };
      const o = data[3] as number;
      return { ok: true, value: { type, destination: dest(), userPart: o & 0x0f, cause: UPU_CAUSES[o >> 4] ?? 'unknown' } };
    }
    default: {
      const never: never = type;
      return { ok: true, value: { type: 'unknown', h0: h & 0x0f, h1: h >> 4, ...(never as object) } };
    }
  }
}

// Q.707 §5.2, Figure 1/Q.707: H0 (bits 1-4) = 1, H1 (bits 5-8) = 1 SLTM / 2 SLTA; then an octet with
// 4 spare bits (1-4) and the length indicator (bits 5-8) = number of test pattern octets (0-15); then
// the test pattern.
const SLTM = 0x11;
const SLTA = 0x21;

export function encodeSlt(m: SltMessage): Buffer {
  if (m.pattern.length > 15) throw new TypeError('SLT test pattern is at most 15 octets (Q.707 §5.2)');
  return Buffer.concat([Buffer.from([m.type === 'SLTM' ? SLTM : SLTA, (m.pattern.length & 0x0f) << 4]), m.pattern]);
}

export function decodeSlt(data: Buffer): { ok: true; value: SltMessage } | { ok: false; error: SnmDecodeError | { kind: 'notSlt'; h: number } } {
  if (data.length < 2) return { ok: false, error: { kind: 'tooShort', message: 'SLTM/SLTA', need: 2, have: data.length } };
  const h = data[0] as number;
  if (h !== SLTM && h !== SLTA) return { ok: false, error: { kind: 'notSlt', h } };
  const li = (data[1] as number) >> 4;
  if (data.length < 2 + li) return { ok: false, error: { kind: 'tooShort', message: 'SLT test pattern', need: 2 + li, have: data.length } };
  return { ok: true, value: { type: h === SLTM ? 'SLTM' : 'SLTA', pattern: Buffer.from(data.subarray(2, 2 + li)) } };
}

/** A one-line description for logs. */
export function describeSnm(m: SnmMessage): string {
  switch (m.type) {
    case 'COO':
    case 'COA':
      return `${m.type} fsn=${m.fsn}`;
    case 'CBD':
    case 'CBA':
      return `${m.type} code=${m.code}`;
    case 'TFC':
      return `TFC dest=${m.destination} status=${m.status}`;
    case 'TFP':
    case 'TFR':
    case 'TFA':
    case 'RST':
    case 'RSR':
      return `${m.type} dest=${m.destination}`;
    case 'UPU':
      return `UPU dest=${m.destination} up=${m.userPart} cause=${m.cause}`;
    case 'unknown':
      return `unknown H0=${m.h0} H1=${m.h1}`;
    default:
      return m.type;
  }
}
