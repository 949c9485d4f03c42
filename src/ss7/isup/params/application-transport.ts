// Application transport parameter (Q.763 §3.82): application context identifier, application
// transport instruction indicators, APM segmentation indicator, segmentation local reference and
// the encapsulated application information (kept as octets). Each octet's extension bit is kept.
import { err, ok } from '../errors.js';
import type { FieldsValue, Json, ParamEntry } from '../types.js';

const NAME = 'Application transport';
const CODE = 0x78;

const contextNames: Record<number, string> = {
  0: 'Unidentified Context and Error Handling (UCEH) ASE',
  1: 'PSS1 ASE (VPN)',
  2: 'spare',
  3: 'Charging ASE',
  4: 'GAT',
  5: 'BAT ASE',
  6: 'Enhanced UCEH ASE',
};

export const applicationTransport: ParamEntry<FieldsValue> = {
  code: CODE,
  name: NAME,
  ref: '3.82',
  decode(data) {
    const f: Record<string, number> = {};
    let i = 0;
    const need = (what: string) => err({ kind: 'bad-length' as const, parameter: NAME, code: CODE, length: data.length, reason: `${what} missing` });
    const b1 = data[i++];
    if (b1 === undefined) return need('octet 1');
    f.ext1 = b1 >> 7;
    f.contextId = b1 & 0x7f;
    if (f.ext1 === 0) {
      const b1a = data[i++];
      if (b1a === undefined) return need('octet 1a');
      f.ext1a = b1a >> 7;
      f.contextIdHigh = b1a & 0x7f;
    }
    const b2 = data[i++];
    if (b2 === undefined) return need('octet 2');
    f.ext2 = b2 >> 7;
    f.spare2 = (b2 >> 2) & 0x1f;
    f.sendNotification = (b2 >> 1) & 1;
    f.releaseCall = b2 & 1;
    const b3 = data[i++];
    if (b3 === undefined) return need('octet 3');
    f.ext3 = b3 >> 7;
    f.sequence = (b3 >> 6) & 1;
    f.segmentation = b3 & 0x3f;
    if (f.ext3 === 0) {
      const b3a = data[i++];
      if (b3a === undefined) return need('octet 3a');
      f.ext3a = b3a >> 7;
      f.segmentationLocalReference = b3a & 0x7f;
    }
    return ok({ kind: 'fields', fields: f, extra: data.slice(i) });
  },
  encode(v) {
    if (v.kind !== 'fields') return err({ kind: 'wrong-kind', parameter: NAME, expected: 'fields', got: v.kind });
    const f = v.fields;
    const out: number[] = [];
    const ext1 = f.contextIdHigh === undefined ? 1 : 0;
    out.push((ext1 << 7) | ((f.contextId ?? 0) & 0x7f));
    if (!ext1) out.push(((f.ext1a ?? 1) << 7) | ((f.contextIdHigh ?? 0) & 0x7f));
    out.push(((f.ext2 ?? 1) << 7) | (((f.spare2 ?? 0) & 0x1f) << 2) | (((f.sendNotification ?? 0) & 1) << 1) | ((f.releaseCall ?? 0) & 1));
    const ext3 = f.segmentationLocalReference === undefined ? 1 : 0;
    out.push((ext3 << 7) | (((f.sequence ?? 0) & 1) << 6) | ((f.segmentation ?? 0) & 0x3f));
    if (!ext3) out.push(((f.ext3a ?? 1) << 7) | ((f.segmentationLocalReference ?? 0) & 0x7f));
    out.push(...v.extra);
    return ok(Uint8Array.from(out));
  },
  describe(v): Json {
    const f = v.fields;
    const id = f.contextIdHigh === undefined ? (f.contextId ?? 0) : ((f.contextIdHigh << 7) | (f.contextId ?? 0));
    const d: { [k: string]: Json } = {
      applicationContext: { value: id, name: contextNames[id] ?? 'spare' },
      sendNotification: { value: f.sendNotification ?? 0, name: f.sendNotification ? 'send notification' : 'do not send notification' },
      releaseCall: { value: f.releaseCall ?? 0, name: f.releaseCall ? 'release call' : 'do not release call' },
      sequence: { value: f.sequence ?? 0, name: f.sequence ? 'new sequence' : 'subsequent segment to first segment' },
      segmentation: f.segmentation ?? 0,
    };
    if (f.segmentationLocalReference !== undefined) d.segmentationLocalReference = f.segmentationLocalReference;
    d.information = Buffer.from(v.extra).toString('hex');
    return d;
  },
};
