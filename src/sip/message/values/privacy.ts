/**
 * Privacy (RFC 3323 §4.2, RFC 3325 §9.3 "id"): priv-value *( ";" priv-value ).
 * Known values: header, session, user, none, critical, id; other tokens are kept (extension values).
 */
import { isToken } from '../charset.js';
import type { Result } from '../types.js';
import { bad, ok, type ValueError } from './common.js';

export type PrivacyValue = 'header' | 'session' | 'user' | 'none' | 'critical' | 'id' | (string & {});

export function parsePrivacy(values: readonly string[]): Result<PrivacyValue[], ValueError> {
  const out: PrivacyValue[] = [];
  for (const v of values) {
    for (const part of v.split(';')) {
      const t = part.trim().toLowerCase();
      if (!isToken(t)) return bad(`malformed priv-value ${JSON.stringify(part.trim())}`);
      out.push(t);
    }
  }
  if (out.length === 0) return bad('empty Privacy');
  if (out.includes('none') && out.length > 1) return bad('"none" combined with other priv-values');
  return ok(out);
}

export function formatPrivacy(v: readonly PrivacyValue[]): string {
  return v.join(';');
}

/** true when the identity must be withheld from untrusted peers (RFC 3325 §7: "id"; RFC 3323 "user"/"header"). */
export function privacyHidesIdentity(v: readonly PrivacyValue[]): boolean {
  return v.includes('id') || v.includes('user') || v.includes('header');
}
