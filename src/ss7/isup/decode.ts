// ISUP message decoder (Q.763 §1.3 message format): CIC, message type code, mandatory fixed part,
// pointers and mandatory variable part, optional part closed by the end of optional parameters octet.
// Returns typed errors; never throws (a bug is caught at the boundary and returned as 'internal').
import { err, ok, type IsupDecodeError, type Result } from './errors.js';
import type { IsupMessage } from './message.js';
import { P } from './parameter-codes.js';
import { ituProfile, type IsupProfile } from './profile.js';
import type { IsupParameter, ParamValue } from './types.js';

type R<T> = Result<T, IsupDecodeError>;

export function decodeIsup(data: Uint8Array, profile: IsupProfile = ituProfile): R<IsupMessage> {
  try {
    return decodeMessage(data, profile);
  } catch (e) {
    return err({ kind: 'internal', message: e instanceof Error ? e.message : String(e) });
  }
}

function decodeMessage(d: Uint8Array, profile: IsupProfile): R<IsupMessage> {
  if (d.length < 3) return err({ kind: 'truncated', where: 'CIC and message type', need: 3, have: d.length });
  const b1 = d[1] as number;
  const type = d[2] as number;
  const fmt = profile.messages.get(type);
  const msg: IsupMessage = {
    cic: (d[0] as number) | ((b1 & 0x0f) << 8),
    cicSpare: b1 >> 4,
    type,
    acronym: fmt?.acronym ?? 'UNKNOWN',
    fixed: [],
    variable: [],
  };
  if (!fmt) return decodeUnrecognized(d, msg, profile);
  if (fmt.opaque) {
    msg.body = d.slice(3);
    if (fmt.passAlong && msg.body.length) {
      // The passed-along message has no CIC of its own: read it behind a zero CIC.
      const inner = new Uint8Array(msg.body.length + 2);
      inner.set(msg.body, 2);
      const e = decodeMessage(inner, profile);
      if (e.ok && !e.value.embedded && !e.value.trailing) msg.embedded = e.value;
    }
    return ok(msg);
  }
  let i = 3;
  // Mandatory fixed part (Q.763 §1.3.2).
  for (const code of fmt.fixed) {
    const entry = profile.parameters.get(code);
    const len = entry?.fixedLength ?? 1;
    if (i + len > d.length) return err({ kind: 'truncated', where: `${fmt.acronym} ${entry?.name ?? code}`, need: i + len, have: d.length });
    const r = decodeValue(code, d.subarray(i, i + len), profile);
    if (!r.ok) return r;
    msg.fixed.push(r.value);
    i += len;
  }
  // Pointers and mandatory variable part (Q.763 §1.3.3).
  const nPtr = fmt.variable.length + (fmt.optional ? 1 : 0);
  if (i + nPtr > d.length) return err({ kind: 'truncated', where: `${fmt.acronym} pointers`, need: i + nPtr, have: d.length });
  const ptrBase = i;
  let next = ptrBase + nPtr;
  let end = next;
  let canonical = true;
  for (let k = 0; k < fmt.variable.length; k++) {
    const code = fmt.variable[k] as number;
    const ptr = d[ptrBase + k] as number;
    const at = ptrBase + k + ptr;
    if (ptr === 0 || at >= d.length) return err({ kind: 'bad-pointer', where: `${fmt.acronym} mandatory variable parameter ${k + 1}`, pointer: ptr });
    const len = d[at] as number;
    if (at + 1 + len > d.length) return err({ kind: 'truncated', where: `${fmt.acronym} ${profile.parameters.get(code)?.name ?? code}`, need: at + 1 + len, have: d.length });
    if (at !== next) canonical = false;
    const r = decodeValue(code, d.subarray(at + 1, at + 1 + len), profile);
    if (!r.ok) return r;
    msg.variable.push(r.value);
    next = at + 1 + len;
    if (next > end) end = next;
  }
  // Optional part (Q.763 §1.3.4).
  if (fmt.optional) {
    const ptrPos = ptrBase + fmt.variable.length;
    const ptr = d[ptrPos] as number;
    msg.optional = [];
    if (ptr !== 0) {
      const at = ptrPos + ptr;
      if (at !== next) canonical = false;
      const r = readOptionalPart(d, at, msg.optional, profile);
      if (!r.ok) return r;
      if (msg.optional.length === 0) msg.emptyOptionalPart = true;
      if (r.value > end) end = r.value;
    }
  }
  if (!canonical) msg.nonCanonical = true;
  if (end < d.length) msg.trailing = d.slice(end);
  return ok(msg);
}

/** Reads parameters from `at` up to and including the end of optional parameters octet; returns the end. */
function readOptionalPart(d: Uint8Array, at: number, out: IsupParameter[], profile: IsupProfile): R<number> {
  let i = at;
  for (;;) {
    if (i >= d.length) return err({ kind: 'no-end-of-optional', offset: i });
    const code = d[i] as number;
    if (code === P.endOfOptionalParameters) break;
    const len = d[i + 1];
    if (len === undefined || i + 2 + len > d.length) {
      return err({ kind: 'truncated', where: `optional parameter ${code}`, need: i + 2 + (len ?? 0), have: d.length });
    }
    const octets = d.subarray(i + 2, i + 2 + len);
    const r = decodeValue(code, octets, profile);
    out.push(r.ok ? r.value : { code, name: profile.parameters.get(code)?.name ?? 'Unknown', value: { kind: 'octets', octets: octets.slice() }, error: r.error });
    i += 2 + len;
  }
  // Unrecognized parameters carry their instructions from the parameter compatibility information (Q.764 §2.9.5.3).
  const pci = out.find((p) => p.code === P.parameterCompatibilityInformation)?.value;
  if (pci?.kind === 'parameter-compatibility') {
    for (const p of out) {
      if (p.unknown) p.compatibility = pci.entries.find((e) => e.parameter === p.code)?.instructions;
    }
  }
  return ok(i + 1);
}

function decodeValue(code: number, octets: Uint8Array, profile: IsupProfile): R<IsupParameter> {
  const entry = profile.parameters.get(code);
  if (!entry) return ok({ code, name: 'Unknown', value: { kind: 'octets', octets: octets.slice() }, unknown: true });
  const r = entry.decode(octets);
  if (!r.ok) return r;
  return ok({ code, name: entry.name, value: r.value as ParamValue });
}

/** An unrecognized message: read as an optional part only (Q.764 §2.9.5.1), else keep the body. */
function decodeUnrecognized(d: Uint8Array, msg: IsupMessage, profile: IsupProfile): R<IsupMessage> {
  msg.unrecognized = true;
  const params: IsupParameter[] = [];
  if (d.length >= 5 && d[3] === 1) {
    const r = readOptionalPart(d, 4, params, profile);
    if (r.ok && r.value === d.length && params.length > 0) {
      msg.optional = params;
      const mci = params.find((p) => p.code === P.messageCompatibilityInformation)?.value;
      if (mci?.kind === 'message-compatibility') msg.compatibility = mci.instructions;
      return ok(msg);
    }
  }
  msg.body = d.slice(3);
  return ok(msg);
}
