// Types of the media API (src/media/): channel options as call control gives them (from the
// negotiated SDP), the events a channel reports, and its statistics.
import type { G711Law } from '../native/types/media.js';

export type DtmfMode = 'rfc4733' | 'inband';

export interface RemoteAddress {
  host: string;
  port: number;
}

/** What call control negotiated for the RTP side (RFC 3264 answer) and the TDM side. */
export interface ChannelMediaParams {
  /** Payload type of the G.711 audio (0 PCMU, 8 PCMA, or a dynamic one mapped to them). */
  payloadType: number;
  /** The encoding of that payload type: PCMA (A-law) or PCMU (µ-law). */
  encoding: 'PCMA' | 'PCMU';
  /** telephone-event payload type (RFC 4733), or null when not negotiated. */
  telephoneEventPt: number | null;
  ptimeMs: 10 | 20 | 30;
  dtmfMode: DtmfMode;
  /** Remote RTP address, or null until known (symmetric RTP can learn it). */
  remote: RemoteAddress | null;
  /** Symmetric RTP: latch the remote address to the source of the first valid packet. */
  symmetric: boolean;
}

export interface ChannelOpenOptions extends Partial<ChannelMediaParams> {
  /** Engine handle of the span (TrunkSpan.engineHandle). */
  span: number;
  /** Bearer timeslot 1-31 (not a signalling timeslot). */
  timeslot: number;
  /** Companding law of the span's bearer timeslots (spans[].law). Default 'alaw'. */
  tdmLaw?: G711Law;
  /** MEDIA_RTP_TIMEOUT after this long without RTP (0 = off). Default 30000. */
  rtpTimeoutMs?: number;
  /** RTCP report interval (0 = no RTCP). Default 5000. */
  rtcpIntervalMs?: number;
  /** Jitter buffer in ms (multiples of 10): initial, minimum and maximum delay. */
  jitterBuffer?: { initialMs?: number; minMs?: number; maxMs?: number };
}

export type MediaEvent =
  | { type: 'MEDIA_FIRST_PACKET'; ssrc: number }
  | { type: 'MEDIA_SSRC_CHANGE'; ssrc: number; previousSsrc: number }
  | { type: 'MEDIA_RTP_TIMEOUT'; silentMs: number }
  | { type: 'MEDIA_RTP_RESUMED' }
  | { type: 'MEDIA_LATCHED'; remote: string }
  | { type: 'MEDIA_DTMF'; digit: string; phase: 'begin' | 'end'; source: 'rtp' | 'tdm'; durationMs?: number };

export type MediaChannelStats = Record<string, number>;
