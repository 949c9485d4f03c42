// ISUP message encoder (Q.763 §1.3): writes the canonical layout (pointers to consecutive parts,
// optional part pointer 0 when there is no optional parameter), so encode(decode(x)) = x for every
// message received in that layout, spare bits and unknown parameters included.
import { err, ok, type IsupEncodeError, type Result } from './errors.js';
import type { IsupMessage } from './message.js';
import { ituProfile, type IsupProfile } from './profile.js';
import type { IsupParameter } from './types.js';

type R<T> = Result<T, IsupEncodeError>;

class Writer {
  buf = new Uint8Array(280);
  n = 0;
  byte(b: number): void {
    if (this.n === this.buf.length) this.grow(1);
    this.buf[this.n++] = b;
  }
  bytes(b: Uint8Array): void {
    if (this.n + b.length > this.buf.length) this.grow(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }
  private grow(k: number): void {
    const nb = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    nb.set(this.buf.subarray(0, this.n));
    this.buf = nb;
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

export function encodeParameter(p: IsupParameter, profile: IsupProfile = ituProfile): R<Uint8Array> {
  const entry = p.unknown || p.error ? undefined : profile.parameters.get(p.code);
  let r: R<Uint8Array>;
  if (!entry) {
    if (p.value.kind !== 'octets') return err({ kind: 'wrong-kind', parameter: p.name, expected: 'octets', got: p.value.kind });
    r = ok(p.value.octets);
  } else {
    r = entry.encode(p.value);
  }
  if (r.ok && r.value.length > 255) return err({ kind: 'too-long', parameter: p.name, length: r.value.length });
  return r;
}

function writeOptional(w: Writer, params: readonly IsupParameter[], profile: IsupProfile): R<void> {
  for (const p of params) {
    const r = encodeParameter(p, profile);
    if (!r.ok) return r;
    w.byte(p.code);
    w.byte(r.value.length);
    w.bytes(r.value);
  }
  w.byte(0);
  return ok(undefined);
}

export function encodeIsup(msg: IsupMessage, profile: IsupProfile = ituProfile): R<Uint8Array> {
  try {
    return encodeMessage(msg, profile);
  } catch (e) {
    return err({ kind: 'internal', message: e instanceof Error ? e.message : String(e) });
  }
}

function encodeMessage(msg: IsupMessage, profile: IsupProfile): R<Uint8Array> {
  if (!Number.isInteger(msg.cic) || msg.cic < 0 || msg.cic > 0xfff) {
    return err({ kind: 'value-out-of-range', parameter: 'CIC', field: 'cic', value: msg.cic, max: 0xfff });
  }
  const w = new Writer();
  w.byte(msg.cic & 0xff);
  w.byte((msg.cic >> 8) | ((msg.cicSpare & 0x0f) << 4));
  w.byte(msg.type & 0xff);
  const fmt = profile.messages.get(msg.type);
  if (!fmt || fmt.opaque || msg.body) {
    const inner = fmt?.passAlong && msg.embedded && !msg.embedded.nonCanonical ? encodeMessage(msg.embedded, profile) : undefined;
    if (inner && !inner.ok) return inner;
    if (inner) w.bytes(inner.value.subarray(2)); // the passed-along message, without the zero CIC
    else if (msg.body) w.bytes(msg.body);
    else if (msg.optional) {
      w.byte(msg.optional.length ? 1 : 0);
      if (msg.optional.length) {
        const r = writeOptional(w, msg.optional, profile);
        if (!r.ok) return r;
      }
    }
    if (msg.trailing) w.bytes(msg.trailing);
    return ok(w.result());
  }
  // Mandatory fixed part.
  for (let k = 0; k < fmt.fixed.length; k++) {
    const code = fmt.fixed[k] as number;
    const p = msg.fixed[k];
    const entry = profile.parameters.get(code);
    if (!p || p.code !== code) return err({ kind: 'missing-parameter', message: fmt.acronym, parameter: entry?.name ?? String(code) });
    const r = encodeParameter(p, profile);
    if (!r.ok) return r;
    if (r.value.length !== (entry?.fixedLength ?? 1)) return err({ kind: 'too-long', parameter: p.name, length: r.value.length });
    w.bytes(r.value);
  }
  // Pointers, then the mandatory variable parameters one after the other.
  const values: Uint8Array[] = [];
  for (let k = 0; k < fmt.variable.length; k++) {
    const code = fmt.variable[k] as number;
    const p = msg.variable[k];
    if (!p || p.code !== code) {
      return err({ kind: 'missing-parameter', message: fmt.acronym, parameter: profile.parameters.get(code)?.name ?? String(code) });
    }
    const r = encodeParameter(p, profile);
    if (!r.ok) return r;
    values.push(r.value);
  }
  const nPtr = values.length + (fmt.optional ? 1 : 0);
  let offset = nPtr;
  for (let k = 0; k < values.length; k++) {
    const ptr = offset - k;
    if (ptr > 255) return err({ kind: 'too-long', parameter: `${fmt.acronym} pointer`, length: ptr });
    w.byte(ptr);
    offset += 1 + (values[k] as Uint8Array).length;
  }
  const optional = msg.optional ?? [];
  if (fmt.optional) {
    const ptr = offset - values.length;
    if (optional.length || msg.emptyOptionalPart) {
      if (ptr > 255) return err({ kind: 'too-long', parameter: `${fmt.acronym} optional pointer`, length: ptr });
      w.byte(ptr);
    } else w.byte(0);
  }
  for (const v of values) {
    w.byte(v.length);
    w.bytes(v);
  }
  if (fmt.optional && (optional.length || msg.emptyOptionalPart)) {
    const r = writeOptional(w, optional, profile);
    if (!r.ok) return r;
  }
  if (msg.trailing) w.bytes(msg.trailing);
  return ok(w.result());
}
