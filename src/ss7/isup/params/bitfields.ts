// Generic codec for parameters made of bit fields (indicators). A parameter is a table of fields
// (octet, least significant bit, width, value names) that covers every bit, spare bits included,
// so re-encoding gives back identical octets. Q.763 numbers bits 1 (LSB) to 8 (MSB) in each octet.
import { err, ok } from '../errors.js';
import type { FieldsValue, Json, ParamEntry } from '../types.js';

export interface BitField {
  /** camelCase field name; 'spare…' names are kept but not described by name. */
  name: string;
  /** Octet index, 0-based. */
  octet: number;
  /** Least significant bit, 1-8 as Q.763 numbers it. */
  lsb: number;
  width: number;
  /** Names of the values (Q.763 codings). */
  values?: Readonly<Record<number, string>>;
}

export interface BitFieldOptions {
  /** Longest length accepted (octets beyond the fields are kept in `extra`); default 255. */
  maxLength?: number;
  /** Length when the parameter is mandatory fixed in a message. */
  fixedLength?: number;
}

export interface BitFieldEntry extends ParamEntry<FieldsValue> {
  octets: number;
  fields: readonly BitField[];
}

/** Builds the registry entry of a bit-field parameter. */
export function bitfieldParam(
  code: number,
  name: string,
  ref: string,
  octets: number,
  fields: readonly BitField[],
  opts: BitFieldOptions = {},
): BitFieldEntry {
  const maxLength = opts.maxLength ?? 255;
  return {
    octets,
    fields,
    code,
    name,
    ref,
    fixedLength: opts.fixedLength,
    decode(data) {
      if (data.length < octets || data.length > maxLength) {
        return err({
          kind: 'bad-length',
          parameter: name,
          code,
          length: data.length,
          reason: data.length < octets ? `needs ${octets} octet(s)` : `at most ${maxLength} octet(s)`,
        });
      }
      const f: Record<string, number> = {};
      for (const fd of fields) f[fd.name] = ((data[fd.octet] as number) >> (fd.lsb - 1)) & ((1 << fd.width) - 1);
      return ok({ kind: 'fields', fields: f, extra: data.slice(octets) });
    },
    encode(v) {
      if (v.kind !== 'fields') return err({ kind: 'wrong-kind', parameter: name, expected: 'fields', got: v.kind });
      const out = new Uint8Array(octets + v.extra.length);
      for (const fd of fields) {
        const x = v.fields[fd.name] ?? 0;
        const max = (1 << fd.width) - 1;
        if (!Number.isInteger(x) || x < 0 || x > max) {
          return err({ kind: 'value-out-of-range', parameter: name, field: fd.name, value: x, max });
        }
        out[fd.octet] = (out[fd.octet] as number) | (x << (fd.lsb - 1));
      }
      out.set(v.extra, octets);
      return ok(out);
    },
    describe(v) {
      const d: { [k: string]: Json } = {};
      for (const fd of fields) {
        const x = v.fields[fd.name] ?? 0;
        if (fd.name.startsWith('spare')) {
          if (x !== 0) d[fd.name] = x;
          continue;
        }
        d[fd.name] = fd.values ? { value: x, name: fd.values[x] ?? 'spare' } : x;
      }
      if (v.extra.length) d.extraOctets = Buffer.from(v.extra).toString('hex');
      return d;
    },
  };
}

/** Shorthand for a field spec. */
export function bf(
  name: string,
  octet: number,
  lsb: number,
  width: number,
  values?: Readonly<Record<number, string>>,
): BitField {
  return { name, octet, lsb, width, values };
}

/** Checks a field table covers each of `octets` octets exactly once per bit (used by the unit tests). */
export function coverageErrors(octets: number, fields: readonly BitField[]): string[] {
  const used = new Array<number>(octets).fill(0);
  const errors: string[] = [];
  for (const f of fields) {
    const mask = ((1 << f.width) - 1) << (f.lsb - 1);
    if (f.octet >= octets || mask > 0xff) errors.push(`${f.name} outside the parameter`);
    else if ((used[f.octet] as number) & mask) errors.push(`${f.name} overlaps`);
    else used[f.octet] = (used[f.octet] as number) | mask;
  }
  used.forEach((m, i) => m !== 0xff && errors.push(`octet ${i + 1} bits 0x${(0xff & ~m).toString(16)} not covered`));
  return errors;
}
