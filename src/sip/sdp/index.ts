/** Public API of the SDP layer (RFC 8866, RFC 3264); see docs/sip-message.md. */
export type * from './types.js';
export { sdpError, sdpWarning, type SdpError, type SdpErrorKind } from './errors.js';
export { parseSdp } from './parse.js';
export { serializeSdp } from './serialize.js';
export {
  STATIC_PAYLOAD_TYPES, answerDirection, attr, connectionOf, direction, fmtp, formatEventList, isNullAddress,
  localDirectionFromAnswer, parseEventList, ptime, rtpMap, type RtpMap,
} from './media.js';
export {
  SdpNegotiator, CODEC_PT, TRANSITIONS, type Codec, type LocalMediaConfig, type NegotiatedAudio, type NegotiatorEvent,
  type NegotiatorState,
} from './negotiator.js';
