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
  /**
   * connect() the RTP socket to the remote address (with symmetric RTP: to the latched source, once
   * latched). The kernel then keeps the route (cheaper sends) and drops datagrams from any other
   * source before the channel sees them: they are not counted as `rtp.wrongSource`. Default false.
   */
  connect?: boolean;
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

/** The counters of MediaChannel.stats(), named group.event, with what they count (for dashboards and metrics). */
export const MEDIA_COUNTERS: Readonly<Record<string, string>> = {
  'rtp.rx': 'RTP packets accepted (valid header, negotiated payload type, accepted source and sequence)',
  'rtp.tx': 'RTP packets sent (audio and telephone-event)',
  'rtp.octetsRx': 'payload octets accepted',
  'rtp.octetsTx': 'payload octets sent',
  'rtp.badShort': 'datagrams shorter than an RTP header (dropped)',
  'rtp.badVersion': 'RTP version other than 2 (dropped)',
  'rtp.badHeader': 'CSRC list, extension or padding beyond the packet (dropped)',
  'rtp.unknownPt': 'payload type not negotiated (dropped)',
  'rtp.wrongSource': 'packets from another address after symmetric RTP latched (dropped)',
  'rtp.badSeq': 'sequence jumps beyond RFC 3550 A.1 MAX_DROPOUT not (yet) confirmed (dropped)',
  'rtp.badSize': 'audio payloads that are not whole 10 ms frames (dropped)',
  'rtp.ssrcChanges': 'SSRC changes of the remote stream',
  'rtp.timeouts': 'RTP timeouts (no packet for rtpTimeoutMs)',
  'rtp.sendErrors': 'packets the kernel refused to send',
  'rtp.cumulativeLost': 'packets lost per RFC 3550 A.3 (expected - received)',
  'rtp.jitterMs': 'interarrival jitter (RFC 3550 A.8), ms',
  'jb.played': 'frames played from the jitter buffer',
  'jb.lost': 'frames missing with later frames present (concealed)',
  'jb.underflow': 'frames concealed because nothing had arrived (the delay grows)',
  'jb.late': 'frames that arrived after their playout time (discarded)',
  'jb.duplicate': 'duplicate frames (discarded)',
  'jb.dropped': 'frames dropped to shrink the delay or to stay under the maximum',
  'jb.empty': 'frame periods with no stream (prefetching or paused): silence',
  'jb.level': 'frames buffered ahead of playout',
  'dtmf.rtpRx': 'RFC 4733 DTMF events received',
  'dtmf.tdmDetected': 'DTMF digits detected in-band on the timeslot',
  'dtmf.eventPacketsTx': 'RFC 4733 packets sent',
  'dtmf.eventPacketsRx': 'RFC 4733 packets received',
  'rtcp.tx': 'RTCP compound packets sent',
  'rtcp.rx': 'RTCP compound packets accepted',
  'rtcp.bad': 'RTCP datagrams failing the RFC 3550 A.2 checks',
  'rtcp.rttMs': 'round-trip time from the last report block about us (RFC 3550 6.4.1), ms; -1 unknown',
  'rtcp.remoteFractionLost': 'fraction lost the far end reports about our stream (/256); -1 unknown',
  'rtcp.remoteJitterMs': 'jitter the far end reports about our stream, ms; -1 unknown',
  'channel.paramsApplied': 'modify() / playTone() changes applied by the engine thread',
};
