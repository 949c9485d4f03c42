// Reads tshark's PDML output into one record per ISUP message: frame number, the MTP3 routing label
// fields seen before it (mtp3.opc/dpc/sls, also given by tshark for M3UA as "MTP3 equivalents"),
// its top-level fields, one group of fields per parameter (the subtrees holding isup.parameter_type
// as a direct child) and, for a pass-along message, the message it carries.

export interface PdmlField {
  name: string;
  show: string;
  value: string;
}

export interface TsharkIsup {
  frame: number;
  opc?: number;
  dpc?: number;
  sls?: number;
  top: PdmlField[];
  params: PdmlField[][];
  embedded?: TsharkIsup;
}

interface Node {
  field: PdmlField;
  children: Node[];
}

const ATTR = /(\w+)="([^"]*)"/g;

function unescape(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|quot|amp|lt|gt|apos);/g, (_, e: string) => {
    if (e === 'quot') return '"';
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function attrs(line: string): PdmlField {
  const a: Record<string, string> = {};
  for (const m of line.matchAll(ATTR)) a[m[1] as string] = unescape(m[2] as string);
  return { name: a.name ?? '', show: a.show ?? '', value: a.value ?? '' };
}

function flatten(nodes: Node[], out: PdmlField[] = []): PdmlField[] {
  for (const n of nodes) {
    out.push(n.field);
    flatten(n.children, out);
  }
  return out;
}

/** One ISUP message from the field nodes directly under its proto (or under a pass-along subtree). */
function message(nodes: Node[], frame: number, label: { opc?: number; dpc?: number; sls?: number }): TsharkIsup {
  const m: TsharkIsup = { frame, ...label, top: [], params: [] };
  for (const n of nodes) {
    if (n.field.show.startsWith('Pass-along')) m.embedded = message(n.children, frame, {});
    else if (n.children.some((c) => c.field.name === 'isup.parameter_type')) m.params.push(flatten(n.children));
    else if (n.field.name) m.top.push(n.field); // e.g. isup.message_type, with or without an expert note under it
  }
  return m;
}

export function parsePdml(xml: string): TsharkIsup[] {
  const out: TsharkIsup[] = [];
  let frame = 0;
  let label: { opc?: number; dpc?: number; sls?: number } = {};
  let inProto = '';
  let stack: Node[][] | undefined; // open field lists while inside an isup proto
  for (const raw of xml.split('\n')) {
    const line = raw.trim();
    if (line === '<packet>') {
      frame = 0;
      label = {};
      continue;
    }
    if (line.startsWith('<proto ')) {
      inProto = attrs(line).name;
      if (inProto === 'isup') stack = [[]];
      continue;
    }
    if (line === '</proto>') {
      if (inProto === 'isup' && stack) out.push(message(stack[0] as Node[], frame, label));
      inProto = '';
      stack = undefined;
      continue;
    }
    if (line.startsWith('<field ')) {
      const f = attrs(line);
      if (inProto === 'geninfo' && f.name === 'num') frame = Number(f.show);
      if (f.name === 'mtp3.opc') label.opc = Number(f.show);
      if (f.name === 'mtp3.dpc') label.dpc = Number(f.show);
      if (f.name === 'mtp3.sls') label.sls = Number(f.show);
      if (!stack) continue;
      const node: Node = { field: f, children: [] };
      (stack[stack.length - 1] as Node[]).push(node);
      if (!line.endsWith('/>')) stack.push(node.children);
      continue;
    }
    if (line === '</field>' && stack && stack.length > 1) stack.pop();
  }
  return out;
}
