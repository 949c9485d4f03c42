/** Public API of the SIP message layer (see docs/sip-message.md). */
export type * from './types.js';
export { parseError, type SipParseError, type SipParseErrorKind, type PartialMessage } from './errors.js';
export { SipHeaders, type HeaderEntry } from './headers.js';
export { headerKey, canonicalHeaderName, isListHeader } from './header-names.js';
export { parseMessage, type ParseOptions, type ParseResult } from './parse.js';
export { frameStream, type FrameResult } from './framing.js';
export { serializeMessage, serializeHead, serializeContact } from './serialize.js';
export { parseUri, serializeUri, uriUser, checkHost, type UriError } from './uri.js';
export { parseNameAddr, parseFromTo, serializeNameAddr, serializeFromTo, type NameAddrError } from './name-addr.js';
export { uriEquals } from './uri-equals.js';
export { parseVia, serializeVia, type ViaError } from './via.js';
export { parseParams, serializeParams, unquoteParam } from './params.js';
export { splitList } from './split.js';
export { parseCSeq, serializeCSeq, parseCallId, parseMaxForwards, parseContentLength, parseSipDate } from './core-headers.js';
export {
  createResponse,
  createRequest,
  createVia,
  createErrorResponseForParseError,
  generateBranch,
  generateTag,
  generateCallId,
  reasonPhrase,
  cloneUri,
  BRANCH_MAGIC_COOKIE,
  REASON_PHRASES,
  type ResponseOptions,
  type RequestInit,
} from './build.js';
export {
  checkRequestSemantics,
  checkResponseSemantics,
  KNOWN_METHODS,
  type UasPolicy,
  type SemanticVerdict,
} from './semantics.js';
export { getTypedHeader, type TypedHeaderMap, type TypedHeaderName } from './typed-headers.js';
export { parseMultipart, serializeMultipart, type BodyPart, type MultipartError } from './multipart.js';
export { formatIdentity } from './values/identity.js';
export { formatPrivacy, privacyHidesIdentity, type PrivacyValue } from './values/privacy.js';
export { formatReason, parseReasonValue, q850Cause, type ReasonValue } from './values/reason.js';
export { formatDiversion, type DiversionValue } from './values/diversion.js';
export { formatHistoryInfo, type HistoryInfoEntry } from './values/history-info.js';
export { formatSessionExpires, MIN_SE_FLOOR, type SessionExpires } from './values/session-timer.js';
export { contactExpires, contactQ } from './values/contact.js';
export { parseContentType, contentTypeParam, formatContentType, type ContentType } from './values/content-type.js';
export type { ValueError } from './values/common.js';
export { formatRAck, type RAck } from './values/reliability.js';
export { formatRetryAfter, formatWarning, type RetryAfter, type WarningValue } from './values/retry-warning.js';
export { digestChallenge, formatAuthValue, parseAuthValue, type AuthValue, type DigestChallenge } from './values/auth.js';
