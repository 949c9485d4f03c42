// Range and status (Q.763 §3.43): the range (number of circuits affected minus one) and, for
// circuit group blocking/unblocking and their acknowledgements and GRA, one status bit per circuit.
import { err, ok } from '../errors.js';
import type { Json, ParamEntry, RangeStatusValue } from '../types.js';

const NAME = 'Range and status';

export const rangeAndStatus: ParamEntry<RangeStatusValue> = {
  code: 0x16,
  name: NAME,
  ref: '3.43',
  decode(data) {
    const range = data[0];
    if (range === undefined) return err({ kind: 'bad-length', parameter: NAME, code: 0x16, length: 0, reason: 'needs the range octet' });
    if (data.length === 1) return ok({ kind: 'range-status', range });
    const status = data.slice(1);
    // Q.763 §3.43: status bits 0..range; the octets must hold range+1 bits.
    if (status.length * 8 < range + 1) {
      return err({ kind: 'bad-value', parameter: NAME, code: 0x16, field: 'range', value: range, reason: `${status.length} status octet(s) cannot hold ${range + 1} bits` });
    }
    return ok({ kind: 'range-status', range, status });
  },
  encode(v) {
    if (v.kind !== 'range-status') return err({ kind: 'wrong-kind', parameter: NAME, expected: 'range-status', got: v.kind });
    if (v.range < 0 || v.range > 255) return err({ kind: 'value-out-of-range', parameter: NAME, field: 'range', value: v.range, max: 255 });
    const out = new Uint8Array(1 + (v.status?.length ?? 0));
    out[0] = v.range;
    if (v.status) out.set(v.status, 1);
    return ok(out);
  },
  describe(v): Json {
    if (!v.status) return { range: v.range, circuits: v.range + 1 };
    const bits: number[] = [];
    for (let i = 0; i <= v.range; i++) bits.push(((v.status[i >> 3] as number) >> (i & 7)) & 1);
    return { range: v.range, circuits: v.range + 1, status: bits.join('') };
  },
};

/** Status bit of the circuit `offset` circuits after the message's CIC. */
export function statusBit(v: RangeStatusValue, offset: number): number | undefined {
  if (!v.status || offset > v.range) return undefined;
  return ((v.status[offset >> 3] as number) >> (offset & 7)) & 1;
}
