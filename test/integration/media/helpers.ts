// Shared helpers of the media integration tests: an engine with two looped virtual spans, an RTP
// peer (a UDP socket that sends paced RTP and records what it receives), and stream matching.
import { createSocket, type Socket } from 'node:dgram';
import { TdmEngine } from '../../../src/native/engine.js';
import { TrunkSpan } from '../../../src/trunk/span.js';
import { nullLogger } from '../../../src/log/logger.js';
import { loadNative } from '../../../src/native/addon.js';
import { spanPair, waitFor } from '../e1/helpers.js';
import { freeUdpPort } from '../../helpers/ports.js';

export { sleep, waitFor } from '../e1/helpers.js';

const { media } = loadNative();

/**
 * An RTP port range for a MediaCore: starts at a port the system just reported free (the hub skips
 * ports it cannot bind, so a port taken meanwhile costs a retry, not a failure).
 */
export async function mediaPorts(): Promise<{ portMin: number; portMax: number }> {
  const p = (await freeUdpPort()) & ~1;
  const portMin = Math.max(1024, Math.min(p, 63000));
  return { portMin, portMax: portMin + 2000 };
}

export interface LoopedSpans {
  engine: TdmEngine;
  a: TrunkSpan;
  b: TrunkSpan;
  close(): Promise<void>;
}

/** One engine, two virtual spans looped over loopback UDP, aligned. */
export async function loopedSpans(): Promise<LoopedSpans> {
  const engine = new TdmEngine();
  const [ca, cb] = await spanPair();
  const a = new TrunkSpan(engine, ca, 0, nullLogger());
  const b = new TrunkSpan(engine, cb, 1, nullLogger());
  a.start();
  b.start();
  await waitFor('frame alignment on both spans', () => a.status().frameAligned && b.status().frameAligned, 5000);
  return {
    engine,
    a,
    b,
    async close() {
      await a.stop();
      await b.stop();
      engine.close();
    },
  };
}

export interface RtpPacketIn {
  pt: number;
  seq: number;
  ts: number;
  marker: boolean;
  ssrc: number;
  payload: Uint8Array;
  at: number;
}

/** A UDP socket playing the far RTP endpoint. */
export class RtpPeer {
  readonly received: RtpPacketIn[] = [];
  private constructor(
    readonly sock: Socket,
    readonly port: number,
  ) {
    sock.on('message', (m) => {
      const p = media.rtpParse(new Uint8Array(m));
      if (p.error) return;
      this.received.push({ pt: p.payloadType!, seq: p.seq!, ts: p.timestamp!, marker: p.marker!, ssrc: p.ssrc!, payload: p.payload!, at: Date.now() });
    });
  }

  static async open(host = '127.0.0.1'): Promise<RtpPeer> {
    const sock = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    await new Promise<void>((r) => sock.bind(0, host, r));
    return new RtpPeer(sock, sock.address().port);
  }

  send(port: number, packet: Uint8Array, host = '127.0.0.1'): void {
    this.sock.send(packet, port, host);
  }

  /** The audio payloads received with payload type pt, concatenated in sequence order. */
  audio(pt: number): Uint8Array {
    const pk = this.received.filter((p) => p.pt === pt).sort((x, y) => ((x.seq - y.seq + 32768) & 0xffff) - 32768);
    const out = new Uint8Array(pk.reduce((n, p) => n + p.payload.length, 0));
    let o = 0;
    for (const p of pk) {
      out.set(p.payload, o);
      o += p.payload.length;
    }
    return out;
  }

  close(): void {
    this.sock.close();
  }
}

/**
 * Sends `payload` as RTP (ptime ms per packet) to port, paced by the wall clock (packets that fell
 * due while the timer slept go out at once: the far jitter buffer absorbs bursts).
 */
export async function sendPaced(
  peer: RtpPeer,
  port: number,
  payload: Uint8Array,
  opts: { pt: number; ptimeMs: number; ssrc?: number; seq0?: number; ts0?: number; host?: string; drop?: (i: number) => boolean },
): Promise<number> {
  const n = opts.ptimeMs * 8;
  const count = Math.floor(payload.length / n);
  const t0 = Date.now();
  let i = 0;
  let sent = 0;
  while (i < count) {
    const due = Math.floor((Date.now() - t0) / opts.ptimeMs) + 1;
    for (; i < Math.min(due, count); i++) {
      if (opts.drop?.(i)) continue;
      const pkt = media.rtpBuild(
        { payloadType: opts.pt, seq: ((opts.seq0 ?? 1000) + i) & 0xffff, timestamp: ((opts.ts0 ?? 5000) + i * n) >>> 0, ssrc: opts.ssrc ?? 0x1234, marker: i === 0 },
        payload.subarray(i * n, (i + 1) * n),
      );
      peer.send(port, pkt, opts.host);
      sent++;
    }
    await new Promise((r) => setTimeout(r, Math.max(1, opts.ptimeMs / 2)));
  }
  return sent;
}

/** Offset of needle's first `probe` octets in hay, or -1. */
export function findPattern(hay: Uint8Array, needle: Uint8Array, probe = 64): number {
  outer: for (let i = 0; i + probe <= hay.length; i++) {
    for (let k = 0; k < probe; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Random G.711 octets that are never silence-like (so no jitter buffer shrinking applies). */
export function loudCodes(n: number, seed = 1): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    // segment 4-7 (loud), random sign and mantissa
    out[i] = ((a >>> 24) & 0x8f) | (0x40 + ((a >>> 16) & 0x30));
  }
  return out;
}

/**
 * Frame-by-frame comparison of a sent stream with what arrived, after aligning on the first sent
 * frame found: how many sent 10 ms frames arrived exactly, in order. A concealment frame inserted
 * by the jitter buffer (a late sender) shifts the stream by whole frames, so the alignment holds.
 */
export function matchFrames(sent: Uint8Array, got: Uint8Array, firstFrames = 2, lastFrames = 4): { exact: number; total: number; start: number } {
  const F = 80;
  const start = findPattern(got, sent.subarray(0, 2 * F), 2 * F);
  const total = Math.floor(sent.length / F) - firstFrames - lastFrames;
  if (start < 0) return { exact: 0, total, start };
  const index = new Map<string, number>();
  for (let o = start; o + F <= got.length; o += F) index.set(Buffer.from(got.subarray(o, o + F)).toString('latin1'), o);
  let exact = 0;
  let last = -1;
  for (let k = firstFrames; k < firstFrames + total; k++) {
    const at = index.get(Buffer.from(sent.subarray(k * F, (k + 1) * F)).toString('latin1'));
    if (at !== undefined && at > last) {
      exact++;
      last = at;
    }
  }
  return { exact, total, start };
}
