// Parameters kept as octets (Q.763 §3.3 access transport, §3.61 user-to-user information, national
// parameters), integers (§3.42 propagation delay counter) and point codes (§3.50, §3.8 call reference).
import { err, ok } from '../errors.js';
import type { FieldsValue, IntegerValue, Json, OctetsValue, ParamEntry } from '../types.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** An octet-string parameter; `describeOctets` may add a structured reading of the octets. */
export function octetsParam(
  code: number,
  name: string,
  ref: string,
  describeOctets?: (o: Uint8Array) => { [k: string]: Json },
  minLength = 0,
): ParamEntry<OctetsValue> {
  return {
    code,
    name,
    ref,
    decode(data) {
      if (data.length < minLength) return err({ kind: 'bad-length', parameter: name, code, length: data.length, reason: `needs ${minLength} octet(s)` });
      return ok({ kind: 'octets', octets: data.slice() });
    },
    encode(v) {
      if (v.kind !== 'octets') return err({ kind: 'wrong-kind', parameter: name, expected: 'octets', got: v.kind });
      return ok(v.octets.slice());
    },
    describe(v) {
      return { octets: hex(v.octets), ...(describeOctets ? describeOctets(v.octets) : {}) };
    },
  };
}

/** Integer, most significant octet first. */
export function integerParam(code: number, name: string, ref: string, size: number, unit: string): ParamEntry<IntegerValue> {
  return {
    code,
    name,
    ref,
    decode(data) {
      if (data.length !== size) return err({ kind: 'bad-length', parameter: name, code, length: data.length, reason: `must be ${size} octet(s)` });
      let x = 0;
      for (const b of data) x = x * 256 + b;
      return ok({ kind: 'integer', value: x, size });
    },
    encode(v) {
      if (v.kind !== 'integer') return err({ kind: 'wrong-kind', parameter: name, expected: 'integer', got: v.kind });
      const max = 256 ** size - 1;
      if (!Number.isInteger(v.value) || v.value < 0 || v.value > max) {
        return err({ kind: 'value-out-of-range', parameter: name, field: 'value', value: v.value, max });
      }
      const out = new Uint8Array(size);
      let x = v.value;
      for (let i = size - 1; i >= 0; i--) {
        out[i] = x % 256;
        x = Math.floor(x / 256);
      }
      return ok(out);
    },
    describe: (v) => ({ value: v.value, unit }),
  };
}

/** Signalling point code (Q.763 §3.50) and origination ISC point code (§3.40): 14 bits, LSB first, 2 spare. */
export function pointCodeParam(code: number, name: string, ref: string): ParamEntry<FieldsValue> {
  return {
    code,
    name,
    ref,
    decode(data) {
      if (data.length < 2) return err({ kind: 'bad-length', parameter: name, code, length: data.length, reason: 'needs 2 octets' });
      const w = (data[0] as number) | ((data[1] as number) << 8);
      return ok({ kind: 'fields', fields: { pointCode: w & 0x3fff, spare: w >> 14 }, extra: data.slice(2) });
    },
    encode(v) {
      if (v.kind !== 'fields') return err({ kind: 'wrong-kind', parameter: name, expected: 'fields', got: v.kind });
      const pc = v.fields.pointCode ?? 0;
      if (pc < 0 || pc > 0x3fff) return err({ kind: 'value-out-of-range', parameter: name, field: 'pointCode', value: pc, max: 0x3fff });
      const w = pc | (((v.fields.spare ?? 0) & 3) << 14);
      const out = new Uint8Array(2 + v.extra.length);
      out[0] = w & 0xff;
      out[1] = w >> 8;
      out.set(v.extra, 2);
      return ok(out);
    },
    describe: (v) => ({ pointCode: v.fields.pointCode ?? 0 }),
  };
}

/** Call reference (Q.763 §3.8): call identity (3 octets) and signalling point code (14 bits). */
export const callReference: ParamEntry<FieldsValue> = {
  code: 0x01,
  name: 'Call reference',
  ref: '3.8',
  decode(data) {
    if (data.length < 5) return err({ kind: 'bad-length', parameter: 'Call reference', code: 1, length: data.length, reason: 'needs 5 octets' });
    const callIdentity = ((data[0] as number) << 16) | ((data[1] as number) << 8) | (data[2] as number);
    const w = (data[3] as number) | ((data[4] as number) << 8);
    return ok({ kind: 'fields', fields: { callIdentity, pointCode: w & 0x3fff, spare: w >> 14 }, extra: data.slice(5) });
  },
  encode(v) {
    if (v.kind !== 'fields') return err({ kind: 'wrong-kind', parameter: 'Call reference', expected: 'fields', got: v.kind });
    const id = v.fields.callIdentity ?? 0;
    const w = ((v.fields.pointCode ?? 0) & 0x3fff) | (((v.fields.spare ?? 0) & 3) << 14);
    const out = new Uint8Array(5 + v.extra.length);
    out.set([(id >> 16) & 0xff, (id >> 8) & 0xff, id & 0xff, w & 0xff, w >> 8]);
    out.set(v.extra, 5);
    return ok(out);
  },
  describe: (v) => ({ callIdentity: v.fields.callIdentity ?? 0, pointCode: v.fields.pointCode ?? 0 }),
};

/** Q.931 information elements carried in access transport (Q.763 §3.3): identifier, length, contents. */
export function describeInformationElements(o: Uint8Array): { [k: string]: Json } {
  const ies: Json[] = [];
  let i = 0;
  while (i < o.length) {
    const id = o[i] as number;
    if (id & 0x80) {
      // single-octet information element (Q.931 §4.5.1)
      ies.push({ id, single: true });
      i += 1;
      continue;
    }
    const len = o[i + 1];
    if (len === undefined || i + 2 + len > o.length) {
      ies.push({ id, truncated: true });
      break;
    }
    ies.push({ id, contents: hex(o.subarray(i + 2, i + 2 + len)) });
    i += 2 + len;
  }
  return { informationElements: ies };
}

/** Closed user group interlock code (Q.763 §3.15): network identity (4 BCD digits) and binary code. */
function describeCug(o: Uint8Array): { [k: string]: Json } {
  if (o.length < 4) return {};
  const nib = (b: number) => ((b >> 4) & 0xf).toString(16) + (b & 0xf).toString(16);
  return { networkIdentity: nib(o[0] as number) + nib(o[1] as number), binaryCode: ((o[2] as number) << 8) | (o[3] as number) };
}

/** Circuit state indicator (Q.763 §3.14): one octet per circuit, read per the call processing state. */
const blocking = ['no blocking (active)', 'locally blocked', 'remotely blocked', 'locally and remotely blocked'];
const callProcessing = ['', 'circuit incoming busy', 'circuit outgoing busy', 'idle'];
const noCallProcessing = ['transient', 'spare', 'spare', 'unequipped'];
function describeCircuitStates(o: Uint8Array): { [k: string]: Json } {
  return {
    circuits: Array.from(o, (b): Json => {
      const ba = b & 3;
      const dc = (b >> 2) & 3;
      const fe = (b >> 4) & 3;
      if (dc === 0) return { maintenanceBlocking: { value: ba, name: noCallProcessing[ba] as string } };
      return {
        maintenanceBlocking: { value: ba, name: blocking[ba] as string },
        callProcessing: { value: dc, name: callProcessing[dc] as string },
        hardwareBlocking: { value: fe, name: blocking[fe] as string },
      };
    }),
  };
}

export const octetParams = [
  octetsParam(0x03, 'Access transport', '3.3', describeInformationElements),
  octetsParam(0x20, 'User-to-user information', '3.61'),
  octetsParam(0x0d, 'Connection request', '3.17', undefined, 7),
  octetsParam(0x1a, 'Closed user group interlock code', '3.15', describeCug, 4),
  octetsParam(0x23, 'Transit network selection', '3.53'),
  octetsParam(0x25, 'Circuit assignment map', '3.69'),
  octetsParam(0x26, 'Circuit state indicator', '3.14', describeCircuitStates, 1),
  octetsParam(0x2f, 'Network specific facility', '3.36'),
  octetsParam(0x32, 'Remote operations', '3.48'),
  octetsParam(0x33, 'Service activation', '3.49'),
  octetsParam(0x34, 'User teleservice information', '3.59'),
  octetsParam(0x4c, 'Forward GVNS', '3.66'),
  octetsParam(0x4d, 'Backward GVNS', '3.62'),
  octetsParam(0x4e, 'Redirect capability', '3.96'),
  octetsParam(0x65, 'Correlation id', '3.70'),
  octetsParam(0x66, 'SCF id', '3.71'),
  octetsParam(0x71, 'Charged party identification', '3.75'),
  octetsParam(0x73, 'Display information', '3.77'),
  octetsParam(0x7c, 'Pivot routing indicators', '3.85'),
  octetsParam(0x81, 'Calling geodetic location', '3.88'),
  octetsParam(0x85, 'Query on release capability', '3.91'),
  octetsParam(0x86, 'Pivot status', '3.92'),
  octetsParam(0x88, 'Pivot routing forward information', '3.94'),
  octetsParam(0x89, 'Pivot routing backward information', '3.95'),
  octetsParam(0x8a, 'Redirect status', '3.98'),
  octetsParam(0x8b, 'Redirect forward information', '3.99'),
  octetsParam(0x8c, 'Redirect backward information', '3.100'),
  octetsParam(0x8d, 'Number portability forward information', '3.101'),
  integerParam(0x31, 'Propagation delay counter', '3.42', 2, 'ms'),
  integerParam(0x2d, 'Call history information', '3.7', 2, 'ms'),
  pointCodeParam(0x1e, 'Signalling point code', '3.50'),
  pointCodeParam(0x2b, 'Origination ISC point code', '3.40'),
  callReference,
];
