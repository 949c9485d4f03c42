// E1 spans: one entry per line the gateway terminates (ARCHITECTURE.md "virtual E1 card").
import type { ElementSchema } from '../list.js';

export type SpanDriverName = 'virtual' | 'dahdi' | 'loop';

export interface SpanConfig {
  name: string;
  driver: SpanDriverName;
  /** virtual: local UDP address "ip:port" the span binds. */
  local: string;
  /** virtual: remote UDP address "ip:port" the span sends to; datagrams from elsewhere are dropped. */
  remote: string;
  /** loop: the name of the span (same gateway) this span's line is looped to in memory; null otherwise. */
  peer?: string | null;
  crc4: boolean;
  /** pcap file (DLT 140, MTP2 with FCS) of every frame on this span's signalling timeslots, or null. */
  pcap: string | null;
  /** Timeslots carrying HDLC signalling (MTP2 links refer to these). */
  signallingTimeslots: number[];
  /** CIC of timeslot 0 on this span; CIC = cicBase + timeslot. null: 32 x span index (ARCHITECTURE.md). */
  cicBase: number | null;
  /** Receive reorder/jitter buffer depth, in 1 ms SAToP packets. */
  jitterBufferPackets: number;
  /** A stream silent this long raises loss of signal (LOS). */
  losThresholdMs: number;
  /** Bearer companding law on the line (A-law on E1). */
  law: 'alaw' | 'ulaw';
  /** Card profile in firmware-config/ (dahdi driver), or null. */
  profile: string | null;
  /** A defect present this long (ms) raises its alarm (G.806 uses 2500). */
  alarmRaiseMs: number;
  /** An alarm's defect absent this long (ms) clears it (G.806 uses 10000). */
  alarmClearMs: number;
  /** Maintenance: PRBS 2^15-1 (O.151) on every bearer timeslot out, checked on every one in. */
  bert: boolean;
  /** Log the span's counters (event span.counters) every this many ms; 0 = never. */
  countersLogMs: number;
}

/** A convict format function for an integer range, named "int-lo-hi" (the config reference shows it). */
function intBetween(lo: number, hi: number): (value: unknown) => void {
  const check = (value: unknown): void => {
    if (!Number.isInteger(value) || (value as number) < lo || (value as number) > hi) {
      throw new Error(`must be an integer ${lo}-${hi}, got ${JSON.stringify(value)}`);
    }
  };
  return Object.defineProperty(check, 'name', { value: `int-${lo}-${hi}` });
}

export const spanSchema: ElementSchema = {
  name: { doc: 'Span name, unique in the gateway (used in logs, CLI and config references).', format: String, default: '' },
  driver: { doc: 'Span driver: virtual (SAToP pseudowire over UDP), loop (in memory to the span named by peer; labs and benchmarks) or dahdi.', format: ['virtual', 'loop', 'dahdi'], default: 'virtual' },
  peer: { doc: 'loop driver: name of the other span of this gateway whose line this one is looped to, in memory (both name each other).', format: 'optional-string', default: null },
  local: { doc: 'virtual driver: local UDP address the span binds, "ip:port".', format: 'host-port', default: '127.0.0.1:40000' },
  remote: { doc: 'virtual driver: remote UDP address "ip:port" the span sends to and accepts datagrams from.', format: 'host-port', default: '127.0.0.1:40001' },
  crc4: { doc: 'G.704 CRC-4 multiframe on timeslot 0 (falls back to basic framing if the peer has none, G.706 4.3).', format: 'bool', default: true },
  pcap: { doc: 'Write the span\'s signalling frames to this pcap file (link type MTP2, DLT 140, FCS included), or null.', format: 'optional-path', default: null },
  signallingTimeslots: { doc: 'Timeslots (1-31) that carry HDLC signalling; MTP2 links refer to them.', format: 'timeslot-list', default: [16] },
  cicBase: { doc: 'CIC of timeslot 0 of this span (CIC = cicBase + timeslot); null means 32 x the span\'s index.', format: 'optional-int', default: null },
  jitterBufferPackets: { doc: 'Receive reorder/jitter buffer depth in 1 ms SAToP packets (1-64).', format: 'int-1-64', default: 3 },
  losThresholdMs: { doc: 'Milliseconds without datagrams before loss of signal (LOS) is raised.', format: 'int-1-10000', default: 30 },
  law: { doc: 'Companding law of bearer timeslots on the line.', format: ['alaw', 'ulaw'], default: 'alaw' },
  profile: { doc: 'Card profile name in firmware-config/ (dahdi driver), or null.', format: 'optional-string', default: null },
  alarmRaiseMs: { doc: 'Alarm integration: a defect (LOS, LOF, AIS, RAI) present this many ms raises the alarm (G.806 failure declaration uses 2500).', format: 'int-1-10000', default: 100 },
  alarmClearMs: { doc: 'Alarm integration: the defect absent this many ms clears the alarm (G.806 uses 10000).', format: 'int-1-10000', default: 100 },
  bert: { doc: 'Maintenance: send the O.151 PRBS 2^15-1 on every bearer timeslot and check it on receive (both ends must have it on); bearers carry no traffic meanwhile.', format: 'bool', default: false },
  countersLogMs: { doc: 'Log the span\'s status and counters (event span.counters) every this many milliseconds; 0 = never.', format: intBetween(0, 3600000), default: 0 },
};
