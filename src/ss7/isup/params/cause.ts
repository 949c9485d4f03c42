// Cause indicators (Q.763 §3.12): coded as Q.850 §2.2: octet 1 ext / coding standard / spare / location,
// optional octet 1a recommendation, octet 2 ext / cause value, then diagnostics.
import { err, ok } from '../errors.js';
import type { CauseValue, Json, ParamEntry } from '../types.js';
import { codingStandardNames, q850CauseNames, q850ClassNames, q850LocationNames } from './q850.js';

const NAME = 'Cause indicators';

export const causeIndicators: ParamEntry<CauseValue> = {
  code: 0x12,
  name: NAME,
  ref: '3.12',
  decode(data) {
    const b1 = data[0];
    if (b1 === undefined) return err({ kind: 'bad-length', parameter: NAME, code: 0x12, length: 0, reason: 'needs 2 octets' });
    let i = 1;
    const v: CauseValue = {
      kind: 'cause',
      ext1: b1 >> 7,
      codingStandard: (b1 >> 5) & 3,
      spare: (b1 >> 4) & 1,
      location: b1 & 0x0f,
      ext2: 1,
      cause: 0,
      diagnostics: new Uint8Array(0),
    };
    if (v.ext1 === 0) {
      const b1a = data[i++];
      if (b1a === undefined) return err({ kind: 'bad-length', parameter: NAME, code: 0x12, length: data.length, reason: 'octet 1a missing' });
      v.ext1a = b1a >> 7;
      v.recommendation = b1a & 0x7f;
    }
    const b2 = data[i++];
    if (b2 === undefined) return err({ kind: 'bad-length', parameter: NAME, code: 0x12, length: data.length, reason: 'cause value missing' });
    v.ext2 = b2 >> 7;
    v.cause = b2 & 0x7f;
    v.diagnostics = data.slice(i);
    return ok(v);
  },
  encode(v) {
    if (v.kind !== 'cause') return err({ kind: 'wrong-kind', parameter: NAME, expected: 'cause', got: v.kind });
    if (v.cause < 0 || v.cause > 127) return err({ kind: 'value-out-of-range', parameter: NAME, field: 'cause', value: v.cause, max: 127 });
    const head: number[] = [((v.ext1 & 1) << 7) | ((v.codingStandard & 3) << 5) | ((v.spare & 1) << 4) | (v.location & 0x0f)];
    if ((v.ext1 & 1) === 0) head.push(((v.ext1a ?? 1) << 7) | ((v.recommendation ?? 0) & 0x7f));
    head.push(((v.ext2 & 1) << 7) | v.cause);
    const out = new Uint8Array(head.length + v.diagnostics.length);
    out.set(head);
    out.set(v.diagnostics, head.length);
    return ok(out);
  },
  describe(v) {
    const d: { [k: string]: Json } = {
      codingStandard: { value: v.codingStandard, name: codingStandardNames[v.codingStandard] ?? '' },
      location: { value: v.location, name: q850LocationNames[v.location] ?? 'reserved' },
      cause: { value: v.cause, name: q850CauseNames[v.cause] ?? 'unallocated', class: q850ClassNames[v.cause >> 4] ?? '' },
    };
    if (v.recommendation !== undefined) d.recommendation = v.recommendation;
    if (v.diagnostics.length) d.diagnostics = Buffer.from(v.diagnostics).toString('hex');
    if (v.spare) d.spare = v.spare;
    return d;
  },
};
