// Address parameters (Q.763 §3.9 called party number and the numbers built like it): odd/even,
// nature of address, the indicator octet, and BCD address signals (first digit in bits 4-1).
import { err, ok, type Result, type IsupDecodeError } from '../errors.js';
import type { Json, NumberValue, ParamEntry } from '../types.js';
import {
  innNames,
  natureOfAddressNames,
  niNames,
  numberingPlanNames,
  numberQualifierNames,
  oddEvenNames,
  presentationNames,
  screeningNames,
} from './number-names.js';

/** How the indicator octets of one number parameter are laid out. */
export interface NumberFormat {
  /** 'standard': octet 1 O/E + NAI, octet 2 bit 8 / NPI / bits 4-3 / bits 2-1 (Q.763 §3.9, §3.10).
   *  'subsequent': octet 1 O/E + spare (Q.763 §3.51). 'routing': octet 1 O/E, NPI, NAI 4 bits (§3.90). */
  layout: 'standard' | 'subsequent' | 'routing';
  /** Generic number: a number qualifier octet first (Q.763 §3.26). */
  qualifier?: boolean;
  bit8?: 'inn' | 'ni';
  presentation?: boolean;
  screening?: boolean;
}

const DIGITS = '0123456789ABCDEF';

function spareMaskOf(f: NumberFormat): number {
  let m = 0x0f;
  if (f.bit8 === undefined) m |= 0x80;
  if (f.presentation) m &= ~0x0c;
  if (f.screening) m &= ~0x03;
  return m;
}

function decodeNumber(code: number, name: string, f: NumberFormat, data: Uint8Array): Result<NumberValue, IsupDecodeError> {
  let i = 0;
  let qualifier: number | undefined;
  if (f.qualifier) {
    if (data.length < 1) return err({ kind: 'bad-length', parameter: name, code, length: 0, reason: 'no number qualifier' });
    qualifier = data[i++] as number;
  }
  const head = f.layout === 'standard' ? 2 : 1;
  if (data.length < i + head) {
    return err({ kind: 'bad-length', parameter: name, code, length: data.length, reason: `needs ${i + head} octet(s)` });
  }
  const b1 = data[i++] as number;
  const v: NumberValue = { kind: 'number', oddEven: b1 >> 7, natureOfAddress: 0, numberingPlan: 0, spare: 0, digits: '', filler: 0 };
  if (qualifier !== undefined) v.qualifier = qualifier;
  if (f.layout === 'subsequent') {
    v.spare = b1 & 0x7f;
  } else if (f.layout === 'routing') {
    v.numberingPlan = (b1 >> 4) & 7;
    v.natureOfAddress = b1 & 0x0f;
  } else {
    v.natureOfAddress = b1 & 0x7f;
    const b2 = data[i++] as number;
    if (f.bit8 === 'inn') v.inn = b2 >> 7;
    if (f.bit8 === 'ni') v.ni = b2 >> 7;
    v.numberingPlan = (b2 >> 4) & 7;
    if (f.presentation) v.presentation = (b2 >> 2) & 3;
    if (f.screening) v.screening = b2 & 3;
    v.spare = b2 & spareMaskOf(f);
  }
  let digits = '';
  for (; i < data.length; i++) {
    const b = data[i] as number;
    digits += DIGITS[b & 0x0f];
    if (i === data.length - 1 && v.oddEven) v.filler = b >> 4;
    else digits += DIGITS[b >> 4];
  }
  v.digits = digits;
  return ok(v);
}

function nibble(c: string): number {
  return DIGITS.indexOf(c.toUpperCase());
}

/** Builds the registry entry of a number parameter. */
export function numberParam(code: number, name: string, ref: string, f: NumberFormat): ParamEntry<NumberValue> & { format: NumberFormat } {
  return {
    code,
    name,
    ref,
    format: f,
    decode: (data) => decodeNumber(code, name, f, data),
    encode(v) {
      if (v.kind !== 'number') return err({ kind: 'wrong-kind', parameter: name, expected: 'number', got: v.kind });
      const head = (f.qualifier ? 1 : 0) + (f.layout === 'standard' ? 2 : 1);
      const nd = v.digits.length;
      const out = new Uint8Array(head + Math.ceil(nd / 2));
      const odd = nd % 2 === 1 ? 1 : nd === 0 ? v.oddEven & 1 : 0;
      let i = 0;
      if (f.qualifier) out[i++] = (v.qualifier ?? 0) & 0xff;
      if (f.layout === 'subsequent') out[i++] = (odd << 7) | (v.spare & 0x7f);
      else if (f.layout === 'routing') out[i++] = (odd << 7) | ((v.numberingPlan & 7) << 4) | (v.natureOfAddress & 0x0f);
      else {
        if (v.natureOfAddress > 0x7f || v.natureOfAddress < 0) {
          return err({ kind: 'value-out-of-range', parameter: name, field: 'natureOfAddress', value: v.natureOfAddress, max: 127 });
        }
        out[i++] = (odd << 7) | v.natureOfAddress;
        const bit8 = f.bit8 === 'inn' ? (v.inn ?? 0) : f.bit8 === 'ni' ? (v.ni ?? 0) : 0;
        out[i++] =
          ((bit8 & 1) << 7) |
          ((v.numberingPlan & 7) << 4) |
          (f.presentation ? ((v.presentation ?? 0) & 3) << 2 : 0) |
          (f.screening ? (v.screening ?? 0) & 3 : 0) |
          (v.spare & spareMaskOf(f));
      }
      for (let d = 0; d < nd; d += 2) {
        const lo = nibble(v.digits[d] as string);
        const hi = d + 1 < nd ? nibble(v.digits[d + 1] as string) : v.filler & 0x0f;
        if (lo < 0 || hi < 0) return err({ kind: 'bad-digit', parameter: name, digit: v.digits.slice(d, d + 2) });
        out[i++] = lo | (hi << 4);
      }
      return ok(out);
    },
    describe(v) {
      const d: { [k: string]: Json } = {};
      if (v.qualifier !== undefined) d.numberQualifier = { value: v.qualifier, name: numberQualifierNames[v.qualifier] ?? 'spare' };
      d.oddEven = { value: v.oddEven, name: oddEvenNames[v.oddEven] ?? '' };
      if (f.layout !== 'subsequent') {
        d.natureOfAddress = { value: v.natureOfAddress, name: natureOfAddressNames[v.natureOfAddress] ?? 'spare' };
      }
      if (v.inn !== undefined) d.inn = { value: v.inn, name: innNames[v.inn] ?? '' };
      if (v.ni !== undefined) d.ni = { value: v.ni, name: niNames[v.ni] ?? '' };
      if (f.layout !== 'subsequent') d.numberingPlan = { value: v.numberingPlan, name: numberingPlanNames[v.numberingPlan] ?? '' };
      if (v.presentation !== undefined) d.presentation = { value: v.presentation, name: presentationNames[v.presentation] ?? '' };
      if (v.screening !== undefined) d.screening = { value: v.screening, name: screeningNames[v.screening] ?? '' };
      if (v.spare) d.spare = v.spare;
      d.digits = v.digits;
      if (v.filler) d.filler = v.filler;
      return d;
    },
  };
}

const std = (bit8: 'inn' | 'ni' | undefined, presentation: boolean, screening: boolean): NumberFormat => ({
  layout: 'standard',
  bit8,
  presentation,
  screening,
});

/** Every address parameter of Q.763 with its indicator layout. */
export const numberParams = [
  numberParam(0x04, 'Called party number', '3.9', std('inn', false, false)),
  numberParam(0x05, 'Subsequent number', '3.51', { layout: 'subsequent' }),
  numberParam(0x0a, 'Calling party number', '3.10', std('ni', true, true)),
  numberParam(0x0b, 'Redirecting number', '3.44', std(undefined, true, false)),
  numberParam(0x0c, 'Redirection number', '3.46', std('inn', false, false)),
  numberParam(0x21, 'Connected number', '3.16', std(undefined, true, true)),
  numberParam(0x28, 'Original called number', '3.39', std(undefined, true, false)),
  numberParam(0x3f, 'Location number', '3.30', std('inn', true, true)),
  numberParam(0x45, 'Call transfer number', '3.64', std(undefined, true, true)),
  numberParam(0x6f, 'Called IN number', '3.73', std(undefined, true, false)),
  numberParam(0x7d, 'Called directory number', '3.86', std('inn', false, false)),
  numberParam(0x7f, 'Original called IN number', '3.87', std(undefined, true, false)),
  numberParam(0x82, 'HTR information', '3.89', std(undefined, false, false)),
  numberParam(0x84, 'Network routing number', '3.90', { layout: 'routing' }),
  numberParam(0xc0, 'Generic number', '3.26', { ...std('ni', true, true), qualifier: true }),
];
