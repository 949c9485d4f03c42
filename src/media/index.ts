// The media API: channels binding RTP streams to E1 timeslots (docs/media.md).
export { MediaCore, MediaChannel, mediaCoreOptions, type MediaCoreOptions } from './media-core.js';
export type { ChannelMediaParams, ChannelOpenOptions, DtmfMode, MediaChannelStats, MediaEvent, RemoteAddress } from './types.js';
export { MEDIA_COUNTERS } from './types.js';
