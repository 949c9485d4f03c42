// Reads tshark's PDML output into one record per ISUP message: frame number, the MTP3 routing label
// fields seen before it (mtp3.opc/dpc/sls, also given by tshark for M3UA as "MTP3 equivalents"),
// its top-level fields and one group of fields per parameter (the subtrees holding isup.parameter_type).

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

export function parsePdml(xml: string): TsharkIsup[] {
  const out: TsharkIsup[] = [];
  let frame = 0;
  let label: { opc?: number; dpc?: number; sls?: number } = {};
  let cur: TsharkIsup | undefined;
  let depth = 0; // field depth inside the isup proto
  let group: PdmlField[] | undefined;
  let groupDepth = 0;
  let pendingGroupHead: PdmlField | undefined;
  let inProto = '';
  for (const raw of xml.split('\n')) {
    const line = raw.trim();
    if (line === '<packet>') {
      frame = 0;
      label = {};
      continue;
    }
    if (line.startsWith('<proto ')) {
      inProto = attrs(line).name;
      if (inProto === 'isup') {
        cur = { frame, ...label, top: [], params: [] };
        out.push(cur);
        depth = 0;
      }
      continue;
    }
    if (line === '</proto>') {
      inProto = '';
      cur = undefined;
      continue;
    }
    if (line.startsWith('<field ')) {
      const f = attrs(line);
      const selfClosing = line.endsWith('/>');
      if (inProto === 'geninfo' && f.name === 'num') frame = Number(f.show);
      if (f.name === 'mtp3.opc') label.opc = Number(f.show);
      if (f.name === 'mtp3.dpc') label.dpc = Number(f.show);
      if (f.name === 'mtp3.sls') label.sls = Number(f.show);
      if (!cur) continue;
      if (depth === 0) {
        if (selfClosing) cur.top.push(f);
        else {
          if (f.name) cur.top.push(f); // e.g. isup.message_type carrying an expert note
          // A subtree at the top of the isup proto: a parameter when it holds isup.parameter_type.
          pendingGroupHead = f;
          group = [];
          groupDepth = 1;
          depth = 1;
        }
        continue;
      }
      if (group && f.name === 'isup.parameter_type' && depth === 1 && pendingGroupHead) {
        cur.params.push(group);
        pendingGroupHead = undefined;
      }
      group?.push(f);
      if (!selfClosing) depth++;
      continue;
    }
    if (line === '</field>' && cur) {
      depth--;
      if (depth === 0 && groupDepth) {
        group = undefined;
        groupDepth = 0;
        pendingGroupHead = undefined;
      }
    }
  }
  return out;
}
