/**
 * Option-tag lists (Supported §20.37, Require §20.32, Unsupported §20.40, Proxy-Require §20.29) and Allow
 * (§20.5): comma lists of tokens. Values arrive split by the parser; an empty Supported is legal.
 */
import { isToken } from '../charset.js';
import type { Result } from '../types.js';
import { bad, ok, type ValueError } from './common.js';

export function parseTokenList(values: readonly string[], allowEmpty: boolean): Result<string[], ValueError> {
  const out: string[] = [];
  for (const v of values) {
    const t = v.trim();
    if (t === '' && allowEmpty) continue;
    if (!isToken(t)) return bad(`malformed token ${JSON.stringify(t)}`);
    out.push(t);
  }
  return ok(out);
}
