/**
 * Content-Type (§20.15): m-type SLASH m-subtype *( SEMI m-parameter ); type and subtype case-insensitive.
 */
import { TOKEN, scan, skipWs } from '../charset.js';
import { parseParams, serializeParams, unquoteParam } from '../params.js';
import type { Params, Result } from '../types.js';
import { bad, ok, type ValueError } from './common.js';

export interface ContentType {
  /** lower-case "type/subtype" */
  mediaType: string;
  /** parameter values as sent (quoted strings keep their quotes; read them with `contentTypeParam`) */
  params: Params;
}

export function parseContentType(v: string): Result<ContentType, ValueError> {
  const i = skipWs(v, 0);
  const a = scan(v, i, TOKEN);
  if (a === i) return bad('missing type');
  let j = skipWs(v, a);
  if (v.charCodeAt(j) !== 47) return bad('missing "/"');
  j = skipWs(v, j + 1);
  const b = scan(v, j, TOKEN);
  if (b === j) return bad('missing subtype');
  const p = parseParams(v, b);
  if (p.error) return bad(p.error);
  if (skipWs(v, p.end) !== v.length) return bad('trailing characters');
  return ok({ mediaType: `${v.slice(i, a)}/${v.slice(j, b)}`.toLowerCase(), params: p.params });
}

export function contentTypeParam(ct: ContentType, name: string): string | undefined {
  return unquoteParam(ct.params.get(name.toLowerCase()));
}

export function formatContentType(ct: ContentType): string {
  return ct.mediaType + serializeParams(ct.params);
}
