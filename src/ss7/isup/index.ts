// ISUP codec (ITU-T Q.763): decode/encode messages, the parameter registry and the message table.
export { decodeIsup } from './decode.js';
export { encodeIsup, encodeParameter } from './encode.js';
export { describeMessage, describeParameter } from './describe.js';
export { unexpectedParameters } from './expected.js';
export { findParam, paramValue, type IsupMessage } from './message.js';
export { ituProfile, variantProfile, type IsupProfile } from './profile.js';
export { ituMessageFormats, type MessageFormat } from './message-formats.js';
export { ituParameters } from './registry.js';
export { P } from './parameter-codes.js';
export * from './errors.js';
export type * from './types.js';
