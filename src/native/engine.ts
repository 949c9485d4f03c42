// TypeScript face of the native TDM engine (native/core/engine.h through engine_binding.cc).
// Commands go in as method calls (queued to the engine's real-time thread, applied at its next
// 1 ms tick); events come back batched and are dispatched here to the listener of the span or
// channel they concern. Lifecycle (docs/native-core.md): close() drains the last events, stops the
// engine thread and frees every span and channel (their sockets and pcap files are closed);
// it is idempotent, and after it every other method throws InvalidStateError.
import { loadNative, type NativeAddon } from './addon.js';
import { InvalidStateError } from './errors.js';
import type {
  NativeEngineEvent,
  NativeEngineStats,
  NativeSpanConfig,
  NativeSpanStatus,
  NativeTdmEngine,
} from './types/engine.js';

export type { NativeEngineEvent, NativeEngineStats, NativeSpanConfig, NativeSpanStatus } from './types/engine.js';

export type SpanEngineEvent = Exclude<Extract<NativeEngineEvent, { span: number }>, { type: 'removed' }>;
export type ChannelEngineEvent = Extract<NativeEngineEvent, { channel: number }>;
export type EngineWarningEvent = Extract<NativeEngineEvent, { type: 'warning' }>;

export interface EngineOptions {
  realtimePriority?: number;
  cpu?: number;
  eventCapacity?: number;
}

/**
 * HDLC frame payload limits of a raw channel (without the 2 FCS octets): the receiving decoder drops
 * shorter frames as too short (Q.703 §2.3.1: at least a FISU) and longer ones as oversize (its
 * 300-octet limit with FCS, above the 279 of the longest MTP2 signal unit).
 */
export const MIN_FRAME_OCTETS = 3;
export const MAX_FRAME_OCTETS = 298;

export class TdmEngine {
  private readonly native: NativeTdmEngine;
  private readonly spanListeners = new Map<number, (e: SpanEngineEvent) => void>();
  private readonly channelListeners = new Map<number, (e: ChannelEngineEvent) => void>();
  private readonly warningListeners: ((e: EngineWarningEvent) => void)[] = [];
  private readonly removals = new Map<number, () => void>();
  private isClosed = false;

  constructor(opts: EngineOptions = {}, addon: NativeAddon = loadNative()) {
    const realtimePriority = opts.realtimePriority ?? 0;
    const cpu = opts.cpu ?? -1;
    if (!Number.isInteger(realtimePriority) || realtimePriority < 0 || realtimePriority > 99) {
      throw new RangeError(`realtimePriority must be 0-99, got ${realtimePriority}`);
    }
    if (!Number.isInteger(cpu) || cpu < -1) throw new RangeError(`cpu must be -1 or a CPU number, got ${cpu}`);
    this.native = new addon.TdmEngine({ realtimePriority, cpu, eventCapacity: opts.eventCapacity }, (events) =>
      this.dispatch(events),
    );
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /**
   * The native TdmEngine object, for other native components' bindings that attach to the engine
   * (the media hub's bearer consumers, native/binding/engine_binding.h). Not for calling directly.
   */
  get nativeEngine(): NativeTdmEngine {
    return this.native;
  }

  /** Opens the span's driver (throws TandemNativeError EADDRINUSE etc.) and starts ticking it. */
  addSpan(cfg: NativeSpanConfig, listener: (e: SpanEngineEvent) => void): number {
    this.check();
    const h = this.native.addSpan(cfg);
    this.spanListeners.set(h, listener);
    return h;
  }

  /**
   * Stops ticking the span. Resolves once the engine has let go of it and its driver (socket), pcap
   * file and channels are closed, so its local address can be bound again.
   */
  removeSpan(span: number): Promise<void> {
    this.check();
    this.native.removeSpan(span);
    this.spanListeners.delete(span);
    return new Promise((resolve) => this.removals.set(span, resolve));
  }

  openChannel(
    span: number,
    ts: number,
    kind: string,
    options: Record<string, number | boolean>,
    listener: (e: ChannelEngineEvent) => void,
  ): number {
    this.check();
    if (!Number.isInteger(ts) || ts < 1 || ts > 31) throw new RangeError(`timeslot must be 1-31, got ${ts}`);
    const h = this.native.openChannel(span, ts, kind, options);
    this.channelListeners.set(h, listener);
    return h;
  }

  closeChannel(channel: number): void {
    this.check();
    this.native.closeChannel(channel);
    this.channelListeners.delete(channel);
  }

  /** Queues one HDLC frame (payload without FCS) on a raw "hdlc" channel. */
  sendFrame(channel: number, data: Uint8Array): void {
    this.check();
    if (data.length < MIN_FRAME_OCTETS || data.length > MAX_FRAME_OCTETS) {
      throw new RangeError(`HDLC frame length must be ${MIN_FRAME_OCTETS}-${MAX_FRAME_OCTETS} octets, got ${data.length}`);
    }
    this.native.sendFrame(channel, data);
  }

  /** A kind-specific command to a channel (the MTP2 link defines its codes); returns the command id. */
  channelCommand(channel: number, code: number, a = 0, b = 0, data?: Uint8Array): number {
    this.check();
    return this.native.channelCommand(channel, code, a, b, data);
  }

  /** BERT: PRBS 2^15-1 on every bearer timeslot out, checker on every bearer timeslot in. */
  setBert(span: number, on: boolean): void {
    this.check();
    this.native.setBert(span, on);
  }

  /** Flips `bits` transmitted payload bits after CRC-4 (one per sub-multiframe). */
  injectErrors(span: number, bits: number): void {
    this.check();
    this.native.injectErrors(span, bits);
  }

  /** Transmitter on/off (off: the far end sees loss of signal). */
  setTxEnabled(span: number, on: boolean): void {
    this.check();
    this.native.setTxEnabled(span, on);
  }

  spanStatus(span: number): NativeSpanStatus {
    this.check();
    return this.native.spanStatus(span);
  }

  channelCounters(channel: number): Record<string, number> {
    this.check();
    return this.native.channelCounters(channel);
  }

  stats(): NativeEngineStats {
    this.check();
    return this.native.stats();
  }

  resetStats(): void {
    this.check();
    this.native.resetStats();
  }

  onWarning(listener: (e: EngineWarningEvent) => void): void {
    this.warningListeners.push(listener);
  }

  /** Delivers pending events now (normally they arrive on their own within a tick). */
  flushEvents(): void {
    if (!this.isClosed) this.dispatch(this.native.drain());
  }

  close(): void {
    if (this.isClosed) return;
    this.dispatch(this.native.drain());
    this.isClosed = true;
    this.native.close();
    for (const resolve of this.removals.values()) resolve();  // closing freed them all
    this.removals.clear();
    this.spanListeners.clear();
    this.channelListeners.clear();
  }

  private check(): void {
    if (this.isClosed) throw new InvalidStateError('the TDM engine is closed');
  }

  private dispatch(events: NativeEngineEvent[]): void {
    for (const e of events) {
      try {
        if (e.type === 'removed') {
          this.removals.get(e.span)?.();
          this.removals.delete(e.span);
        } else if ('span' in e) this.spanListeners.get(e.span)?.(e);
        else if ('channel' in e) this.channelListeners.get(e.channel)?.(e);
        else if (e.type === 'warning') for (const l of this.warningListeners) l(e);
      } catch (err) {
        // A listener's bug must not stop the other events; surface it as an uncaught error.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
