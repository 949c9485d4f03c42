// Typed face of the MTP2 exports (native/mtp2/): the "mtp2test" group (mtp2_binding.cc) with the
// back-to-back test pair, the timer and counter tables and the benchmark; and the event/command
// codes of the engine's "mtp2" signalling channel kind (mtp2_link.h), used by src/ss7/mtp2/native-link.ts.

/** Q.703 §12.3 timer names as in native/mtp2/timers.h. */
export type Mtp2TimerName = 'T1' | 'T2' | 'T3' | 'T4n' | 'T4e' | 'T5' | 'T6' | 'T7';

export interface Mtp2TimerDef {
  name: Mtp2TimerName;
  defaultMs: number;
  minMs: number;
  maxMs: number;
  description: string;
}

export type Mtp2Side = 'a' | 'b';

/** Link state control states (Fig. 8/Q.703) as the native code names them. */
export type Mtp2LscStateName =
  | 'POWER_OFF'
  | 'OUT_OF_SERVICE'
  | 'INITIAL_ALIGNMENT'
  | 'ALIGNED_READY'
  | 'ALIGNED_NOT_READY'
  | 'IN_SERVICE'
  | 'PROCESSOR_OUTAGE';
/** Initial alignment control states (Fig. 9/Q.703). */
export type Mtp2IacStateName = 'IDLE' | 'NOT_ALIGNED' | 'ALIGNED' | 'PROVING';

export interface Mtp2TestState {
  lsc: Mtp2LscStateName;
  iac: Mtp2IacStateName;
  octetCounting: boolean;
  suermCount: number;
  rtb: number;
  txQueue: number;
}

export type Mtp2TestCommand =
  | 'start'
  | 'stop'
  | 'emergency'
  | 'emergencyCeases'
  | 'localProcessorOutage'
  | 'localProcessorRecovered'
  | 'retrieveBsnt'
  | 'clearBuffers';

/** Impairments of one direction of the in-memory line (mtp2_pair.h LineImpairment). */
export interface Mtp2LineImpairment {
  /** All-ones line: the receiver loses alignment and counts in octet counting mode. */
  cut?: boolean;
  /** The next N signal units (MSUs only with msuOnly) arrive with a bad FCS (modelled line only). */
  corruptNext?: number;
  /** The next N signal units (MSUs only with msuOnly) vanish (modelled line only). */
  dropNext?: number;
  msuOnly?: boolean;
  /** Every k-th signal unit arrives errored (0 = off; modelled line only). */
  corruptEvery?: number;
  /** HDLC line only: flip one line bit every N bits (0 = off). */
  bitErrorEvery?: number;
  /** Keep the BSN/BIB of every SU in this direction at the value of now (the sender stops acknowledging). */
  freezeBsn?: boolean;
  /** Add this to the BSN of every SU in this direction (it acknowledges FSNs never sent). */
  bsnAdd?: number;
  /** Invert the FIB of every SU in this direction. */
  fibFlip?: boolean;
  /** The next N SUs in this direction carry an LI that disagrees with their length. */
  badLiNext?: number;
}

export interface Mtp2TestPairOptions {
  /** Run the line through the real HDLC encoder/decoder (native/e1/hdlc.h) octet by octet. */
  hdlc?: boolean;
  /** One transcript line per received MSU (default true). */
  logReceived?: boolean;
  /** Timer overrides for both ends, ms. */
  timersMs?: Partial<Record<Mtp2TimerName, number>>;
}

export type Mtp2Counters = Record<string, number>;

export interface Mtp2TestPair {
  command(side: Mtp2Side, cmd: Mtp2TestCommand): void;
  command(side: Mtp2Side, cmd: 'transmit', msu: Buffer): boolean;
  command(side: Mtp2Side, cmd: 'retrievalRequestAndFsnc', fsnc: number): void;
  command(side: Mtp2Side, cmd: 'flowControl', on: number): void;
  impair(from: Mtp2Side, imp: Mtp2LineImpairment): void;
  /** Advance the fake clock by ms (1 ms steps, 8 octets per direction per step). */
  advance(ms: number): void;
  nowMs(): number;
  state(side: Mtp2Side): Mtp2TestState;
  counters(side: Mtp2Side): Mtp2Counters;
  /** Drains the transcript lines written since the last call. */
  transcript(): string[];
  /** Drains the MSUs delivered to level 3 at `side`. */
  received(side: Mtp2Side): Buffer[];
  retrieved(side: Mtp2Side): Buffer[];
  /** Adds a line of the test's own to the transcript. */
  note(text: string): void;
}

export interface Mtp2BenchResult {
  msus: number;
  signalUnits: number;
  seconds: number;
  retransmissions: number;
  inService: boolean;
  /** Size of one native link's state (buffers included), octets. */
  linkBytes: number;
}

export interface Mtp2TestNative {
  Mtp2TestPair: new (options?: Mtp2TestPairOptions) => Mtp2TestPair;
  timers(): Mtp2TimerDef[];
  counterNames(): { name: string; description: string }[];
  bench(options?: { msus?: number; msuLen?: number; hdlc?: boolean }): Mtp2BenchResult;
  /** Code tables of the engine's "mtp2" channel kind (native/mtp2/mtp2_link.h, events.h). */
  codes(): {
    eventKinds: string[];
    causes: string[];
    lscStates: string[];
    iacStates: string[];
    commands: Record<string, number>;
    eventCodeBase: number;
  };
}

export interface Mtp2Exports {
  readonly mtp2test: Mtp2TestNative;
}
