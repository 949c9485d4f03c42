// Typed face of the "engine" export group (native/binding/engine_binding.cc): the TDM engine with
// its real-time thread, spans on span drivers, signalling channels and batched events. Hand-written;
// the TS wrapper with validation and defaults is src/native/engine.ts.

export interface NativeEngineOptions {
  /** SCHED_FIFO priority 1-99 of the engine thread; 0 = normal scheduler. */
  realtimePriority: number;
  /** CPU to pin the engine thread to; -1 = none. */
  cpu: number;
  /** Event ring capacity (rounded up to a power of two, 64 .. 2^20). */
  eventCapacity?: number;
}

export interface NativeSpanConfig {
  name: string;
  /** 'dahdi' exists only in builds with DAHDI headers (otherwise TandemNativeError EDRIVER). */
  driver: 'virtual' | 'dahdi' | 'loop';
  /** loop: the name of the other span of this engine the line is looped to in memory (drivers/loop). */
  peer?: string;
  /** dahdi: DAHDI span number and the channel number of TS1. */
  dahdiSpan?: number;
  dahdiFirstChannel?: number;
  localHost: string;
  localPort: number;
  remoteHost: string;
  remotePort: number;
  jitterBufferPackets: number;
  losThresholdMs: number;
  crc4: boolean;
  signallingTimeslots: number[];
  law: 'alaw' | 'ulaw';
  pcap: string | null;
  alarmRaiseMs: number;
  alarmClearMs: number;
}

export type AlarmName = 'LOS' | 'LOF' | 'AIS' | 'RAI';

export type NativeEngineEvent =
  /**
   * Frame (or CRC-4 multiframe) alignment gained or lost. afterMs: engine ticks (ms of line time) from
   * the first datagram received to alignment; bufferMs: of those, the receive buffer's prefill (the
   * configured jitter delay, before any signal reached the framer).
   */
  | { type: 'aligned' | 'mfAligned'; span: number; aligned: boolean; afterMs: number; bufferMs: number }
  | { type: 'alarm'; span: number; alarm: AlarmName; raised: boolean }
  /** CRC-4 configured but the peer sends none: framing continues without (G.706 §4.3.3). */
  | { type: 'crc4Fallback'; span: number }
  /** The engine let go of a removed span; its driver and pcap file are closed (the port is free again). */
  | { type: 'removed'; span: number }
  /** A received HDLC frame (FCS checked and removed) on a raw "hdlc" channel. */
  | { type: 'frame'; channel: number; data: Buffer }
  /** A kind-specific event of a signalling channel (MTP2 ...). */
  | { type: 'channel'; channel: number; code: number; a: number; b: number; data: Buffer }
  | { type: 'warning'; warning: 'realtimePriorityFailed' | 'cpuAffinityFailed' | 'ticksSkipped' | 'unknown'; detail: number }
  | { type: 'commandFailed'; id: number; code: number };

export type AlarmFlags = Record<AlarmName, boolean>;

export interface NativeSpanStatus {
  ticks: number;
  frameAligned: boolean;
  mfAligned: boolean;
  crc4Active: boolean;
  /** Defects seen in the last tick (unmasked, not integrated). */
  defects: AlarmFlags;
  /** Alarms as reported (masked and integrated). */
  alarms: AlarmFlags;
  /** The A-bit (RAI) is being sent to the far end. */
  raiSent: boolean;
  /** Engine ticks (ms) from the first datagram received to frame alignment; -1 = not yet. */
  alignedAfterMs: number;
  mfAlignedAfterMs: number;
  /** Of alignedAfterMs, the receive buffer's prefill. */
  alignBufferMs: number;
  /** Counters named group.event (framer.*, line.*, driver.*, pcap.*). */
  counters: Record<string, number>;
  bert: { on: boolean; synced: boolean; bits: number; bitErrors: number; syncLosses: number };
  /** The driver's loss of signal. */
  los: boolean;
}

export interface NativeEngineStats {
  ticks: number;
  ticksSkipped: number;
  samples: number;
  lateP50Us: number;
  lateP99Us: number;
  lateMaxUs: number;
  workMaxUs: number;
  /** CPU time consumed by the engine thread so far. */
  threadCpuUs: number;
  eventsDropped: number;
  commandsApplied: number;
  spans: number;
}

export interface NativeTdmEngine {
  readonly closed: boolean;
  /** Opens the span's driver (binds its socket) and hands the span to the engine thread. */
  addSpan(cfg: NativeSpanConfig): number;
  /** Queues the removal; a 'removed' event follows once the span is freed. */
  removeSpan(span: number): void;
  /** Opens a signalling channel of `kind` ("hdlc", "mtp2", ...) on a signalling timeslot. */
  openChannel(span: number, ts: number, kind: string, options: Record<string, number | boolean>): number;
  closeChannel(channel: number): void;
  channelCommand(channel: number, code: number, a?: number, b?: number, data?: Uint8Array): number;
  sendFrame(channel: number, data: Uint8Array): number;
  setBert(span: number, on: boolean): void;
  injectErrors(span: number, bits: number): void;
  setTxEnabled(span: number, on: boolean): void;
  spanStatus(span: number): NativeSpanStatus;
  channelCounters(channel: number): Record<string, number>;
  stats(): NativeEngineStats;
  resetStats(): void;
  drain(): NativeEngineEvent[];
  close(): void;
}

export interface EngineExports {
  TdmEngine: new (options: NativeEngineOptions, onEvents: (events: NativeEngineEvent[]) => void) => NativeTdmEngine;
  engineConstants: { maxCommandPayload: number; maxEventPayload: number; maxSpans: number };
}
