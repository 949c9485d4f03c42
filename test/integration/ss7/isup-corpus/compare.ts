// Field-by-field comparison of our decoded ISUP messages with tshark's PDML records.
import assert from 'node:assert/strict';
import { encodeParameter, type IsupMessage } from '../../../../src/ss7/isup/index.js';
import type { TsharkIsup } from './pdml.js';
import { expectedValues, isIgnored, shown } from './tshark-map.js';

export interface Ours {
  frame: number;
  /** Routing label; undefined for SIP-I bodies, where tshark shows none either. */
  opc?: number;
  dpc?: number;
  sls?: number;
  msg: IsupMessage;
  /** SIP-I body: no CIC on the wire (tshark shows none). */
  cicAbsent?: boolean;
}

export interface Comparison {
  messages: number;
  fieldsChecked: number;
  mismatches: string[];
  unmapped: Set<string>;
}

export function compare(ts: TsharkIsup[], mine: Ours[]): Comparison {
  const c: Comparison = { messages: 0, fieldsChecked: 0, mismatches: [], unmapped: new Set() };
  assert.equal(mine.length, ts.length, 'as many ISUP messages as tshark finds');
  for (let k = 0; k < ts.length; k++) {
    const t = ts[k] as TsharkIsup;
    compareOne(c, t, mine[k] as Ours, `frame ${t.frame} #${k}`);
  }
  return c;
}

function compareOne(c: Comparison, t: TsharkIsup, o: Ours, where: string): void {
  const bad = (s: string) => c.mismatches.length < 50 && c.mismatches.push(s);
  c.messages++;
  const top = (n: string) => t.top.find((f) => f.name === n)?.show;
  const heads: [string, number | undefined, number | undefined][] = [
    ['frame', t.frame, o.frame],
    ['opc', t.opc, o.opc],
    ['dpc', t.dpc, o.dpc],
    ['sls', t.sls, o.sls],
    ['cic', top('isup.cic') === undefined ? undefined : Number(top('isup.cic')), o.cicAbsent ? undefined : o.msg.cic],
    ['message type', Number(top('isup.message_type')), o.msg.type],
  ];
  for (const [what, theirs, ours] of heads) {
    c.fieldsChecked++;
    if (theirs !== ours) bad(`${where}: ${what} tshark=${theirs} ours=${ours}`);
  }
  if (t.embedded || o.msg.embedded) {
    // Pass-along: the carried message is compared the same way (it has no CIC).
    if (!t.embedded || !o.msg.embedded) bad(`${where}: pass-along message on one side only`);
    else compareOne(c, { ...t.embedded, frame: t.frame, opc: t.opc, dpc: t.dpc, sls: t.sls }, { ...o, msg: o.msg.embedded, cicAbsent: true }, `${where} (passed along)`);
  }
  const params = [...o.msg.fixed, ...o.msg.variable, ...(o.msg.optional ?? [])];
  if (params.length !== t.params.length) {
    bad(`${where}: ${t.params.length} parameter(s) in tshark, ${params.length} ours`);
    return;
  }
  t.params.forEach((group, i) => {
    const p = params[i]!;
    const enc = encodeParameter(p);
    assert.ok(enc.ok);
    const byName = new Map<string, string[]>();
    for (const f of group) {
      if (!f.name || isIgnored(f.name)) continue;
      const l = byName.get(f.name) ?? [];
      l.push(f.show);
      byName.set(f.name, l);
    }
    for (const [name, shows] of byName) {
      const exp = expectedValues(name, p, enc.value);
      if (!exp) {
        c.unmapped.add(`${name} (parameter ${p.code})`);
        continue;
      }
      c.fieldsChecked += shows.length;
      const got = shows.map((s, j) => shown(s, exp[j] ?? exp[0] ?? 0));
      if (JSON.stringify(got) !== JSON.stringify(exp)) bad(`${where} ${p.name}: ${name} tshark=${JSON.stringify(got)} ours=${JSON.stringify(exp)}`);
    }
  });
}
