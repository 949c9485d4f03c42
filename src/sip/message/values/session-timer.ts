/**
 * Session-Expires and Min-SE (RFC 4028 §4, §5): delta-seconds *( SEMI se-params ), se-params = refresher-param
 * ("refresher" EQUAL ("uas" / "uac")) / generic-param. RFC 4028 §4: the minimum is 90 seconds.
 */
import { parseParams, serializeParams } from '../params.js';
import type { Params, Result } from '../types.js';
import { bad, ok, parseDeltaSeconds, type ValueError } from './common.js';

export interface SessionExpires {
  deltaSeconds: number;
  refresher: 'uac' | 'uas' | undefined;
  params: Params;
}

export const MIN_SE_FLOOR = 90;

export function parseSessionExpires(v: string): Result<SessionExpires, ValueError> {
  const semi = v.indexOf(';');
  const delta = parseDeltaSeconds(semi >= 0 ? v.slice(0, semi) : v);
  if (delta === undefined) return bad('malformed delta-seconds');
  const p = parseParams(v, semi >= 0 ? semi : v.length);
  if (p.error) return bad(p.error);
  if (p.end < v.length && v.slice(p.end).trim() !== '') return bad('trailing characters');
  const r = p.params.get('refresher');
  let refresher: 'uac' | 'uas' | undefined;
  if (r !== undefined) {
    const l = r?.toLowerCase();
    if (l !== 'uac' && l !== 'uas') return bad('refresher must be uac or uas');
    refresher = l;
  }
  p.params.delete('refresher');
  return ok({ deltaSeconds: delta, refresher, params: p.params });
}

export function formatSessionExpires(s: SessionExpires): string {
  return `${s.deltaSeconds}${s.refresher ? `;refresher=${s.refresher}` : ''}${serializeParams(s.params)}`;
}

export function parseMinSe(v: string): Result<number, ValueError> {
  const semi = v.indexOf(';');
  const delta = parseDeltaSeconds(semi >= 0 ? v.slice(0, semi) : v);
  if (delta === undefined) return bad('malformed delta-seconds');
  return ok(delta);
}
