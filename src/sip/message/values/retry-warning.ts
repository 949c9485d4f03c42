/**
 * Retry-After (RFC 3261 §20.33): delta-seconds [ comment ] *( SEMI retry-param ), retry-param = "duration" / generic;
 * Warning (§20.43): warn-code SP warn-agent SP warn-text, warn-code = 3DIGIT (RFC 4475 §3.1.2.5 refuses 4 digits).
 */
import { parseQuoted, quote } from '../charset.js';
import { parseParams } from '../params.js';
import type { Result } from '../types.js';
import { bad, ok, parseDeltaSeconds, type ValueError } from './common.js';
import { splitList } from '../split.js';

export interface RetryAfter {
  seconds: number;
  comment: string | undefined;
  duration: number | undefined;
}

export function parseRetryAfter(v: string): Result<RetryAfter, ValueError> {
  const m = /^\s*(\d+)\s*(\([^)]*\))?\s*/.exec(v);
  if (!m) return bad('malformed delta-seconds');
  const seconds = parseDeltaSeconds(m[1]!);
  if (seconds === undefined) return bad('delta-seconds larger than 2^32-1');
  const p = parseParams(v, m[0].length);
  if (p.error) return bad(p.error);
  if (v.slice(p.end).trim() !== '') return bad('trailing characters');
  const d = p.params.get('duration');
  let duration: number | undefined;
  if (d !== undefined) {
    duration = d === null ? undefined : parseDeltaSeconds(d);
    if (duration === undefined) return bad('malformed duration');
  }
  return ok({ seconds, comment: m[2]?.slice(1, -1), duration });
}

export function formatRetryAfter(r: RetryAfter): string {
  return `${r.seconds}${r.comment !== undefined ? ` (${r.comment.replace(/[()\r\n]/g, ' ')})` : ''}${r.duration !== undefined ? `;duration=${r.duration}` : ''}`;
}

export interface WarningValue {
  code: number;
  agent: string;
  text: string;
}

export function parseWarningValue(v: string): Result<WarningValue, ValueError> {
  const m = /^\s*(\d{3})\s+(\S+)\s+"/.exec(v);
  if (!m) return bad('Warning needs a 3-digit code, an agent and a quoted text');
  const q = parseQuoted(v, m[0].length - 1);
  if (q.end < 0 || v.slice(q.end).trim() !== '') return bad('malformed warn-text');
  return ok({ code: Number(m[1]), agent: m[2]!, text: q.text });
}

export function parseWarning(values: readonly string[]): Result<WarningValue[], ValueError> {
  const out: WarningValue[] = [];
  for (const raw of values) {
    for (const v of splitList(raw)) {
      const r = parseWarningValue(v);
      if (!r.ok) return r;
      out.push(r.value);
    }
  }
  return ok(out);
}

export function formatWarning(w: WarningValue): string {
  return `${w.code} ${w.agent} ${quote(w.text)}`;
}
