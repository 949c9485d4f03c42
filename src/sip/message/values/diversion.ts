/**
 * Diversion (RFC 5806 §3, historic but used by carriers): name-addr *( SEMI diversion-params ) with
 * reason (token or quoted), counter (1*2DIGIT), limit, privacy (full/name/uri/off), screen (yes/no).
 */
import { parseNameAddr, serializeNameAddr } from '../name-addr.js';
import { unquoteParam } from '../params.js';
import type { NameAddr, Result } from '../types.js';
import { bad, ok, type ValueError } from './common.js';

export interface DiversionValue {
  address: NameAddr;
  /** e.g. unknown, user-busy, no-answer, unconditional, deflection, unavailable, time-of-day, do-not-disturb,
   *  follow-me, out-of-service, away */
  reason: string | undefined;
  counter: number | undefined;
  limit: number | undefined;
  privacy: string | undefined;
  screen: boolean | undefined;
}

export function parseDiversionValue(v: string): Result<DiversionValue, ValueError> {
  const r = parseNameAddr(v);
  if (!r.ok) return bad(r.error.reason);
  const p = r.value.params;
  const num = (name: string): number | undefined | null => {
    const x = p.get(name);
    if (x === undefined) return undefined;
    if (x === null || !/^\d{1,2}$/.test(x)) return null;
    return Number(x);
  };
  const counter = num('counter');
  const limit = num('limit');
  if (counter === null) return bad('malformed counter');
  if (limit === null) return bad('malformed limit');
  const screenRaw = unquoteParam(p.get('screen'))?.toLowerCase();
  if (screenRaw !== undefined && screenRaw !== 'yes' && screenRaw !== 'no') return bad('malformed screen');
  return ok({
    address: r.value,
    reason: unquoteParam(p.get('reason')),
    counter,
    limit,
    privacy: unquoteParam(p.get('privacy')),
    screen: screenRaw === undefined ? undefined : screenRaw === 'yes',
  });
}

export function parseDiversion(values: readonly string[]): Result<DiversionValue[], ValueError> {
  const out: DiversionValue[] = [];
  for (const v of values) {
    const r = parseDiversionValue(v);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

/** The address params carry reason/counter/…: set them there; this writes the name-addr with its params. */
export function formatDiversion(d: DiversionValue): string {
  const params = new Map(d.address.params);
  if (d.reason !== undefined) params.set('reason', d.reason);
  if (d.counter !== undefined) params.set('counter', String(d.counter));
  if (d.limit !== undefined) params.set('limit', String(d.limit));
  if (d.privacy !== undefined) params.set('privacy', d.privacy);
  if (d.screen !== undefined) params.set('screen', d.screen ? 'yes' : 'no');
  return serializeNameAddr({ ...d.address, params });
}
