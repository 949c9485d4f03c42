/**
 * History-Info (RFC 7044 §9): hi-targeted-to-uri *( SEMI hi-param ), hi-param = hi-index / hi-target-param /
 * hi-extension; hi-index = "index" EQUAL indexval (1*DIGIT *("." 1*DIGIT)); hi-target-param = rc / mp / np.
 * A Reason for the retargeting travels as an escaped header in the URI (?Reason=...).
 */
import { parseNameAddr, serializeNameAddr } from '../name-addr.js';
import type { NameAddr, Result } from '../types.js';
import { bad, ok, type ValueError } from './common.js';
import { parseReasonValue, type ReasonValue } from './reason.js';

export interface HistoryInfoEntry {
  address: NameAddr;
  /** "1", "1.1", "1.1.2" … */
  index: string;
  /** rc / mp / np: index of the entry this one was retargeted from (RFC 7044 §4.3.4) */
  rc: string | undefined;
  mp: string | undefined;
  np: string | undefined;
  /** Reason carried in the URI headers, when present and well-formed */
  reason: ReasonValue | undefined;
}

const INDEX_RE = /^\d+(\.\d+)*$/;

export function parseHistoryInfo(values: readonly string[]): Result<HistoryInfoEntry[], ValueError> {
  const out: HistoryInfoEntry[] = [];
  for (const v of values) {
    const r = parseNameAddr(v);
    if (!r.ok) return bad(r.error.reason);
    const p = r.value.params;
    const index = p.get('index');
    if (typeof index !== 'string' || !INDEX_RE.test(index)) return bad('missing or malformed index');
    const opt = (n: string): string | undefined | null => {
      const x = p.get(n);
      if (x === undefined) return undefined;
      if (x === null) return null; // RFC 7044 allows rc/mp/np only with a value
      return INDEX_RE.test(x) ? x : null;
    };
    const rc = opt('rc');
    const mp = opt('mp');
    const np = opt('np');
    if (rc === null || mp === null || np === null) return bad('malformed rc/mp/np');
    let reason: ReasonValue | undefined;
    const u = r.value.uri;
    if (u.kind === 'sip') {
      const rh = u.headers.find(([k]) => k.toLowerCase() === 'reason');
      if (rh) {
        const rr = parseReasonValue(rh[1]);
        if (rr.ok) reason = rr.value;
      }
    }
    out.push({ address: r.value, index, rc, mp, np, reason });
  }
  return ok(out);
}

export function formatHistoryInfo(h: HistoryInfoEntry): string {
  const params = new Map(h.address.params);
  params.set('index', h.index);
  if (h.rc !== undefined) params.set('rc', h.rc);
  if (h.mp !== undefined) params.set('mp', h.mp);
  if (h.np !== undefined) params.set('np', h.np);
  return serializeNameAddr({ ...h.address, params });
}
