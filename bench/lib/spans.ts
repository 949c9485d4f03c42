// Native span parameters for benchmarks: a span of a looped pair, over loopback UDP (virtual SAToP
// card) or in memory (loop card, `peer` names the other span of the pair).
import type { NativeSpanConfig } from '../../src/native/types/engine.js';

export type BenchTdm = 'udp' | 'memory';

export function benchSpan(name: string, local: number, remote: number, tdm: BenchTdm = 'udp', peer = ''): NativeSpanConfig {
  return {
    name,
    ...(tdm === 'memory' ? { driver: 'loop' as const, peer } : { driver: 'virtual' as const }),
    localHost: '127.0.0.1',
    localPort: local,
    remoteHost: '127.0.0.1',
    remotePort: remote,
    jitterBufferPackets: 4,
    losThresholdMs: 100,
    crc4: true,
    signallingTimeslots: [16],
    law: 'alaw',
    pcap: null,
    alarmRaiseMs: 100,
    alarmClearMs: 100,
  };
}
