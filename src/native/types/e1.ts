// Typed face of the "e1" export group (native/e1/e1_binding.cc): the pure E1 signal-processing
// components (G.704 framing with CRC-4, G.706 alignment, Q.703 HDLC, O.151 PRBS, pcap), exposed as
// pure functions and a two-ended line simulator for tests and tools. The live spans run these same
// classes on the engine's real-time thread (native/core). See docs/e1-framing.md.

/** Receive framer state (G.706 §4). */
export interface E1RxStatus {
  /** Basic frame alignment (G.706 §4.1). */
  readonly frameAligned: boolean;
  /** CRC-4 multiframe alignment (G.706 §4.2). */
  readonly mfAligned: boolean;
  /** CRC-4 procedures in use (configured and the peer not detected as non-CRC-4, G.706 Annex B). */
  readonly crc4Active: boolean;
  /** Loss of frame alignment (= !frameAligned). */
  readonly lof: boolean;
  /** Alarm indication signal (G.775: fewer than 3 zeros in each of two consecutive 512-bit periods). */
  readonly ais: boolean;
  /** Remote alarm indication (A-bit = 1 in three consecutive NFAS frames). */
  readonly rai: boolean;
  /** Bits by which frames lag the octet boundaries of the input (0..7), -1 when not aligned. */
  readonly bitOffset: number;
  /** Position of the next octet within the frame, -1 when not aligned. */
  readonly framePhase: number;
  /** Frame number (0..15) of the next frame in the CRC-4 multiframe, -1 when not MF aligned. */
  readonly multiframePosition: number;
}

/** Receive framer counters (all since construction). */
export interface E1RxCounters {
  /** Frames delivered while frame aligned. */
  readonly frames: number;
  /** Received sub-multiframes whose CRC-4 check failed. */
  readonly crcErrors: number;
  /** Far-end block errors: E-bits received as 0. */
  readonly febe: number;
  /** FAS words received in error while aligned. */
  readonly fasErrors: number;
  /** Realignments at another position than the previous alignment (plus the engine's slips). */
  readonly slips: number;
  /** Times frame alignment was (re)gained. */
  readonly realignments: number;
}

export interface PrbsResult {
  readonly synced: boolean;
  /** Bits compared while synchronised. */
  readonly bits: number;
  readonly bitErrors: number;
  readonly syncLosses: number;
}

export type HdlcErrorName = 'fcsError' | 'abort' | 'nonOctet' | 'oversize' | 'tooShort';

export interface HdlcRxCounters {
  readonly frames: number;
  readonly fcsErrors: number;
  readonly aborts: number;
  readonly nonOctet: number;
  readonly oversize: number;
  readonly tooShort: number;
}

export interface HdlcDecodeResult {
  /** Good frames, each with its 2 FCS octets at the end. */
  readonly frames: Buffer[];
  /** Errors in the order they were detected. */
  readonly errors: HdlcErrorName[];
  readonly counters: HdlcRxCounters;
  /** What an HdlcTap on the decoder saw (onRxFrame): the good frames with FCS. */
  readonly tapped: Buffer[];
}

export interface HdlcDecodeOptions {
  /** Frames longer than this (FCS included) are dropped as oversize. Default 300. */
  maxFrameWithFcs?: number;
  /** Non-empty frames shorter than this (FCS included) are dropped as too short. Default 5 (Q.703 FISU). */
  minFrameWithFcs?: number;
}

export interface TxFramesOptions {
  /** CRC-4 multiframe on (default true). */
  crc4?: boolean;
  /** Fill TS1..31 with the O.151 PRBS instead of `fill` (default false). */
  prbs?: boolean;
  /** Octet for TS1..31 (default 0xD5, A-law idle). */
  fill?: number;
  /** A-bit (default false). */
  rai?: boolean;
  /** Payload timeslot (1..31) that imitates FAS/NFAS without CRC-4: a spurious alignment (default none). */
  mimicTs?: number;
}

export interface RxFramerRunResult {
  readonly status: E1RxStatus;
  readonly counters: E1RxCounters;
  /** Input octets consumed when frame alignment was first seen (checked per chunk), -1 if never. */
  readonly alignedAfterOctets: number;
  readonly mfAlignedAfterOctets: number;
  /** The delivered, re-aligned frames (32 octets each, TS0 first). */
  readonly frames: Buffer;
}

export type E1Side = 'a' | 'b';

export interface E1LinkSimOptions {
  /** CRC-4 in side A's transmitter and receiver (default true). */
  crc4A?: boolean;
  crc4B?: boolean;
  /** Extra bits (0..48, ones) in front of the A->B line, so B sees frames at that bit offset. */
  shiftAB?: number;
  shiftBA?: number;
  /** Each side's CRC-4 results go to its own transmitter's E-bits (default true). */
  eBitFeedback?: boolean;
  /** Seed of the line bit-error positions (default 1). */
  seed?: number;
}

/** Two E1 ends (TX framer + RX framer + PRBS on TS1..31 each) joined by two lines, clocked in frames. */
export interface E1LinkSim {
  /** Advance both directions by n frames (125 µs each). */
  run(frames: number): void;
  framesRun(): number;
  /** Receive state at that side. */
  status(side: E1Side): E1RxStatus;
  counters(side: E1Side): E1RxCounters & { readonly prbs: PrbsResult };
  /** Side's transmitter flips n payload bits after its CRC-4 (one per SMF). */
  injectBitErrors(side: E1Side, bits: number): void;
  setRai(side: E1Side, on: boolean): void;
  setTxCrc4(side: E1Side, on: boolean): void;
  setRxCrc4(side: E1Side, on: boolean): void;
  /** The next n FAS words sent by that side are corrupted on the line. */
  corruptFas(side: E1Side, count: number): void;
  /** The line leaving that side carries all ones (AIS) while on. */
  setAllOnes(side: E1Side, on: boolean): void;
  /** Flip n bits at random positions of the line leaving that side (one every 8 frames). */
  flipLineBits(side: E1Side, bits: number): void;
}

export interface E1Native {
  /**
   * HDLC-encode frames (payload without FCS; empty payloads are skipped) into `octets` timeslot
   * octets: a flag first, `flagsBetween` flags (default 1) between frames, flags when idle.
   */
  hdlcEncode(frames: readonly Buffer[], octets: number, flagsBetween?: number): Buffer;
  hdlcDecode(octets: Buffer, options?: HdlcDecodeOptions): HdlcDecodeResult;
  /** hdlcEncode with an HdlcTap on the encoder: `tapped` = frames with FCS as they started going out. */
  hdlcEncodeTapped(
    frames: readonly Buffer[],
    octets: number,
    flagsBetween?: number,
  ): { octets: Buffer; tapped: Buffer[] };
  /** FCS-16 of Q.703 §3.2 (to be sent low octet first). */
  fcs16(data: Buffer): number;
  /** CRC-4 remainder (G.704 §2.3.3.5.2) of the data, bits MSB first. */
  crc4(data: Buffer): number;
  /** O.151 2^15-1 PRBS octets (seed 1..0x7FFF, default 0x7FFF). */
  prbsGenerate(octets: number, seed?: number): Buffer;
  prbsCheck(octets: Buffer): PrbsResult;
  /** Frames of a G.704 transmitter, concatenated (32 octets each). */
  txFrames(frames: number, options?: TxFramesOptions): Buffer;
  /** Run a receive framer over line octets pushed `chunk` octets at a time (default 256). */
  rxFramerRun(octets: Buffer, options?: { crc4?: boolean; chunk?: number }): RxFramerRunResult;
  /** Write frames to a pcap file through the real-time-safe PcapWriter (link type default 140). */
  pcapWrite(
    path: string,
    frames: readonly Buffer[],
    timestampsUs: readonly number[],
    linktype?: number,
  ): { written: number; dropped: number };
  readonly E1LinkSim: new (options?: E1LinkSimOptions) => E1LinkSim;
}

export interface E1Exports {
  readonly e1: E1Native;
}
