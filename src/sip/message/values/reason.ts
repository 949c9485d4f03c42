/**
 * Reason (RFC 3326 §2): protocol *( SEMI reason-params ), protocol = "SIP" / "Q.850" / token,
 * reason-params = protocol-cause ("cause=" 1*DIGIT) / reason-text ("text=" quoted-string) / generic-param.
 * Q.850 causes are 1..127 (ITU-T Q.850 §2.2.5); SIP causes are status codes.
 */
import { TOKEN, quote, scan, skipWs } from '../charset.js';
import { parseParams, serializeParams, unquoteParam } from '../params.js';
import type { Params, Result } from '../types.js';
import { bad, ok, type ValueError } from './common.js';

export interface ReasonValue {
  /** "SIP", "Q.850" or another protocol token (case as sent; compare case-insensitively) */
  protocol: string;
  cause: number | undefined;
  /** reason-text unquoted */
  text: string | undefined;
  /** other parameters */
  params: Params;
}

export function parseReasonValue(v: string): Result<ReasonValue, ValueError> {
  const i = skipWs(v, 0);
  const e = scan(v, i, TOKEN);
  if (e === i) return bad('missing protocol');
  const protocol = v.slice(i, e);
  const p = parseParams(v, e);
  if (p.error) return bad(p.error);
  if (skipWs(v, p.end) !== v.length) return bad('trailing characters');
  const params = p.params;
  let cause: number | undefined;
  const c = params.get('cause');
  if (c !== undefined) {
    if (c === null || !/^\d{1,5}$/.test(c)) return bad('malformed cause');
    cause = Number(c);
    const proto = protocol.toUpperCase();
    if (proto === 'Q.850' && (cause < 1 || cause > 127)) return bad(`Q.850 cause ${cause} out of range 1..127`);
    if (proto === 'SIP' && (cause < 100 || cause > 699)) return bad(`SIP cause ${cause} out of range 100..699`);
  }
  const text = unquoteParam(params.get('text'));
  params.delete('cause');
  params.delete('text');
  return ok({ protocol, cause, text, params });
}

export function parseReason(values: readonly string[]): Result<ReasonValue[], ValueError> {
  const out: ReasonValue[] = [];
  for (const v of values) {
    const r = parseReasonValue(v);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

export function formatReason(r: ReasonValue): string {
  let out = r.protocol;
  if (r.cause !== undefined) out += `;cause=${r.cause}`;
  if (r.text !== undefined) out += `;text=${quote(r.text)}`;
  return out + serializeParams(r.params);
}

/** the Q.850 cause among Reason values (RFC 3398 / Q.1912.5 interworking), if any */
export function q850Cause(values: readonly ReasonValue[]): number | undefined {
  return values.find((r) => r.protocol.toUpperCase() === 'Q.850')?.cause;
}
