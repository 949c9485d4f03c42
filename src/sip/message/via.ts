/**
 * Via (RFC 3261 §20.42, §25.1 via-parm; RFC 3581 rport; RFC 5118 §4.5 bracketed received):
 *   sent-protocol LWS sent-by *( SEMI via-params ), sent-protocol = name SLASH version SLASH transport,
 *   SLASH = SWS "/" SWS, sent-by = host [ COLON port ].
 */
import { DIGIT, HOSTCHAR, TOKEN, scan, skipWs } from './charset.js';
import { parseParams, serializeParams } from './params.js';
import { checkHost } from './uri.js';
import type { Result, Via } from './types.js';

export interface ViaError {
  readonly reason: string;
}

function fail(reason: string): Result<never, ViaError> {
  return { ok: false, error: { reason } };
}

function slash(s: string, i: number): number {
  const j = skipWs(s, i);
  if (s.charCodeAt(j) !== 47) return -1;
  return skipWs(s, j + 1);
}

/** Parse one via-parm (a single element of a Via list). */
export function parseVia(s: string): Result<Via, ViaError> {
  let i = skipWs(s, 0);
  let protocolName: string;
  let protocolVersion: string;
  let transport: string;
  let c: number;
  if (s.startsWith('SIP/2.0/', i)) {
    // fast path for the canonical form
    protocolName = 'SIP';
    protocolVersion = '2.0';
    c = scan(s, i + 8, TOKEN);
    transport = s.slice(i + 8, c);
  } else {
    const a = scan(s, i, TOKEN);
    protocolName = s.slice(i, a);
    if (!protocolName) return fail('missing protocol name');
    i = slash(s, a);
    if (i < 0) return fail('malformed sent-protocol');
    const b = scan(s, i, TOKEN);
    protocolVersion = s.slice(i, b);
    if (!protocolVersion) return fail('missing protocol version');
    i = slash(s, b);
    if (i < 0) return fail('malformed sent-protocol');
    c = scan(s, i, TOKEN);
    transport = s.slice(i, c);
  }
  if (!transport) return fail('missing transport');
  i = skipWs(s, c);
  if (i === c) return fail('missing whitespace before sent-by');
  // sent-by
  let host: string;
  if (s.charCodeAt(i) === 91) {
    const close = s.indexOf(']', i);
    if (close < 0) return fail('unterminated IPv6 reference');
    host = s.slice(i, close + 1);
    i = close + 1;
  } else {
    const e = scan(s, i, HOSTCHAR);
    host = s.slice(i, e);
    i = e;
  }
  const he = checkHost(host);
  if (he) return fail(he);
  let port: number | undefined;
  let j = skipWs(s, i);
  if (s.charCodeAt(j) === 58) {
    j = skipWs(s, j + 1);
    let e = j;
    while (e < s.length && s.charCodeAt(e) >= 48 && s.charCodeAt(e) <= 57) e++;
    if (e === j || e - j > 5) return fail('malformed port');
    port = Number(s.slice(j, e));
    if (port > 65535) return fail('port out of range');
    i = e;
  }
  const p = parseParams(s, i);
  if (p.error) return fail(p.error);
  if (skipWs(s, p.end) !== s.length) return fail(`unexpected ${JSON.stringify(s.slice(p.end, p.end + 10))} in Via`);
  const params = p.params;
  const branch = params.get('branch');
  if (branch === null) return fail('branch without value');
  const received = params.get('received');
  if (received === null) return fail('received without value');
  const rportRaw = params.get('rport');
  let rport: number | null | undefined;
  if (rportRaw === null) rport = null;
  else if (rportRaw !== undefined) {
    rport = rportRaw.length <= 5 && scan(rportRaw, 0, DIGIT) === rportRaw.length ? Number(rportRaw) : NaN;
    if (!(rport <= 65535)) return fail('malformed rport');
  }
  params.delete('branch');
  params.delete('received');
  params.delete('rport');
  return {
    ok: true,
    value: {
      protocolName,
      protocolVersion,
      transport: transport.toUpperCase(),
      host,
      port,
      branch,
      received,
      rport,
      params,
    },
  };
}

export function serializeVia(v: Via): string {
  let out = `${v.protocolName}/${v.protocolVersion}/${v.transport} ${v.host}`;
  if (v.port !== undefined) out += ':' + v.port;
  if (v.branch !== undefined) out += ';branch=' + v.branch;
  if (v.received !== undefined) out += ';received=' + v.received;
  if (v.rport !== undefined) out += v.rport === null ? ';rport' : ';rport=' + v.rport;
  return out + serializeParams(v.params);
}
