// The decoded ISUP message (Q.763 §1: CIC, message type, mandatory fixed, mandatory variable, optional part).
import type { InstructionIndicators, IsupParameter, ParamValue } from './types.js';

export interface IsupMessage {
  /** Circuit identification code, 12 bits in ITU (Q.763 §1.2). */
  cic: number;
  /** The 4 spare bits of the CIC's second octet (kept for exact re-encoding). */
  cicSpare: number;
  type: number;
  /** Acronym from the message table, or 'UNKNOWN'. */
  acronym: string;
  fixed: IsupParameter[];
  variable: IsupParameter[];
  /** The optional part, in the order received; undefined when the message type has none. */
  optional?: IsupParameter[];
  /** The optional part pointer pointed at a lone end of optional parameters octet (instead of being 0). */
  emptyOptionalPart?: boolean;
  /** Octets after the message's last part (kept as they came). */
  trailing?: Uint8Array;
  /** Pointers were not in the canonical layout; re-encoding gives the canonical layout, not the same octets. */
  nonCanonical?: boolean;
  /** Unrecognized message type (Q.764 §2.9.5.1). */
  unrecognized?: boolean;
  /** Body after the message type when it could not be read as an optional part (opaque or unrecognized). */
  body?: Uint8Array;
  /** Pass-along (PAM): the message it carries, decoded from its type code on (its `cic` is meaningless, 0). */
  embedded?: IsupMessage;
  /** Message compatibility information of an unrecognized message, for Q.764 §2.9.5 handling. */
  compatibility?: InstructionIndicators;
}

/** The first parameter with this code in any part of the message. */
export function findParam(msg: IsupMessage, code: number): IsupParameter | undefined {
  return (
    msg.fixed.find((p) => p.code === code) ??
    msg.variable.find((p) => p.code === code) ??
    msg.optional?.find((p) => p.code === code)
  );
}

/** The value of a parameter when it has the given kind. */
export function paramValue<K extends ParamValue['kind']>(
  msg: IsupMessage,
  code: number,
  kind: K,
): Extract<ParamValue, { kind: K }> | undefined {
  const p = findParam(msg, code);
  return p && p.value.kind === kind ? (p.value as Extract<ParamValue, { kind: K }>) : undefined;
}
