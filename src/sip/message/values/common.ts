/** Shared helpers for typed header values. */
import type { Result } from '../types.js';

export interface ValueError {
  readonly reason: string;
}

export function bad(reason: string): Result<never, ValueError> {
  return { ok: false, error: { reason } };
}

export function ok<T>(value: T): Result<T, ValueError> {
  return { ok: true, value };
}

/** delta-seconds = 1*DIGIT, bounded to 2^32-1 (RFC 4475 §3.1.2.4) */
export function parseDeltaSeconds(s: string): number | undefined {
  const t = s.trim();
  if (!/^\d{1,10}$/.test(t)) return undefined;
  const n = Number(t);
  return n <= 0xffffffff ? n : undefined;
}
