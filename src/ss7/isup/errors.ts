// Typed decode errors of the ISUP codec (Q.763). Decoders return one of these instead of throwing:
// the wire is never trusted (CONVENTIONS.md "Trusting the wire").

/** Why an ISUP message or parameter could not be decoded. A closed set: switch on `kind`. */
export type IsupDecodeError =
  /** The octets end before a part that Q.763 §1.3 says must be there. */
  | { kind: 'truncated'; where: string; need: number; have: number }
  /** A pointer (Q.763 §1.3.3) is zero where a part is mandatory, or points outside the message. */
  | { kind: 'bad-pointer'; where: string; pointer: number }
  /** A parameter's length indicator is outside what its format allows. */
  | { kind: 'bad-length'; parameter: string; code: number; length: number; reason: string }
  /** A field holds a value its format cannot carry (e.g. range larger than the status octets). */
  | { kind: 'bad-value'; parameter: string; code: number; field: string; value: number; reason: string }
  /** The optional part is not closed by the end of optional parameters octet (Q.763 §1.3.4). */
  | { kind: 'no-end-of-optional'; offset: number }
  /** A bug in the codec caught at its boundary (never expected; the fuzz test counts these). */
  | { kind: 'internal'; message: string };

/** Errors of the encoder: a typed value that cannot be put on the wire. */
export type IsupEncodeError =
  | { kind: 'value-out-of-range'; parameter: string; field: string; value: number; max: number }
  | { kind: 'too-long'; parameter: string; length: number }
  | { kind: 'bad-digit'; parameter: string; digit: string }
  | { kind: 'wrong-kind'; parameter: string; expected: string; got: string }
  | { kind: 'missing-parameter'; message: string; parameter: string }
  /** A bug caught at the encoder's boundary (never expected). */
  | { kind: 'internal'; message: string };

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** A one-line human text for an error (logs, CLI). */
export function describeDecodeError(e: IsupDecodeError): string {
  switch (e.kind) {
    case 'truncated':
      return `truncated ${e.where}: need ${e.need} octet(s), have ${e.have}`;
    case 'bad-pointer':
      return `bad pointer ${e.pointer} for ${e.where}`;
    case 'bad-length':
      return `${e.parameter} (${e.code}): bad length ${e.length}: ${e.reason}`;
    case 'bad-value':
      return `${e.parameter} (${e.code}): ${e.field}=${e.value}: ${e.reason}`;
    case 'no-end-of-optional':
      return `optional part not closed by end of optional parameters (offset ${e.offset})`;
    case 'internal':
      return `internal codec error: ${e.message}`;
    default: {
      const never: never = e;
      return String(never);
    }
  }
}
