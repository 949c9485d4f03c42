/**
 * SS7 benchmark (`npm run bench -- ss7`, issue 4): the ISUP codec (bench/ss7-codec.ts), MTP3 CPU per
 * MSU (bench/ss7-mtp3.ts) and, when the native addon is built, MTP2 link throughput (bench/ss7-mtp2.ts). A 64 kbit/s link carries about 320
 * ISUP MSUs per second per direction; each part reports how far below that cost the stack is.
 * Last line: one JSON object {"bench":"ss7", isup: {...}, mtp3: {...}, mtp2: {...}}.
 */
import { printIsupCodecFigures, runIsupCodecBench } from './ss7-codec.js';

const isup = runIsupCodecBench();
printIsupCodecFigures(isup);

let mtp3: unknown = null;
try {
  const { runMtp3Bench } = await import('./ss7-mtp3.js');
  mtp3 = runMtp3Bench();
  console.log(`MTP3: ${JSON.stringify(mtp3)}`);
} catch (e) {
  console.log(`MTP3 figures unavailable: ${e instanceof Error ? e.message : String(e)}`);
}

let mtp2: unknown = null;
try {
  const { runMtp2Bench } = await import('./ss7-mtp2.js');
  mtp2 = runMtp2Bench();
  console.log(`MTP2: ${JSON.stringify(mtp2)}`);
} catch (e) {
  console.log(`MTP2 figures unavailable: ${e instanceof Error ? e.message : String(e)}`);
}

console.log(JSON.stringify({ bench: 'ss7', isup, mtp3, mtp2 }));
