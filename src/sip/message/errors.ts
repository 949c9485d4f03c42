/**
 * Typed parse errors (never thrown past the parser). Each names what is wrong and the response it deserves
 * (RFC 3261 §8.2: 400 for malformed requests, 505 for a bad SIP-Version (§8.2.2 / §21.5.6),
 * 416 unsupported URI scheme (§8.2.2.1) …). Responses that fail to parse are dropped (§18.1.2), never answered.
 */
import type { SipHeaders } from './headers.js';

export type SipParseErrorKind =
  /** the bytes do not hold a complete header section (no empty line) */
  | 'incomplete'
  /** request-line / status-line malformed */
  | 'bad-start-line'
  /** SIP-Version is not SIP/2.0 */
  | 'bad-version'
  /** malformed Request-URI */
  | 'bad-request-uri'
  /** a header line or value is malformed */
  | 'bad-header'
  /** a mandatory header (§8.1.1) is missing */
  | 'missing-header'
  /** a header that must appear once appears several times (RFC 4475 §3.3.8) */
  | 'duplicate-header'
  /** Content-Length malformed, negative, conflicting, or larger than the data (RFC 4475 §3.1.2.2/3, §3.3.9) */
  | 'bad-content-length'
  /** message larger than the configured limit */
  | 'too-large';

export interface SipParseError {
  readonly kind: SipParseErrorKind;
  /** canonical header name concerned, when one is */
  readonly header?: string;
  /** human-readable detail, safe to log */
  readonly reason: string;
  /** response status a UAS sends for a request with this defect (400, 505, 413 …); ignored for responses */
  readonly status: number;
  /** reason phrase to use with `status` (e.g. "Bad Request - Malformed CSeq") */
  readonly statusText: string;
  /** true when the start line was a request line (a response must never be answered) */
  readonly isRequest: boolean | undefined;
  /**
   * Whatever of the message could be recovered (start line tokens and raw headers), so a UAS can still
   * build an error response per §8.2.6 with `createErrorResponseForParseError`. Undefined when the header
   * section could not be split at all.
   */
  readonly partial?: PartialMessage;
}

export interface PartialMessage {
  readonly method?: string;
  readonly headers: SipHeaders;
}

export function parseError(
  kind: SipParseErrorKind,
  reason: string,
  opts: { header?: string; status?: number; statusText?: string; isRequest?: boolean; partial?: PartialMessage } = {},
): SipParseError {
  const status = opts.status ?? (kind === 'bad-version' ? 505 : kind === 'too-large' ? 513 : 400);
  const statusText =
    opts.statusText ??
    (status === 505
      ? 'Version Not Supported'
      : status === 513
        ? 'Message Too Large'
        : opts.header
          ? `Bad Request - Malformed ${opts.header}`
          : 'Bad Request');
  return {
    kind,
    reason,
    status,
    statusText,
    isRequest: opts.isRequest,
    ...(opts.header !== undefined ? { header: opts.header } : {}),
    ...(opts.partial !== undefined ? { partial: opts.partial } : {}),
  };
}
