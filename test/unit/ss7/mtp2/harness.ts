// Helpers for the MTP2 tests: the native back-to-back pair (native/mtp2/mtp2_pair.h) under a fake
// clock, golden transcripts (CONVENTIONS.md 16; UPDATE_GOLDEN=1 rewrites them) and small waits.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadNative } from '../../../../src/native/addon.js';
import type { Mtp2Side, Mtp2TestPair, Mtp2TestPairOptions } from '../../../../src/native/types/mtp2.js';

export function newPair(opts: Mtp2TestPairOptions = {}): Mtp2TestPair {
  return new (loadNative().mtp2test.Mtp2TestPair)(opts);
}

/** Advances 1 ms at a time until pred() holds; returns the ms it took, or -1 after maxMs. */
export function advanceUntil(pair: Mtp2TestPair, pred: () => boolean, maxMs: number): number {
  for (let i = 0; i <= maxMs; i++) {
    if (pred()) return i;
    pair.advance(1);
  }
  return -1;
}

export function inService(pair: Mtp2TestPair, side: Mtp2Side): boolean {
  return pair.state(side).lsc === 'IN_SERVICE';
}

/** Brings both ends in service (emergency proving keeps it short unless normal is asked for). */
export function alignPair(pair: Mtp2TestPair, normal = false): void {
  if (!normal) {
    pair.command('a', 'emergency');
    pair.command('b', 'emergency');
  }
  pair.command('a', 'start');
  pair.command('b', 'start');
  const ms = advanceUntil(pair, () => inService(pair, 'a') && inService(pair, 'b'), 20000);
  if (ms < 0) throw new Error(`pair did not align: ${JSON.stringify(pair.state('a'))} ${JSON.stringify(pair.state('b'))}`);
}

/** An MSU: SIO 0x85 (national, ISUP) + 4 routing-label octets + a counter. */
export function msu(n: number, len = 20): Buffer {
  const b = Buffer.alloc(len, 0);
  b[0] = 0x85;
  b.writeUInt32BE(0x01020304, 1);
  b.writeUInt16BE(n, 5);
  return b;
}

export function ids(bufs: Buffer[]): number[] {
  return bufs.map((b) => b.readUInt16BE(5));
}

/** Compares the transcript with golden/<name>.txt; UPDATE_GOLDEN=1 rewrites it. */
export function golden(name: string, lines: string[]): [string, string] {
  const actual = lines.join('\n') + '\n';
  const file = new URL(`./golden/${name}.txt`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    writeFileSync(file, actual);
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden file ${name}.txt did not exist; written — check it and rerun`);
  }
  return [actual, readFileSync(file, 'utf8')];
}

/** Seconds of the first transcript line containing `text` (the lines start with the fake time). */
export function timeOf(lines: string[], text: string): number {
  const l = lines.find((x) => x.includes(text));
  if (!l) throw new Error(`no transcript line with "${text}"`);
  return Number(l.trim().split(/\s+/)[0]);
}
