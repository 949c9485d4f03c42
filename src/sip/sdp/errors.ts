/**
 * Typed SDP errors. Every one maps to a SIP response: 488 Not Acceptable Here with a Warning header
 * (RFC 3261 §20.43: 399 miscellaneous, 304 media type not available, 305 incompatible media format),
 * or for offer/answer misuse an internal state error.
 */

export type SdpErrorKind =
  /** a line is not "<type>=<value>" or a field is malformed (RFC 8866 §5) */
  | 'malformed'
  /** a mandatory line (v, o, s, t) is missing or a media stream has no connection address */
  | 'missing-line'
  /** no acceptable media stream / codec in an offer or answer (RFC 3264 §6) */
  | 'no-common-codec'
  /** an answer that does not fit its offer (m-line count, unknown payload type …; RFC 3264 §6, §7) */
  | 'bad-answer'
  /** a re-offer that removes m-lines (RFC 3264 §8) */
  | 'bad-offer'
  /** operation not allowed in the negotiator's state (e.g. two offers in a row: 491 glare) */
  | 'invalid-state';

export interface SdpError {
  readonly kind: SdpErrorKind;
  readonly reason: string;
  /** 1-based line number in the SDP text, when one is concerned */
  readonly line?: number;
  /** response a UAS sends when this SDP came in a request (488; 491 for glare; 500 for local misuse) */
  readonly status: number;
  /** RFC 3261 §20.43 warn-code */
  readonly warnCode: 399 | 304 | 305;
}

export function sdpError(kind: SdpErrorKind, reason: string, line?: number, statusOverride?: number): SdpError {
  const status = statusOverride ?? (kind === 'invalid-state' ? 500 : 488);
  const warnCode = kind === 'no-common-codec' ? 305 : 399;
  return { kind, reason, status, warnCode, ...(line !== undefined ? { line } : {}) };
}

/** Warning header value for a 488 (RFC 3261 §20.43): `399 host "reason"`. */
export function sdpWarning(err: SdpError, agent: string): string {
  const text = (err.line !== undefined ? `SDP line ${err.line}: ` : 'SDP: ') + err.reason;
  return `${err.warnCode} ${agent} "${text.replace(/["\\\r\n]/g, ' ')}"`;
}
