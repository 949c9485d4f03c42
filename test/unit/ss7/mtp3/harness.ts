// Two MTP3 signalling points (A and B) over FakeMtp2Link pairs under a fake clock, with recording
// user parts and a transcript of every mtp3.* event and MTP primitive, for golden comparison
// (CONVENTIONS.md 16).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeClock } from '../../../../src/ss7/mtp3/clock.js';
import { FakeLinkPair, type FakeLinkOptions } from '../../../../src/ss7/mtp2/fake-link.js';
import { Mtp3, type Mtp3Options } from '../../../../src/ss7/mtp3/mtp3.js';
import { decodeMsu } from '../../../../src/ss7/mtp3/label.js';
import { decodeSlt, decodeSnm, describeSnm } from '../../../../src/ss7/mtp3/snm-messages.js';
import type { MtpStatusIndication, MtpTransferIndication, MtpUser } from '../../../../src/ss7/mtp3/primitives.js';

const here = dirname(fileURLToPath(import.meta.url));

export const PC_A = 1;
export const PC_B = 2;

export class RecordingUser implements MtpUser {
  readonly received: MtpTransferIndication[] = [];
  readonly statuses: MtpStatusIndication[] = [];
  readonly paused: number[] = [];
  readonly resumed: number[] = [];
  constructor(
    private readonly name: string,
    private readonly t: Transcript,
    private readonly quiet = false,
  ) {}
  transferIndication(ind: MtpTransferIndication): void {
    this.received.push(ind);
    if (!this.quiet) this.t.line(this.name, `MTP-TRANSFER.ind opc=${ind.opc} dpc=${ind.dpc} sls=${ind.sls} si=${ind.si} ni=${ind.ni} data=${ind.data.toString('hex')}`);
  }
  pause(dpc: number): void {
    this.paused.push(dpc);
    this.t.line(this.name, `MTP-PAUSE dpc=${dpc}`);
  }
  resume(dpc: number): void {
    this.resumed.push(dpc);
    this.t.line(this.name, `MTP-RESUME dpc=${dpc}`);
  }
  status(ind: MtpStatusIndication): void {
    this.statuses.push(ind);
    this.t.line(this.name, `MTP-STATUS ${JSON.stringify(ind)}`);
  }
}

export class Transcript {
  readonly lines: string[] = [];
  constructor(private readonly clock: FakeClock) {}
  line(who: string, text: string): void {
    this.lines.push(`${String(this.clock.now()).padStart(7)} ${who} ${text}`);
  }
  /** Compares with golden/<name>.txt; UPDATE_GOLDEN=1 rewrites it. */
  check(name: string): void {
    const file = join(here, 'golden', `${name}.txt`);
    const text = this.lines.join('\n') + '\n';
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
      if (process.env.UPDATE_GOLDEN !== '1' && (process.env.CI === 'true' || process.env.CI === '1')) assert.fail(`golden file ${file} missing`);
      writeFileSync(file, text);
      return;
    }
    assert.equal(text, readFileSync(file, 'utf8'), `transcript differs from ${file} (UPDATE_GOLDEN=1 to regenerate)`);
  }
}

export interface Pair {
  clock: FakeClock;
  t: Transcript;
  a: Mtp3;
  b: Mtp3;
  wires: FakeLinkPair[];
  userA: RecordingUser;
  userB: RecordingUser;
}

const SKIP_EVENTS = new Set(['mtp3.notPermitted']);

/** A (PC 1) and B (PC 2), one linkset each way with `links` links (SLC 0..n-1). */
export interface PairOptions {
  links?: number;
  wire?: FakeLinkOptions;
  timers?: Mtp3Options['timers'];
  quietUsers?: boolean;
  traceEvents?: boolean;
  /** Extra routes of A (destinations behind B). */
  routesA?: Mtp3Options['routes'];
  /** SLCs B uses for its links (default: the same as A, 0..n-1). */
  slcB?: number[];
  /** Per-link wire options (override `wire`), e.g. different delays. */
  wireOf?: (i: number) => FakeLinkOptions;
}

export function makePair(opts: PairOptions = {}): Pair {
  const clock = new FakeClock();
  const t = new Transcript(clock);
  const n = opts.links ?? 1;
  // Management messages on the wire go in the transcript too (user traffic would be too long).
  const tap = (from: { name: string }, msu: Buffer, fsn: number): void => {
    const d = decodeMsu(msu);
    if (!d.ok || d.value.sio.si > 1) return;
    const m = d.value;
    let what: string;
    if (m.sio.si === 0) {
      const s = decodeSnm(m.data);
      what = s.ok ? describeSnm(s.value) : 'malformed SNM';
    } else {
      const s = decodeSlt(m.data);
      what = s.ok ? `${s.value.type} pattern=${s.value.pattern.toString('hex')}` : 'malformed test message';
    }
    t.line(from.name.startsWith('a') ? 'A>' : 'B>', `${from.name} fsn=${fsn} ${what} opc=${m.label.opc} dpc=${m.label.dpc} slc=${m.label.sls}`);
  };
  const wires = Array.from(
    { length: n },
    (_, i) => new FakeLinkPair(clock, `a-l${i}`, `b-l${i}`, { tap: opts.traceEvents === false ? undefined : tap, ...opts.wire, ...opts.wireOf?.(i) }),
  );
  const mk = (pc: number, adj: number, side: 'a' | 'b') =>
    new Mtp3({
      pointCode: pc,
      networkIndicator: 'national',
      clock,
      timers: opts.timers,
      routes: side === 'a' ? opts.routesA : undefined,
      linksets: [
        {
          name: `ls-${side === 'a' ? 'b' : 'a'}`,
          adjacentPointCode: adj,
          links: wires.map((w, i) => ({ slc: side === 'b' && opts.slcB ? opts.slcB[i]! : i, link: side === 'a' ? w.a : w.b })),
        },
      ],
    });
  const a = mk(PC_A, PC_B, 'a');
  const b = mk(PC_B, PC_A, 'b');
  const userA = new RecordingUser('A', t, opts.quietUsers);
  const userB = new RecordingUser('B', t, opts.quietUsers);
  a.registerUser(5, userA);
  b.registerUser(5, userB);
  if (opts.traceEvents !== false) {
    for (const [who, m] of [['A', a], ['B', b]] as const) {
      m.onEvent((e) => {
        if (SKIP_EVENTS.has(e.event)) return;
        const { event, pc: _pc, ...rest } = e;
        const fields = Object.entries(rest)
          .map(([k, v]) => `${k}=${typeof v === 'string' && v.includes(' ') ? JSON.stringify(v) : String(v)}`)
          .join(' ');
        t.line(who, `${event} ${fields}`);
      });
    }
  }
  return { clock, t, a, b, wires, userA, userB };
}

/** Starts both and runs until both see each other (or fails). */
export function bringUp(p: Pair, maxMs = 10_000): void {
  p.a.start();
  p.b.start();
  for (let i = 0; i < maxMs / 10 && !(p.a.isAccessible(PC_B) && p.b.isAccessible(PC_A)); i++) p.clock.advance(10);
  assert.ok(p.a.isAccessible(PC_B) && p.b.isAccessible(PC_A), 'both points accessible to each other');
}

/** An ISUP-like payload: 2-octet "CIC" then a 4-octet sequence number. */
export function payload(cic: number, seq: number): Buffer {
  const b = Buffer.alloc(6);
  b.writeUInt16LE(cic, 0);
  b.writeUInt32BE(seq, 2);
  return b;
}
