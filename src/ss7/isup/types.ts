// The typed values of ISUP parameters (Q.763 §3) and the registry-entry contract (CONVENTIONS.md 8).
// Every value keeps what exact re-encoding needs: spare bits, the odd/even filler, extension octets.
import type { IsupDecodeError, IsupEncodeError, Result } from './errors.js';

/** A JSON-able value, as `describe` returns it for logs, the CLI and the dashboard. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Address parameters (called, calling, redirecting, generic number, ... Q.763 §3.9, §3.10, §3.26 ...). */
export interface NumberValue {
  kind: 'number';
  /** Generic number only: number qualifier indicator (Q.763 §3.26). */
  qualifier?: number;
  /** Odd/even indicator, bit 8 of the first octet: 1 when the last octet holds one digit and a filler. */
  oddEven: number;
  /** Nature of address indicator, 7 bits (absent for subsequent number, whose bits 7-1 are spare). */
  natureOfAddress: number;
  /** INN (internal network number) indicator, where the format has it. */
  inn?: number;
  /** Number incomplete indicator, where the format has it. */
  ni?: number;
  numberingPlan: number;
  /** Address presentation restricted indicator, where the format has it. */
  presentation?: number;
  screening?: number;
  /** The spare bits of the indicator octets, in place (kept for exact re-encoding). */
  spare: number;
  /** Address signals as hex digits: 0-9, B (code 11), C (code 12), F (ST, code 15), etc. */
  digits: string;
  /** The filler nibble after an odd number of digits (should be 0). */
  filler: number;
}

/** Cause indicators (Q.763 §3.12, coding of Q.850 §2.2). */
export interface CauseValue {
  kind: 'cause';
  /** Extension bit of octet 1 (1 = no octet 1a). */
  ext1: number;
  codingStandard: number;
  spare: number;
  location: number;
  /** Octet 1a (recommendation) when ext1 is 0. */
  recommendation?: number;
  ext1a?: number;
  ext2: number;
  /** Cause value, 7 bits (class and value). */
  cause: number;
  diagnostics: Uint8Array;
}

/** Parameters made of bit fields (indicators). Field names come from the parameter's field table. */
export interface FieldsValue {
  kind: 'fields';
  fields: Record<string, number>;
  /** Octets after the fixed fields (extension octets, later versions): kept as they came. */
  extra: Uint8Array;
}

/** Parameters kept as octets (access transport, user-to-user information, unknown parameters). */
export interface OctetsValue {
  kind: 'octets';
  octets: Uint8Array;
}

/** Range and status (Q.763 §3.43): range, and the status bits when the message carries them. */
export interface RangeStatusValue {
  kind: 'range-status';
  range: number;
  /** Status octets exactly as received (bit 1 of octet 1 is the CIC of the message). */
  status?: Uint8Array;
}

/** Instruction indicators of parameter/message compatibility information (Q.763 §3.33, §3.41). */
export interface InstructionIndicators {
  /** The indicator octets, extension bits included (first octet decoded in `flags`). */
  octets: Uint8Array;
  flags: Record<string, number>;
}

export interface ParameterCompatibilityValue {
  kind: 'parameter-compatibility';
  entries: { parameter: number; instructions: InstructionIndicators }[];
}

export interface MessageCompatibilityValue {
  kind: 'message-compatibility';
  instructions: InstructionIndicators;
}

/** Q.931 §4.5.5 bearer capability coding used by user service information (Q.763 §3.57, §3.58). */
export interface BearerCapabilityValue {
  kind: 'bearer-capability';
  codingStandard: number;
  transferCapability: number;
  /** Octets 3a… chained by the extension bit of octet 3 (none in ITU; kept for exact re-encoding). */
  octet3Extension: Uint8Array;
  transferMode: number;
  transferRate: number;
  /** Octets 4a, 4b (1988 Q.931) chained by the extension bit of octet 4. */
  octet4Extension: Uint8Array;
  /** Octet 4.1, present when the rate is multirate (0x18): the whole octet (bit 8 extension, bits 7-1 multiplier). */
  rateMultiplierOctet?: number;
  /** User information layer 1, 2, 3 groups (octets 5, 6, 7 and their extensions), whole octets. */
  layers: { layer: number; protocol: number; octets: Uint8Array }[];
  /** Octets after the last complete group (a truncated group), kept as they came. */
  rest: Uint8Array;
}

/** An integer parameter, most significant octet first (propagation delay counter). */
export interface IntegerValue {
  kind: 'integer';
  value: number;
  size: number;
}

export type ParamValue =
  | NumberValue
  | CauseValue
  | FieldsValue
  | OctetsValue
  | RangeStatusValue
  | ParameterCompatibilityValue
  | MessageCompatibilityValue
  | BearerCapabilityValue
  | IntegerValue;

/** One registry entry per parameter (CONVENTIONS.md 8). Methods so entries of any value type share one map. */
export interface ParamEntry<V extends ParamValue = ParamValue> {
  code: number;
  name: string;
  /** Q.763 section. */
  ref: string;
  /** Length of the parameter when it is mandatory fixed (Q.763 Table 4 message tables), else undefined. */
  fixedLength?: number;
  decode(data: Uint8Array): Result<V, IsupDecodeError>;
  encode(value: V): Result<Uint8Array, IsupEncodeError>;
  describe(value: V): Json;
}

/** A decoded parameter as it sits in a message. */
export interface IsupParameter {
  code: number;
  name: string;
  value: ParamValue;
  /** True when the code is not in the registry (Q.764 §2.9.5.3: unrecognized parameter). */
  unknown?: boolean;
  /** For an unrecognized parameter: its instruction indicators from the message's parameter compatibility information. */
  compatibility?: InstructionIndicators;
  /** For an optional parameter whose content could not be decoded: why (its value is then the raw octets). */
  error?: IsupDecodeError;
}
