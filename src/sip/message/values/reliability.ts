/**
 * RSeq and RAck (RFC 3262 §7.1, §7.2) for reliable provisional responses:
 *   RSeq = response-num (1*DIGIT, 1..2^31-1); RAck = response-num LWS CSeq-num LWS Method.
 */
import { isToken } from '../charset.js';
import type { Result } from '../types.js';
import { bad, ok, type ValueError } from './common.js';

export interface RAck {
  rseq: number;
  cseq: number;
  method: string;
}

const MAX_RSEQ = 0x7fffffff; // RFC 3262 §3: initial value below 2^31, never wraps

function num(s: string, max: number): number | undefined {
  if (!/^\d{1,10}$/.test(s)) return undefined;
  const n = Number(s);
  return n <= max ? n : undefined;
}

export function parseRSeq(v: string): Result<number, ValueError> {
  const n = num(v.trim(), MAX_RSEQ);
  return n === undefined || n === 0 ? bad('RSeq must be 1..2^31-1') : ok(n);
}

export function parseRAck(v: string): Result<RAck, ValueError> {
  const f = v.trim().split(/[ \t]+/);
  if (f.length !== 3) return bad('RAck needs response-num, CSeq number and method');
  const rseq = num(f[0]!, MAX_RSEQ);
  const cseq = num(f[1]!, 0xffffffff);
  if (rseq === undefined || cseq === undefined) return bad('RAck numbers out of range');
  if (!isToken(f[2]!)) return bad('RAck method is not a token');
  return ok({ rseq, cseq, method: f[2]! });
}

export function formatRAck(r: RAck): string {
  return `${r.rseq} ${r.cseq} ${r.method}`;
}
