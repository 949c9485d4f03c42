// Harness for the SS7 two-process tests: `tandem start --config FILE` as a child process with JSON
// log lines on stdout, config files for a side (spans + ss7), a UDP relay that can cut a virtual E1
// line between two processes, and tshark over the span pcaps.
import { spawnSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TandemProcess, type LogLine as BaseLogLine } from '../../helpers/tandem-process.js';

export interface LogLine extends BaseLogLine {
  span?: string;
  link?: string;
  alarm?: string;
  state?: string;
  emergency?: boolean;
  destination?: number;
  cic?: number;
  range?: number;
  opc?: number;
  dpc?: number;
  reason?: string;
  procedure?: string;
  cause?: string;
  role?: string;
  [k: string]: unknown;
}

export const at = (l: LogLine): number => Date.parse(l.time ?? '');

/** A `tandem start` child process with the SS7 tests' log line type. */
export class Tandem extends TandemProcess<LogLine> {}

export interface SpanSpec {
  name: string;
  local: number;
  remote: number;
  pcap?: string;
  /** Overrides of the span's line settings (jitterBufferPackets, losThresholdMs, ...). */
  line?: Record<string, number>;
}

export interface LinksetSpec {
  name: string;
  adjacent: number;
  links: { span: string; slc: number; mtp2?: { emergency?: boolean; timersMs?: Record<string, number> } }[];
}

/** Writes a JSON config for one process: its spans (fast alarms), its ss7 section, SIP on a free port. */
export function writeConfig(dir: string, file: string, pc: number, spans: SpanSpec[], linksets: LinksetSpec[]): string {
  const cfg = {
    // SCHED_FIFO where the host allows it (engine.warning otherwise), as test/integration/e1/two-processes.test.ts.
    engine: { realtimePriority: 10 },
    sip: { listen: [{ transport: 'udp', address: '127.0.0.1', port: 0 }] },
    spans: spans.map((s) => ({
      name: s.name,
      driver: 'virtual',
      local: `127.0.0.1:${s.local}`,
      remote: `127.0.0.1:${s.remote}`,
      crc4: true,
      jitterBufferPackets: 8,
      losThresholdMs: 30,
      alarmRaiseMs: 20,
      alarmClearMs: 50,
      pcap: s.pcap ?? null,
      ...s.line,
    })),
    ss7: {
      pointCode: pc,
      linksets: linksets.map((ls) => ({
        name: ls.name,
        adjacentPointCode: ls.adjacent,
        links: ls.links.map((l) => ({ span: l.span, timeslot: 16, slc: l.slc, ...(l.mtp2 ? { mtp2: l.mtp2 } : {}) })),
      })),
    },
  };
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(cfg, null, 2));
  return path;
}

/**
 * A UDP relay standing in the middle of one virtual E1 line: side A sends to `portA`, side B to
 * `portB`; while connected, datagrams go on to the other side's local port, otherwise they are
 * dropped (the line is cut: both ends see LOS).
 */
export class LineRelay {
  connected: boolean;
  private readonly a: Socket;
  private readonly b: Socket;
  constructor(
    readonly portA: number,
    readonly portB: number,
    toA: number,
    toB: number,
    connected: boolean,
  ) {
    this.connected = connected;
    this.a = createSocket('udp4');
    this.b = createSocket('udp4');
    this.a.on('message', (m) => {
      if (this.connected) this.b.send(m, toB, '127.0.0.1');
    });
    this.b.on('message', (m) => {
      if (this.connected) this.a.send(m, toA, '127.0.0.1');
    });
  }
  async open(): Promise<void> {
    await Promise.all([new Promise<void>((r) => this.a.bind(this.portA, '127.0.0.1', r)), new Promise<void>((r) => this.b.bind(this.portB, '127.0.0.1', r))]);
  }
  close(): void {
    this.a.close();
    this.b.close();
  }
}

/** tshark fields of every frame of an MTP2 (DLT 140, FCS included) pcap. */
export function tsharkFields(file: string, fields: string[], filter?: string): string[][] {
  const args = ['-r', file, '-o', 'mtp2.capture_contains_frame_check_sequence:TRUE', '-T', 'fields', ...fields.flatMap((f) => ['-e', f])];
  if (filter) args.push('-Y', filter);
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`tshark failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split('\t'));
}
