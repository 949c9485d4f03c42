// Parameter compatibility information (Q.763 §3.41) and message compatibility information (§3.33):
// what a node must do with a parameter or message it does not recognise (Q.764 §2.9.5).
import { err, ok, type IsupDecodeError, type Result } from '../errors.js';
import type { InstructionIndicators, Json, MessageCompatibilityValue, ParamEntry, ParameterCompatibilityValue } from '../types.js';

/** Pass on not possible indicator: 2 bits in parameter compatibility (Q.763 §3.41 GF), 1 bit in message compatibility (§3.33 E). */
const parameterPassOnNames: Record<number, string> = {
  0: 'release call',
  1: 'discard message',
  2: 'discard parameter',
  3: 'reserved (interpreted as 00)',
};
const messagePassOnNames: Record<number, string> = { 0: 'release call', 1: 'discard information' };

/** Reads an instruction-indicator octet chain (bit 8 = 1 marks the last octet). */
function readInstructions(
  data: Uint8Array,
  at: number,
  name: string,
  code: number,
  flagsOf: (b: number) => Record<string, number>,
): Result<{ ins: InstructionIndicators; next: number }, IsupDecodeError> {
  let i = at;
  for (;;) {
    const b = data[i++];
    if (b === undefined) return err({ kind: 'bad-length', parameter: name, code, length: data.length, reason: 'instruction indicators not closed by the extension bit' });
    if (b & 0x80) break;
  }
  const octets = data.slice(at, i);
  const flags = flagsOf(octets[0] as number);
  // Parameter compatibility: octet 2 bits BA are the broadband/narrowband interworking indicator.
  if (octets.length > 1 && code === 0x39) flags.broadbandNarrowbandInterworking = (octets[1] as number) & 3;
  return ok({ ins: { octets, flags }, next: i });
}

const parameterFlags = (b: number): Record<string, number> => ({
  transitAtIntermediateExchange: b & 1,
  releaseCall: (b >> 1) & 1,
  sendNotification: (b >> 2) & 1,
  discardMessage: (b >> 3) & 1,
  discardParameter: (b >> 4) & 1,
  passOnNotPossible: (b >> 5) & 3,
});

const messageFlags = (b: number): Record<string, number> => ({
  transitAtIntermediateExchange: b & 1,
  releaseCall: (b >> 1) & 1,
  sendNotification: (b >> 2) & 1,
  discardMessage: (b >> 3) & 1,
  passOnNotPossible: (b >> 4) & 1,
  broadbandNarrowbandInterworking: (b >> 5) & 3,
});

function describeFlags(ins: InstructionIndicators, passOnNames: Record<number, string>): Json {
  const d: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(ins.flags)) d[k] = k === 'passOnNotPossible' ? { value: v, name: passOnNames[v] ?? '' } : v;
  return d;
}

/** Instruction octets to send: the first octet rebuilt from `flags` (so editing a flag changes the wire), extension bits and further octets kept. */
function instructionOctets(ins: InstructionIndicators, firstFromFlags: (f: Record<string, number>) => number, secondOctetBni: boolean): Uint8Array {
  const o = ins.octets.length ? ins.octets.slice() : Uint8Array.of(0x80);
  o[0] = ((o[0] as number) & 0x80) | (firstFromFlags(ins.flags) & 0x7f);
  if (secondOctetBni && o.length > 1 && ins.flags.broadbandNarrowbandInterworking !== undefined) {
    o[1] = ((o[1] as number) & ~3) | (ins.flags.broadbandNarrowbandInterworking & 3);
  }
  return o;
}

const parameterFirstOctet = (f: Record<string, number>): number =>
  ((f.transitAtIntermediateExchange ?? 0) & 1) |
  (((f.releaseCall ?? 0) & 1) << 1) |
  (((f.sendNotification ?? 0) & 1) << 2) |
  (((f.discardMessage ?? 0) & 1) << 3) |
  (((f.discardParameter ?? 0) & 1) << 4) |
  (((f.passOnNotPossible ?? 0) & 3) << 5);

const messageFirstOctet = (f: Record<string, number>): number =>
  ((f.transitAtIntermediateExchange ?? 0) & 1) |
  (((f.releaseCall ?? 0) & 1) << 1) |
  (((f.sendNotification ?? 0) & 1) << 2) |
  (((f.discardMessage ?? 0) & 1) << 3) |
  (((f.passOnNotPossible ?? 0) & 1) << 4) |
  (((f.broadbandNarrowbandInterworking ?? 0) & 3) << 5);

const PCI = 'Parameter compatibility information';
export const parameterCompatibilityInformation: ParamEntry<ParameterCompatibilityValue> = {
  code: 0x39,
  name: PCI,
  ref: '3.41',
  decode(data) {
    if (data.length < 2) return err({ kind: 'bad-length', parameter: PCI, code: 0x39, length: data.length, reason: 'needs 2 octets' });
    const entries: ParameterCompatibilityValue['entries'] = [];
    let i = 0;
    while (i < data.length) {
      const parameter = data[i] as number;
      const r = readInstructions(data, i + 1, PCI, 0x39, parameterFlags);
      if (!r.ok) return r;
      entries.push({ parameter, instructions: r.value.ins });
      i = r.value.next;
    }
    return ok({ kind: 'parameter-compatibility', entries });
  },
  encode(v) {
    if (v.kind !== 'parameter-compatibility') return err({ kind: 'wrong-kind', parameter: PCI, expected: 'parameter-compatibility', got: v.kind });
    const out: number[] = [];
    for (const e of v.entries) out.push(e.parameter, ...instructionOctets(e.instructions, parameterFirstOctet, true));
    return ok(Uint8Array.from(out));
  },
  describe(v) {
    return { entries: v.entries.map((e) => ({ parameter: e.parameter, instructions: describeFlags(e.instructions, parameterPassOnNames) })) };
  },
};

const MCI = 'Message compatibility information';
export const messageCompatibilityInformation: ParamEntry<MessageCompatibilityValue> = {
  code: 0x38,
  name: MCI,
  ref: '3.33',
  decode(data) {
    if (data.length < 1) return err({ kind: 'bad-length', parameter: MCI, code: 0x38, length: 0, reason: 'needs 1 octet' });
    const r = readInstructions(data, 0, MCI, 0x38, messageFlags);
    if (!r.ok) return r;
    if (r.value.next !== data.length) {
      return err({ kind: 'bad-length', parameter: MCI, code: 0x38, length: data.length, reason: 'octets after the last instruction octet' });
    }
    return ok({ kind: 'message-compatibility', instructions: r.value.ins });
  },
  encode(v) {
    if (v.kind !== 'message-compatibility') return err({ kind: 'wrong-kind', parameter: MCI, expected: 'message-compatibility', got: v.kind });
    return ok(instructionOctets(v.instructions, messageFirstOctet, false));
  },
  describe: (v) => ({ instructions: describeFlags(v.instructions, messagePassOnNames) }),
};
