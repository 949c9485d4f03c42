// The span-driver contract, types only: the TypeScript mirror of drivers/driver.h (the C++ vtable
// the TDM engine calls). Drivers are native; TS sees them through the engine (span status and
// counters). This module lets TS code (config, status model, contract tests, a future TS-side mock)
// name the same operations and counters without depending on any one driver.

/** Driver kinds known to the engine (drivers/<kind>/). */
export type SpanDriverKind = 'virtual' | 'dahdi' | 'loop';

/** Octets in one 1 ms block: 8 G.704 frames of 32 timeslots. */
export const BLOCK_OCTETS = 256;

/** Counters every driver keeps (drivers/driver.h DriverCounters), named as in span status ("driver.<name>"). */
export interface SpanDriverCounters {
  /** Blocks handed to the line. */
  txBlocks: number;
  /** Blocks received from the line and accepted. */
  rxBlocks: number;
  /** Blocks given to the span (including fill). */
  playedOut: number;
  /** Nothing to play: the span filled all-ones (AIS). */
  underruns: number;
  /** A block was missing at its turn while later ones were there. */
  lost: number;
  /** A block arrived after its turn was played out. */
  late: number;
  duplicate: number;
  reordered: number;
  /** Blocks skipped because the buffer stayed above its depth (clock drift, bursts); always an even number. */
  overruns: number;
  /** Wrong size or bad header (SAToP control word). */
  malformed: number;
  /** From an address other than the configured remote. */
  wrongSource: number;
  /** The receive stream restarted (peer restarted, big sequence jump). */
  resyncs: number;
  txErrors: number;
  losEvents: number;
}

/**
 * What a span driver does (drivers/driver.h SpanDriver). Thread model of the native side:
 * open/close on the JS thread; poll, readBlock, writeBlock and flush on the engine thread once per
 * 1 ms tick, in that order; los and counters from any thread.
 */
export interface SpanDriver {
  readonly kind: SpanDriverKind;
  /** Acquire the line (bind the socket, open the device); fails with a TandemNativeError code. */
  open(): void;
  /** Release it; idempotent. */
  close(): void;
  /** Receive what the line delivered up to now (engine monotonic time in µs). */
  poll(nowUs: number): void;
  /** The next 256 received octets; false = underrun (the span fills all-ones, as AIS). */
  readBlock(block: Uint8Array): boolean;
  /** The next 256 octets to send. */
  writeBlock(block: Uint8Array): void;
  /** Push out anything batched, after every span's writeBlock of the tick. */
  flush(): void;
  /** Transmitter on/off (maintenance). */
  setTxEnabled(on: boolean): void;
  /** Loss of signal as the driver detects it. */
  readonly los: boolean;
  counters(): SpanDriverCounters;
}

/** Virtual driver (SAToP pseudowire, RFC 4553) settings, as the engine takes them. */
export interface VirtualDriverConfig {
  localHost: string;
  localPort: number;
  remoteHost: string;
  remotePort: number;
  jitterBufferPackets: number;
  losThresholdMs: number;
}
