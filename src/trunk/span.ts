// An E1 span as the rest of Tandem sees it: its status (up/down, alignment, CRC-4, alarms,
// counters), its CIC mapping, and its lifecycle on the native TDM engine. Every state change is
// logged with a stable `event` name and the fields {span, ts}:
//   span.up            the driver is open and the engine ticks the span
//   span.aligned       frame alignment gained (afterMs: engine ticks since the first datagram;
//                      bufferMs: of which the receive buffer's prefill)
//   span.alignmentLost frame alignment lost
//   span.mfAligned     CRC-4 multiframe alignment gained (afterMs, bufferMs)
//   span.mfAlignmentLost
//   span.alarm         {alarm: 'LOS'|'LOF'|'AIS'|'RAI', state: 'raised'|'cleared'}
//   span.crc4Fallback  CRC-4 configured but the peer has none; framing continues without (G.706 §4.3.3)
//   span.down          the span was stopped (engine released it, driver closed)
import { componentLogger, type Logger } from '../log/logger.js';
import { parseHostPort } from '../config/formats.js';
import type { SpanConfig } from '../config/sections/spans.js';
import type { ChannelEngineEvent, NativeSpanConfig, NativeSpanStatus, SpanEngineEvent, TdmEngine } from '../native/engine.js';
import type { AlarmName } from '../native/types/engine.js';
import { CicMap, bearerTimeslots, defaultCicBase } from './cic.js';

export type { AlarmName };

export type SpanState = 'down' | 'up';

export type SpanChange =
  | { kind: 'up' | 'down' }
  | { kind: 'aligned' | 'mfAligned'; aligned: boolean; afterMs: number }
  | { kind: 'alarm'; alarm: AlarmName; state: 'raised' | 'cleared' }
  | { kind: 'crc4Fallback' };

export interface SpanStatusView {
  name: string;
  index: number;
  state: SpanState;
  driver: string;
  frameAligned: boolean;
  mfAligned: boolean;
  crc4: boolean;
  crc4Fallback: boolean;
  alarms: AlarmName[];
  cicBase: number;
  /** Native status (counters, defects, BERT); null while down. */
  native: NativeSpanStatus | null;
}

/** A raw HDLC channel on a signalling timeslot (frames in and out through JS). */
export interface HdlcChannel {
  readonly ts: number;
  send(frame: Uint8Array): void;
  counters(): Record<string, number>;
  close(): void;
}

export class TrunkSpan {
  readonly cics: CicMap;
  private handle: number | null = null;
  private readonly log: Logger;
  private readonly listeners: ((c: SpanChange) => void)[] = [];
  private frameAligned = false;
  private mfAligned = false;
  private crc4Fallback = false;
  private readonly alarms = new Set<AlarmName>();
  private readonly channels = new Set<number>();
  private countersTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly engine: TdmEngine,
    readonly config: SpanConfig,
    readonly index: number,
    parentLog: Logger,
  ) {
    this.log = componentLogger(parentLog, 'trunk', { span: config.name });
    this.cics = new CicMap(config.cicBase ?? defaultCicBase(index), bearerTimeslots(config.signallingTimeslots));
  }

  get name(): string {
    return this.config.name;
  }
  get state(): SpanState {
    return this.handle === null ? 'down' : 'up';
  }
  /** The engine's handle of this span (for media channels and tests); null while down. */
  get engineHandle(): number | null {
    return this.handle;
  }

  onChange(listener: (c: SpanChange) => void): void {
    this.listeners.push(listener);
  }

  /** Opens the driver and starts the span. Throws TandemNativeError (EADDRINUSE ...) on failure. */
  start(): void {
    if (this.handle !== null) return;
    if (this.config.driver !== 'virtual' && this.config.driver !== 'loop') {
      throw new Error(`span ${this.name}: driver "${this.config.driver}" is not available in this build`);
    }
    if (this.config.driver === 'loop' && !this.config.peer) throw new Error(`span ${this.name}: driver "loop" needs peer (the other span's name)`);
    const local = parseHostPort(this.config.local);
    const remote = parseHostPort(this.config.remote);
    const cfg: NativeSpanConfig = {
      name: this.config.name,
      driver: this.config.driver,
      ...(this.config.driver === 'loop' ? { peer: this.config.peer ?? '' } : {}),
      localHost: local.host,
      localPort: local.port,
      remoteHost: remote.host,
      remotePort: remote.port,
      jitterBufferPackets: this.config.jitterBufferPackets,
      losThresholdMs: this.config.losThresholdMs,
      crc4: this.config.crc4,
      signallingTimeslots: this.config.signallingTimeslots,
      law: this.config.law,
      pcap: this.config.pcap,
      alarmRaiseMs: this.config.alarmRaiseMs,
      alarmClearMs: this.config.alarmClearMs,
    };
    try {
      this.handle = this.engine.addSpan(cfg, (e) => this.onEngineEvent(e));
    } catch (err) {
      // Keep the error's class and code; say which span failed.
      if (err instanceof Error) err.message = `span ${this.name}: ${err.message}`;
      throw err;
    }
    if (this.config.bert) this.engine.setBert(this.handle, true);
    if (this.config.countersLogMs > 0) {
      this.countersTimer = setInterval(() => this.logCounters(), this.config.countersLogMs);
      this.countersTimer.unref();
    }
    this.log.info(
      { event: 'span.up', driver: this.config.driver, local: this.config.local, remote: this.config.remote, crc4: this.config.crc4, pcap: this.config.pcap },
      `span ${this.name} up`,
    );
    this.emit({ kind: 'up' });
  }

  /**
   * Stops the span (its channels close with it); resolves when the driver is closed and its address
   * free again. Idempotent.
   */
  async stop(): Promise<void> {
    if (this.handle === null) return;
    const h = this.handle;
    if (this.countersTimer) clearInterval(this.countersTimer);
    this.countersTimer = undefined;
    this.logCounters();
    this.handle = null;
    if (!this.engine.closed) {
      this.engine.flushEvents();
      await this.engine.removeSpan(h);
    }
    this.channels.clear();
    this.frameAligned = this.mfAligned = this.crc4Fallback = false;
    this.alarms.clear();
    this.log.info({ event: 'span.down' }, `span ${this.name} down`);
    this.emit({ kind: 'down' });
  }

  /** Opens a raw HDLC channel on a signalling timeslot; received frames go to onFrame. */
  openHdlcChannel(ts: number, onFrame: (frame: Buffer) => void): HdlcChannel {
    const span = this.requireUp();
    const h = this.engine.openChannel(span, ts, 'hdlc', {}, (e: ChannelEngineEvent) => {
      if (e.type === 'frame') onFrame(e.data);
    });
    this.channels.add(h);
    this.log.debug({ event: 'span.channelOpened', ts, kind: 'hdlc' }, 'HDLC channel opened');
    return {
      ts,
      send: (frame) => this.engine.sendFrame(h, frame),
      counters: () => this.engine.channelCounters(h),
      close: () => {
        if (!this.channels.delete(h)) return;
        if (!this.engine.closed) this.engine.closeChannel(h);
      },
    };
  }

  setBert(on: boolean): void {
    this.engine.setBert(this.requireUp(), on);
  }
  injectErrors(bits: number): void {
    this.engine.injectErrors(this.requireUp(), bits);
  }
  setTxEnabled(on: boolean): void {
    this.engine.setTxEnabled(this.requireUp(), on);
  }

  status(): SpanStatusView {
    return {
      name: this.name,
      index: this.index,
      state: this.state,
      driver: this.config.driver,
      frameAligned: this.frameAligned,
      mfAligned: this.mfAligned,
      crc4: this.config.crc4,
      crc4Fallback: this.crc4Fallback,
      alarms: [...this.alarms],
      cicBase: this.cics.cicBase,
      native: this.handle === null || this.engine.closed ? null : this.engine.spanStatus(this.handle),
    };
  }

  /** Logs status and counters as event span.counters (periodically, and when the span stops). */
  private logCounters(): void {
    if (this.handle === null || this.engine.closed) return;
    const st = this.engine.spanStatus(this.handle);
    this.log.info(
      {
        event: 'span.counters',
        frameAligned: st.frameAligned,
        mfAligned: st.mfAligned,
        crc4Active: st.crc4Active,
        alarms: [...this.alarms],
        counters: st.counters,
        bert: st.bert,
      },
      `span ${this.name} counters`,
    );
  }

  private requireUp(): number {
    if (this.handle === null) throw new Error(`span ${this.name} is down`);
    return this.handle;
  }

  private emit(c: SpanChange): void {
    for (const l of this.listeners) l(c);
  }

  private onEngineEvent(e: SpanEngineEvent): void {
    switch (e.type) {
      case 'aligned':
        this.frameAligned = e.aligned;
        if (e.aligned) this.log.info({ event: 'span.aligned', afterMs: e.afterMs, bufferMs: e.bufferMs }, `span ${this.name} frame aligned`);
        else this.log.warn({ event: 'span.alignmentLost' }, `span ${this.name} lost frame alignment`);
        this.emit({ kind: 'aligned', aligned: e.aligned, afterMs: e.afterMs });
        break;
      case 'mfAligned':
        this.mfAligned = e.aligned;
        if (e.aligned) this.log.info({ event: 'span.mfAligned', afterMs: e.afterMs, bufferMs: e.bufferMs }, `span ${this.name} CRC-4 multiframe aligned`);
        else this.log.warn({ event: 'span.mfAlignmentLost' }, `span ${this.name} lost CRC-4 multiframe alignment`);
        this.emit({ kind: 'mfAligned', aligned: e.aligned, afterMs: e.afterMs });
        break;
      case 'alarm': {
        const state = e.raised ? 'raised' : 'cleared';
        if (e.raised) this.alarms.add(e.alarm);
        else this.alarms.delete(e.alarm);
        const fields = { event: 'span.alarm', alarm: e.alarm, state };
        if (e.raised) this.log.warn(fields, `span ${this.name} alarm ${e.alarm} raised`);
        else this.log.info(fields, `span ${this.name} alarm ${e.alarm} cleared`);
        this.emit({ kind: 'alarm', alarm: e.alarm, state });
        break;
      }
      case 'crc4Fallback':
        this.crc4Fallback = true;
        this.log.warn({ event: 'span.crc4Fallback' }, `span ${this.name}: peer sends no CRC-4 multiframe, framing without CRC-4`);
        this.emit({ kind: 'crc4Fallback' });
        break;
      default: {
        const never: never = e;
        void never;
      }
    }
  }
}
