// Typed face of the "media" export group (native/media/media_binding*.cc): the pure DSP components of
// the media core (G.711, jitter buffer, loss concealment, DTMF, tones, RTP/RTCP), for tests and tools.
// The live media channels are driven through src/media/.

export type G711Law = 'alaw' | 'ulaw';

export interface JitterBufferConfig {
  /** Octets per frame (80 = 10 ms of G.711). */
  frameBytes?: number;
  /** Frames buffered before playout starts (the delay at start). */
  initialFrames?: number;
  /** The buffer never shrinks below this level. */
  minFrames?: number;
  /** Above this level frames are dropped at once. */
  maxFrames?: number;
  /** Gets per adaptation window. */
  window?: number;
  /** Consecutive underflows after which the stream counts as paused (re-anchors on the next frame). */
  resyncFrames?: number;
  /** A frame index this far from playout restarts the buffer. */
  resetJumpFrames?: number;
}

export type JbPutResult = 'ok' | 'late' | 'duplicate' | 'overflow' | 'reset' | 'badsize';
export type JbFrameKind = 'normal' | 'lost' | 'underflow' | 'empty';

export interface JbFrame {
  kind: JbFrameKind;
  /** Frame index played or concealed (absent for 'empty'). */
  index?: number;
  payload?: Uint8Array;
}

export interface JitterBufferStats {
  put: number;
  played: number;
  lost: number;
  underflow: number;
  empty: number;
  late: number;
  duplicate: number;
  overflowDropped: number;
  shrinkDropped: number;
  resets: number;
  badSize: number;
  level: number;
  minLevel: number;
  maxLevelSeen: number;
}

export interface NativeJitterBuffer {
  put(index: number, payload?: Uint8Array | null, marker?: boolean, silent?: boolean): JbPutResult;
  get(): JbFrame;
  reset(): void;
  stats(): JitterBufferStats;
}

export interface DtmfDetectorConfig {
  minLevelDbm0?: number;
  /** High group above low group, dB ("normal" twist, the Q.23 pre-emphasis direction). */
  maxNormalTwistDb?: number;
  /** Low group above high group, dB. */
  maxReverseTwistDb?: number;
  groupDominanceDb?: number;
  /** Share of the block energy the two tones must carry (talk-off guard), 0..1. */
  minPurity?: number;
  /** Frequency deviation accepted, % (Q.24: operate within 1.5 %, reject beyond 3.5 %). */
  freqTolerancePct?: number;
}

export interface DtmfDetection {
  digit: string;
  begin: boolean;
  /** Sample index where the digit began / ended (10 ms block resolution). */
  sample: number;
}

export interface ToneSpecInput {
  freqs: { hz: number; dbm0: number }[];
  /** on, off, on, off ... in ms; absent or empty = continuous. */
  cadenceMs?: number[];
  repeat?: boolean;
}

export interface TelephoneEventPayload {
  event: number;
  end: boolean;
  volume: number;
  duration: number;
}

export interface TelephoneEventPacketOut {
  timestamp: number;
  marker: boolean;
  payload: Uint8Array;
}

export interface TelephoneEventReport {
  event: number;
  begin: boolean;
  timestamp: number;
  duration: number;
  volume: number;
}

export interface TelephoneEventReceiveResult {
  reports: TelephoneEventReport[];
  stats: { packets: number; duplicates: number; malformed: number; stale: number; endsLost: number };
}

export interface RtpHeaderInput {
  payloadType: number;
  seq: number;
  timestamp: number;
  ssrc: number;
  marker?: boolean;
  csrc?: number[];
  extProfile?: number;
  /** Padding octets to append (the last one counts them), 0 = none. */
  paddingLength?: number;
}

export type RtpParseError = 'short' | 'version' | 'csrc' | 'extension' | 'padding';

export interface RtpParsed {
  error?: RtpParseError;
  version?: number;
  padding?: boolean;
  extension?: boolean;
  marker?: boolean;
  payloadType?: number;
  seq?: number;
  timestamp?: number;
  ssrc?: number;
  csrc?: number[];
  extProfile?: number;
  ext?: Uint8Array;
  paddingLength?: number;
  payload?: Uint8Array;
}

export type RtpReceiveStep = { seq: number; ts: number; arrival: number; ssrc?: number } | { report: true };

export interface RtpSourceStats {
  ssrc: number;
  received: number;
  extendedMax: number;
  expected: number;
  cumulativeLost: number;
  jitter: number;
  badSeq: number;
  restarts: number;
  probationDropped: number;
}

export interface RtcpReportBlock {
  ssrc: number;
  fractionLost: number;
  cumulativeLost: number;
  extHighestSeq: number;
  jitter: number;
  lsr: number;
  dlsr: number;
}

export interface RtcpReportInput {
  ssrc: number;
  sender?: { ntp: bigint; rtpTimestamp: number; packetCount: number; octetCount: number };
  blocks?: RtcpReportBlock[];
}

export interface RtcpParsed {
  error?: 'short' | 'version' | 'length' | 'not-report-first' | 'padding';
  packets?: number;
  bye?: boolean;
  cname?: string;
  type?: 'SR' | 'RR';
  ssrc?: number;
  sender?: { ntp: bigint; rtpTimestamp: number; packetCount: number; octetCount: number };
  blocks?: RtcpReportBlock[];
}

/** Channel parameters as the native hub takes them (src/media/ validates and fills defaults). */
export interface NativeChannelParams {
  tdmLaw: G711Law;
  rtpLaw: G711Law;
  audioPt: number;
  /** -1: no telephone-event payload type negotiated. */
  telephoneEventPt: number;
  ptimeMs: 10 | 20 | 30;
  dtmfMode: 'rfc4733' | 'inband';
  symmetric: boolean;
  /** connect() the RTP socket to the remote (when symmetric: once latched); default false. */
  connect?: boolean;
  rtpTimeoutMs: number;
  rtcpIntervalMs: number;
  remote?: { host: string; port: number };
  jitterBuffer: { initialFrames: number; minFrames: number; maxFrames: number };
  /** A tone to play (absent: none): on the timeslot ('tdm', RTP audio muted) or as the RTP audio ('rtp'). */
  tone?: ToneSpecInput;
  toneTarget?: 'tdm' | 'rtp';
  /** Changes with every tone request (restarts the cadence). */
  toneSeq: number;
}

export interface NativeChannelOpen extends NativeChannelParams {
  span: number;
  timeslot: number;
  localHost: string;
  rtcp: boolean;
}

export type NativeMediaEvent =
  | { type: 'MEDIA_FIRST_PACKET'; channel: number; ssrc: number }
  | { type: 'MEDIA_SSRC_CHANGE'; channel: number; ssrc: number; previousSsrc: number }
  | { type: 'MEDIA_RTP_TIMEOUT'; channel: number; silentMs: number }
  | { type: 'MEDIA_RTP_RESUMED'; channel: number }
  | { type: 'MEDIA_LATCHED'; channel: number; remote: string }
  | { type: 'MEDIA_DTMF'; channel: number; digit: string; phase: 'begin' | 'end'; source: 'rtp' | 'tdm'; durationMs?: number };

/** Counters named group.event (rtp.*, jb.*, dtmf.*, rtcp.*, channel.*). */
export type NativeChannelStats = Record<string, number>;

export interface NativeMediaHub {
  openChannel(cfg: NativeChannelOpen): { handle: number; port: number; ssrc: number };
  modifyChannel(channel: number, params: NativeChannelParams): void;
  /** Idempotent: false if the channel was not open. */
  closeChannel(channel: number): boolean;
  channelStats(channel: number): NativeChannelStats;
  drain(): NativeMediaEvent[];
  /** Hub figures; send lateness = packet send time after its tick's deadline (µs); reset = clear them after reading. */
  stats(reset?: boolean): {
    channels: number;
    eventsDropped: number;
    polls: number;
    sendLateSamples?: number;
    sendLateP50Us?: number;
    sendLateP99Us?: number;
    sendLateMaxUs?: number;
    /**
     * Engine-thread time spent in the media channels (µs), estimated from every 17th tick timed
     * (MediaHub::kTimingEvery); over a wall-clock interval it is the media core's share of a core.
     */
    mediaBusyUs?: number;
  };
  close(): void;
}

export interface MediaNative {
  /** G.711 encode of 16-bit linear samples (rounded to 13/14 bits like sox, then G.711 Tables 1/2). */
  g711Encode(law: G711Law, samples: Int16Array): Uint8Array;
  /** G.711 decode to 16-bit linear (the middle of each quantisation interval). */
  g711Decode(law: G711Law, codes: Uint8Array): Int16Array;
  /** Direct code conversion by G.711 Table 3 (µ->A) or Table 4 (A->µ); identity when from === to. */
  g711Convert(from: G711Law, to: G711Law, codes: Uint8Array): Uint8Array;
  /** The codec registry behind native/media/codec.h (null for an unknown encoding name). */
  codecInfo(encodingName: string): { encodingName: string; payloadType: number; clockRate: number; sampleRate: number; sampleBased: boolean } | null;
  /** Encode then decode through the AudioCodec interface (TandemNativeError ECODEC for an unknown name). */
  codecRoundTrip(encodingName: string, samples: Int16Array): { payload: Uint8Array; decoded: Int16Array; encodedOctets: number; decodedSamples: number };
  /** The adaptive jitter buffer of the media channel (native/media/jitter_buffer.h). */
  JitterBuffer: new (config: JitterBufferConfig) => NativeJitterBuffer;
  /** G.711 Appendix I concealment over whole 80-sample frames; lost[i] != 0 marks frame i lost. Output is delayed by plcDelaySamples. */
  plcConceal(samples: Int16Array, lost: Uint8Array): Int16Array;
  readonly plcDelaySamples: number;
  /** Q.24 in-band DTMF receiver over 8 kHz linear samples. */
  dtmfDetect(samples: Int16Array, config?: DtmfDetectorConfig): DtmfDetection[];
  /** Q.23 DTMF digits: each onMs of tone then offMs of silence (levels per frequency in dBm0). */
  dtmfGenerate(digits: string, options?: { onMs?: number; offMs?: number; lowDbm0?: number; highDbm0?: number }): Int16Array;
  /** Call-progress (or any) tone with its cadence, durationMs long. */
  toneGenerate(spec: ToneSpecInput, durationMs: number): Int16Array;
  rfc4733Parse(payload: Uint8Array): TelephoneEventPayload | null;
  rfc4733Build(event: TelephoneEventPayload): Uint8Array;
  /** The packets an RFC 4733 sender emits for one event (updates per interval, end three times). */
  rfc4733SendEvent(event: number, volume: number, startTs: number, durationSamples: number, intervalSamples: number): TelephoneEventPacketOut[];
  /** Runs the RFC 4733 receiver over packets; flush = the stream ended (ends an open event). */
  rfc4733Receive(packets: { timestamp: number; marker: boolean; payload: Uint8Array }[], flush?: boolean): TelephoneEventReceiveResult;
  /** RFC 3550 §5.1 header parse with validation. */
  rtpParse(packet: Uint8Array): RtpParsed;
  rtpBuild(header: RtpHeaderInput, payload: Uint8Array, ext?: Uint8Array): Uint8Array;
  /** RFC 3550 §A.1/A.3/A.8 receive state over a sequence of packets (results per step). */
  rtpReceive(steps: RtpReceiveStep[], options?: { probation?: boolean }): { results: string[]; stats: RtpSourceStats };
  /** SR (with sender) or RR compound with SDES CNAME; bye = append a BYE. */
  rtcpBuild(report: RtcpReportInput, cname: string, bye?: boolean): Uint8Array;
  rtcpParse(packet: Uint8Array): RtcpParsed;
  /** RFC 3550 §6.4.1 round-trip time in 1/65536 s, -1 without LSR. */
  rtcpRoundTrip(arrivalMiddle32: number, lsr: number, dlsr: number): number;
  /** The media channels of one TDM engine (the engine's native TdmEngine object). */
  MediaHub: new (engine: object, ports: { portMin: number; portMax: number }, onEvents: (events: NativeMediaEvent[]) => void) => NativeMediaHub;
}

export interface MediaExports {
  readonly media: MediaNative;
}
