// The TypeScript face of the native media core (native/media/): one MediaCore per TDM engine opens,
// modifies and closes media channels, each binding one RTP stream to one bearer timeslot of a span.
// Everything per packet or per sample runs natively on the engine's real-time thread; here we
// validate options and fill defaults (native re-checks cheaply), route MEDIA_* events to the channel
// they concern, and keep the lifecycle (docs/media.md): close() is idempotent on channels and core.
import type { Logger } from 'pino';
import type { TdmEngine } from '../native/engine.js';
import { loadNative, type NativeAddon } from '../native/addon.js';
import { InvalidStateError } from '../native/errors.js';
import type { NativeChannelParams, NativeMediaEvent, NativeMediaHub } from '../native/types/media.js';
import { componentLogger, nullLogger } from '../log/logger.js';
import type { ChannelMediaParams, ChannelOpenOptions, MediaChannelStats, MediaEvent, RemoteAddress } from './types.js';
import type { ToneSpecInput } from '../native/types/media.js';
import { toneSpec, type ToneName, type TonesConfig } from '../config/sections/tones.js';
import type { MediaConfig } from '../config/sections/media.js';
import { isIP } from 'node:net';

export interface MediaCoreOptions {
  /** RTP port range (even ports for RTP, the next odd one for RTCP). Default 20000-29999. */
  portMin?: number;
  portMax?: number;
  /** Local address the channels' sockets bind (IPv4 or IPv6). Default 127.0.0.1. */
  localHost?: string;
  /** Call-progress tone plan (config `tones`). Default ITU-T E.180 at -10 dBm0. */
  tones?: TonesConfig;
  /** Default of the channels' `connect` option (config media.connectSockets). Default false. */
  connectSockets?: boolean;
  logger?: Logger;
}

/** The MediaCore options of the config's `media` and `tones` sections (src/app/gateway.ts). */
export function mediaCoreOptions(cfg: { media: MediaConfig; tones: TonesConfig }, logger?: Logger): MediaCoreOptions {
  return {
    portMin: cfg.media.rtpPortMin,
    portMax: cfg.media.rtpPortMax,
    localHost: cfg.media.localHost,
    connectSockets: cfg.media.connectSockets,
    tones: cfg.tones,
    logger,
  };
}

const DEFAULTS: ChannelMediaParams = {
  payloadType: 8,
  encoding: 'PCMA',
  telephoneEventPt: 101,
  ptimeMs: 20,
  dtmfMode: 'rfc4733',
  remote: null,
  symmetric: false,
};

function checkRemote(r: RemoteAddress | null): void {
  if (r === null) return;
  if (isIP(r.host) === 0) throw new TypeError(`remote.host must be an IP address, got ${JSON.stringify(r.host)}`);
  if (!Number.isInteger(r.port) || r.port < 1 || r.port > 65535) throw new RangeError(`remote.port must be 1-65535, got ${r.port}`);
}

function checkParams(p: ChannelMediaParams): void {
  if (!Number.isInteger(p.payloadType) || p.payloadType < 0 || p.payloadType > 127) throw new RangeError('payloadType must be 0-127');
  if (p.encoding !== 'PCMA' && p.encoding !== 'PCMU') throw new TypeError('encoding must be PCMA or PCMU');
  if (p.telephoneEventPt !== null && (!Number.isInteger(p.telephoneEventPt) || p.telephoneEventPt < 0 || p.telephoneEventPt > 127)) {
    throw new RangeError('telephoneEventPt must be 0-127 or null');
  }
  if (p.telephoneEventPt === p.payloadType) throw new RangeError('telephoneEventPt must differ from payloadType');
  if (![10, 20, 30].includes(p.ptimeMs)) throw new RangeError('ptimeMs must be 10, 20 or 30');
  if (p.dtmfMode !== 'rfc4733' && p.dtmfMode !== 'inband') throw new TypeError("dtmfMode must be 'rfc4733' or 'inband'");
  checkRemote(p.remote);
}

interface ChannelState {
  params: ChannelMediaParams;
  fixed: Omit<NativeChannelParams, keyof ReturnType<typeof toNativeMedia> | 'tone' | 'toneTarget' | 'toneSeq'>;
  tone: { tone?: ToneSpecInput; toneTarget?: 'tdm' | 'rtp'; toneSeq: number };
}

function toNativeMedia(p: ChannelMediaParams) {
  return {
    rtpLaw: p.encoding === 'PCMA' ? ('alaw' as const) : ('ulaw' as const),
    audioPt: p.payloadType,
    telephoneEventPt: p.telephoneEventPt ?? -1,
    ptimeMs: p.ptimeMs,
    dtmfMode: p.dtmfMode,
    symmetric: p.symmetric,
    remote: p.remote ?? undefined,
  };
}

/** One open channel. close() is idempotent; after it, modify() and stats() throw InvalidStateError. */
export class MediaChannel {
  private open = true;

  constructor(
    private readonly core: MediaCore,
    readonly handle: number,
    /** Local RTP port (RTCP on port + 1). */
    readonly port: number,
    readonly ssrc: number,
    private state: ChannelState,
  ) {}

  get closed(): boolean {
    return !this.open;
  }

  get params(): Readonly<ChannelMediaParams> {
    return this.state.params;
  }

  /** Changes remote address, codec, ptime or DTMF mode; applied by the engine thread within 8 ms. */
  modify(change: Partial<ChannelMediaParams>): void {
    if (!this.open) throw new InvalidStateError(`media channel ${this.handle} is closed`);
    const params = { ...this.state.params, ...change };
    checkParams(params);
    this.core.checkFamily(params.remote);
    this.core.nativeModify(this.handle, { ...this.state.fixed, ...toNativeMedia(params), ...this.state.tone });
    this.state = { ...this.state, params };
  }

  /**
   * Plays a call-progress tone of the plan (or any tone) on the timeslot ('tdm': towards the E1, the
   * RTP audio muted meanwhile) or as the RTP audio ('rtp': e.g. ringback as early media); null stops it.
   */
  playTone(tone: ToneName | ToneSpecInput | null, target: 'tdm' | 'rtp' = 'tdm'): void {
    if (!this.open) throw new InvalidStateError(`media channel ${this.handle} is closed`);
    if (target !== 'tdm' && target !== 'rtp') throw new TypeError("target must be 'tdm' or 'rtp'");
    const spec = tone === null ? undefined : typeof tone === 'string' ? this.core.toneOf(tone) : tone;
    const next = { tone: spec, toneTarget: spec ? target : undefined, toneSeq: this.state.tone.toneSeq + 1 };
    this.core.nativeModify(this.handle, { ...this.state.fixed, ...toNativeMedia(this.state.params), ...next });
    this.state = { ...this.state, tone: next };
  }

  stats(): MediaChannelStats {
    if (!this.open) throw new InvalidStateError(`media channel ${this.handle} is closed`);
    return this.core.nativeStats(this.handle);
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.core.release(this.handle);
  }
}

export class MediaCore {
  private readonly hub: NativeMediaHub;
  private readonly listeners = new Map<number, (e: MediaEvent) => void>();
  private readonly channels = new Map<number, MediaChannel>();
  private readonly log: Logger;
  private readonly localHost: string;
  private readonly tones: TonesConfig;
  private readonly connectSockets: boolean;
  private isClosed = false;

  constructor(engine: TdmEngine, opts: MediaCoreOptions = {}, addon: NativeAddon = loadNative()) {
    const portMin = opts.portMin ?? 20000;
    const portMax = opts.portMax ?? 29999;
    if (!Number.isInteger(portMin) || !Number.isInteger(portMax) || portMin < 1024 || portMax > 65535 || portMax < portMin + 1) {
      throw new RangeError(`RTP port range must be within 1024-65535 and hold a pair, got ${portMin}-${portMax}`);
    }
    this.localHost = opts.localHost ?? '127.0.0.1';
    if (isIP(this.localHost) === 0) throw new TypeError(`localHost must be an IP address, got ${this.localHost}`);
    this.log = componentLogger(opts.logger ?? nullLogger(), 'media');
    this.tones = opts.tones ?? { country: 'itu', levelDbm0: -10 };
    this.connectSockets = opts.connectSockets ?? false;
    if (engine.closed) throw new InvalidStateError('the TDM engine is closed');
    // The native TdmEngine object behind the TS wrapper: the media hub attaches its bearer consumers
    // to it (engine_binding.h). The native side checks its class.
    this.hub = new addon.media.MediaHub(engine.nativeEngine, { portMin, portMax }, (events) => this.dispatch(events));
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Opens a channel on (span, timeslot) with the negotiated media; listener gets its MEDIA_* events. */
  openChannel(opts: ChannelOpenOptions, listener: (e: MediaEvent) => void = () => {}): MediaChannel {
    if (this.isClosed) throw new InvalidStateError('the media core is closed');
    const params: ChannelMediaParams = {
      payloadType: opts.payloadType ?? (opts.encoding === 'PCMU' ? 0 : DEFAULTS.payloadType),
      encoding: opts.encoding ?? (opts.payloadType === 0 ? 'PCMU' : DEFAULTS.encoding),
      telephoneEventPt: opts.telephoneEventPt === undefined ? DEFAULTS.telephoneEventPt : opts.telephoneEventPt,
      ptimeMs: opts.ptimeMs ?? DEFAULTS.ptimeMs,
      dtmfMode: opts.dtmfMode ?? DEFAULTS.dtmfMode,
      remote: opts.remote ?? null,
      symmetric: opts.symmetric ?? DEFAULTS.symmetric,
    };
    checkParams(params);
    this.checkFamily(params.remote);
    if (!Number.isInteger(opts.timeslot) || opts.timeslot < 1 || opts.timeslot > 31) throw new RangeError('timeslot must be 1-31');
    const jb = opts.jitterBuffer ?? {};
    const frames = (ms: number | undefined, def: number, what: string) => {
      const v = ms ?? def;
      if (!Number.isInteger(v) || v % 10 !== 0 || v < 0 || v > 630) throw new RangeError(`jitterBuffer.${what} must be a multiple of 10 ms, 0-630`);
      return v / 10;
    };
    const fixed = {
      tdmLaw: opts.tdmLaw ?? 'alaw',
      rtpTimeoutMs: opts.rtpTimeoutMs ?? 30000,
      rtcpIntervalMs: opts.rtcpIntervalMs ?? 5000,
      connect: opts.connect ?? this.connectSockets,
      jitterBuffer: { initialFrames: frames(jb.initialMs, 40, 'initialMs'), minFrames: frames(jb.minMs, 10, 'minMs'), maxFrames: frames(jb.maxMs, 200, 'maxMs') },
    } as const;
    if (fixed.jitterBuffer.initialFrames < 1 || fixed.jitterBuffer.minFrames > fixed.jitterBuffer.initialFrames || fixed.jitterBuffer.initialFrames > fixed.jitterBuffer.maxFrames) {
      throw new RangeError('jitterBuffer: need minMs <= initialMs <= maxMs and initialMs >= 10');
    }
    const r = this.hub.openChannel({ span: opts.span, timeslot: opts.timeslot, localHost: this.localHost, rtcp: fixed.rtcpIntervalMs > 0, ...fixed, ...toNativeMedia(params), toneSeq: 0 });
    const ch = new MediaChannel(this, r.handle, r.port, r.ssrc, { params, fixed, tone: { toneSeq: 0 } });
    this.channels.set(r.handle, ch);
    this.listeners.set(r.handle, listener);
    this.log.info({ event: 'media.open', channel: r.handle, span: opts.span, timeslot: opts.timeslot, port: r.port, ...params }, 'media channel open');
    return ch;
  }

  /** Hub figures: channels, dropped events, RTP send lateness (p50/p99/max µs); reset clears lateness. */
  stats(reset = false): ReturnType<NativeMediaHub['stats']> {
    if (this.isClosed) throw new InvalidStateError('the media core is closed');
    return this.hub.stats(reset);
  }

  /** Drains pending events now (they also arrive by themselves). */
  flushEvents(): void {
    if (!this.isClosed) this.dispatch(this.hub.drain());
  }

  /** Closes every channel and the hub. Idempotent. */
  close(): void {
    if (this.isClosed) return;
    for (const ch of [...this.channels.values()]) ch.close();
    this.dispatch(this.hub.drain());
    this.hub.close();
    this.isClosed = true;
  }

  /** @internal The sockets are bound to localHost: the remote address must be of the same family. */
  checkFamily(remote: RemoteAddress | null): void {
    if (remote && isIP(remote.host) !== isIP(this.localHost)) {
      throw new TypeError(`remote ${remote.host} is not of the local address family (${this.localHost})`);
    }
  }

  /** @internal The plan's tone as the generator takes it. */
  toneOf(name: ToneName): ToneSpecInput {
    return toneSpec(this.tones, name);
  }

  /** @internal */
  nativeModify(handle: number, p: NativeChannelParams): void {
    this.hub.modifyChannel(handle, p);
  }

  /** @internal */
  nativeStats(handle: number): MediaChannelStats {
    return this.hub.channelStats(handle);
  }

  /** @internal (MediaChannel.close) */
  release(handle: number): void {
    this.dispatch(this.hub.drain());
    this.hub.closeChannel(handle);
    this.channels.delete(handle);
    this.listeners.delete(handle);
    this.log.info({ event: 'media.close', channel: handle }, 'media channel closed');
  }

  private dispatch(events: NativeMediaEvent[]): void {
    for (const e of events) {
      const { channel, ...rest } = e;
      const ev = rest as MediaEvent;
      if (ev.type !== 'MEDIA_DTMF') this.log.info({ event: ev.type.toLowerCase().replace('_', '.'), channel, ...ev }, 'media event');
      this.listeners.get(channel)?.(ev);
    }
  }
}
