/** Public API of the SIP message layer. */
export type * from './types.js';
export type { SipParseError, SipParseErrorKind, PartialMessage } from './errors.js';
export { SipHeaders, type HeaderEntry } from './headers.js';
export { headerKey, canonicalHeaderName, isListHeader } from './header-names.js';
export { parseMessage, type ParseOptions, type ParseResult } from './parse.js';
export { frameStream, type FrameResult } from './framing.js';
export { serializeMessage } from './serialize.js';
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
  type ResponseOptions,
  type RequestInit,
} from './build.js';
