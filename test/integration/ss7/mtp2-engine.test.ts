// MTP2 in the TDM engine: two virtual spans looped over UDP on 127.0.0.1 in one process, TS16 of
// each opened as the "mtp2" signalling channel kind, driven through NativeMtp2Link (the level 2
// interface MTP3 uses). Real time: the engine ticks every 1 ms.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TdmEngine } from '../../../src/native/engine.js';
import { TrunkSpan } from '../../../src/trunk/span.js';
import { nullLogger } from '../../../src/log/logger.js';
import type { SpanConfig } from '../../../src/config/sections/spans.js';
import type { Mtp2Indication } from '../../../src/ss7/mtp2/link.js';
import { NativeMtp2Link, type NativeMtp2LinkOptions } from '../../../src/ss7/mtp2/native-link.js';
import { spanPair, waitFor } from '../e1/helpers.js';
import { requireTool } from '../../helpers/tools.js';

const fast: Partial<SpanConfig> = { alarmRaiseMs: 20, alarmClearMs: 20, losThresholdMs: 30 };

interface End {
  span: TrunkSpan;
  link: NativeMtp2Link;
  ind: Mtp2Indication[];
}

async function linkPair(
  engine: TdmEngine,
  opts: Partial<NativeMtp2LinkOptions> = {},
  spanA: Partial<SpanConfig> = {},
): Promise<[End, End]> {
  const [ca, cb] = await spanPair({ ...fast, ...spanA }, { pcap: null });
  const ends: End[] = [];
  for (const [i, cfg] of [ca, cb].entries()) {
    const span = new TrunkSpan(engine, cfg, i, nullLogger());
    span.start();
    const link = new NativeMtp2Link(engine, span.engineHandle!, 16, { name: `${cfg.name}/16`, logger: nullLogger(), ...opts });
    const ind: Mtp2Indication[] = [];
    link.setIndicationHandler((x) => ind.push(x));
    ends.push({ span, link, ind });
  }
  await waitFor('frame alignment', () => ends.every((e) => e.span.status().frameAligned), 5000);
  return ends as [End, End];
}

const has = (e: End, kind: Mtp2Indication['kind']) => e.ind.some((i) => i.kind === kind);
const msu = (n: number) => Buffer.concat([Buffer.from([0x85, 1, 0, 2, 0]), Buffer.from(`msu ${n}`)]);

test('TS16 in mtp2 mode aligns with normal proving, MSUs cross both ways, and the span pcap decodes with good FCS', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-mtp2-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'a-ts16.pcap');
  const engine = new TdmEngine();
  t.after(() => engine.close());
  // Normal proving with T4n shortened to 2 s to keep the suite fast (Pn is 8.2 s by default).
  const [a, b] = await linkPair(engine, { timersMs: { T4n: 2000 }, allowNonStandardTimers: true }, { pcap: file });
  a.link.start();
  b.link.start();
  const took = await waitFor('in service', () => has(a, 'inService') && has(b, 'inService'), 10000);
  assert.ok(took >= 1900, `normal proving took ${took} ms`);
  assert.equal(a.link.state, 'IN_SERVICE');
  for (let i = 0; i < 50; i++) {
    a.link.transmit(msu(i));
    b.link.transmit(msu(1000 + i));
  }
  const rx = (e: End) => e.ind.flatMap((i) => (i.kind === 'received' ? [i.msu.toString('latin1', 5)] : []));
  await waitFor('MSUs delivered', () => rx(a).length === 50 && rx(b).length === 50, 5000);
  assert.deepEqual(rx(b), Array.from({ length: 50 }, (_, i) => `msu ${i}`));
  assert.deepEqual(rx(a), Array.from({ length: 50 }, (_, i) => `msu ${1000 + i}`));
  const c = a.link.counters();
  assert.equal(c['mtp2.msuTx'], 50);
  assert.equal(c['mtp2.suErrors'], 0);
  assert.equal(c['mtp2.fcsErrors'], 0);
  a.link.close();
  b.link.close();
  await a.span.stop();
  await b.span.stop();
  if (!requireTool(t, 'tshark', 'tshark')) return;
  assert.ok(statSync(file).size > 24);
  const r = spawnSync(
    'tshark',
    ['-r', file, '-o', 'mtp2.capture_contains_frame_check_sequence:TRUE', '-T', 'fields', '-e', 'mtp2.li', '-e', 'mtp2.fcs_16.status'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').map((l) => l.split('\t'));
  assert.ok(rows.length > 1000, `${rows.length} signal units captured`);
  assert.ok(rows.every(([, fcs]) => fcs === '1'), 'every FCS good');
  const lis = new Set(rows.map(([li]) => Number(li)));
  assert.ok(lis.has(0) && lis.has(1) && [...lis].some((li) => li > 2), `FISU, LSSU and MSU seen: ${[...lis].join(',')}`);
});

test('emergency alignment in Pe; loss of signal takes the link out of service; recovery realigns', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const [a, b] = await linkPair(engine, { emergency: true });
  a.link.start();
  b.link.start();
  const took = await waitFor('in service', () => has(a, 'inService') && has(b, 'inService'), 5000);
  assert.ok(took >= 450 && took < 3000, `emergency proving took ${took} ms`);
  a.ind.length = 0;
  b.ind.length = 0;
  // b's transmitter off: a sees LOS (an all-ones line), DAEDR goes to octet counting and SUERM
  // takes the link down (~126 ms); a then sends SIOS, which takes b down too.
  b.span.setTxEnabled(false);
  await waitFor('a out of service', () => has(a, 'outOfService'), 3000);
  const ra = a.ind.find((i) => i.kind === 'outOfService');
  assert.deepEqual(ra, { kind: 'outOfService', reason: 'excessiveErrorRate' });
  await waitFor('b out of service', () => has(b, 'outOfService'), 3000);
  assert.deepEqual(
    b.ind.find((i) => i.kind === 'outOfService'),
    { kind: 'outOfService', reason: 'receivedSios' },
  );
  b.span.setTxEnabled(true);
  await waitFor('LOS cleared', () => !a.span.status().alarms.includes('LOS'), 3000);
  a.ind.length = 0;
  b.ind.length = 0;
  a.link.start();
  b.link.start();
  await waitFor('realigned', () => has(a, 'inService') && has(b, 'inService'), 5000);
  a.link.transmit(msu(7));
  await waitFor('MSU after recovery', () => has(b, 'received'), 2000);
  assert.ok(a.link.counters()['mtp2.linkFailures']! >= 1);
  // The span owner reports a level 1 failure: a goes out of service with that reason (once), b sees SIOS.
  a.ind.length = 0;
  b.ind.length = 0;
  a.link.level1Failure();
  assert.equal(a.ind.length, 0, 'not delivered from inside the call');
  await waitFor('a level 1 failure', () => has(a, 'outOfService'), 2000);
  assert.deepEqual(a.ind.filter((i) => i.kind === 'outOfService'), [{ kind: 'outOfService', reason: 'level1Failure' }]);
  await waitFor('b out of service', () => has(b, 'outOfService'), 2000);
  a.link.level1Failure();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(a.ind.filter((i) => i.kind === 'outOfService').length, 1, 'no second indication');
  a.link.close();
  a.link.close();
});

test('injected line bit errors take the link down at the rate SUERM allows, without reordering or duplicating MSUs', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const [a, b] = await linkPair(engine, { emergency: true });
  a.link.start();
  b.link.start();
  await waitFor('in service', () => has(a, 'inService') && has(b, 'inService'), 5000);
  // The span injects one bit error per 1 ms sub-multiframe, rotating over TS1..31, so TS16 takes one
  // every 31 ms. SUERM: +1 per errored SU, -1 per 256 SUs (FISUs of 6 line octets: 256 SUs = 192 ms),
  // failure at 64: 64 / (1/31 - 1/192) = ~2.37 s. 2480 errors last 2.48 s.
  const t0 = Date.now();
  b.span.injectErrors(2480);
  for (let i = 0; i < 100; i++) b.link.transmit(msu(i));
  await waitFor('a out of service', () => has(a, 'outOfService'), 6000);
  const took = Date.now() - t0;
  t.diagnostic(`SUERM took the link down ${took} ms after the errors began (expected ~2370)`);
  assert.ok(took > 1500 && took < 4000, `SUERM took the link down after ${took} ms (expected ~2370)`);
  assert.deepEqual(
    a.ind.find((i) => i.kind === 'outOfService'),
    { kind: 'outOfService', reason: 'excessiveErrorRate' },
  );
  const got = a.ind.flatMap((i) => (i.kind === 'received' ? [Number(i.msu.toString('latin1', 9))] : []));
  assert.deepEqual(got, Array.from({ length: got.length }, (_, i) => i), 'in order, no duplicates');
  assert.ok(a.link.counters()['mtp2.suErrors']! >= 40);
});

test('a link started in the same JS turn as its channel opens runs T2 from the engine\'s time, not from 0', async (t) => {
  const engine = new TdmEngine();
  t.after(() => engine.close());
  const [ca, cb] = await spanPair(fast, { pcap: null });
  const ends: End[] = [];
  for (const [i, cfg] of [ca, cb].entries()) {
    const span = new TrunkSpan(engine, cfg, i, nullLogger());
    span.start();
    // Open and start at once: both commands reach the engine before the channel's first tick.
    const link = new NativeMtp2Link(engine, span.engineHandle!, 16, { name: `${cfg.name}/16`, logger: nullLogger(), emergency: true });
    const ind: Mtp2Indication[] = [];
    link.setIndicationHandler((x) => ind.push(x));
    link.start();
    ends.push({ span, link, ind });
  }
  const [a, b] = ends as [End, End];
  await waitFor('in service', () => has(a, 'inService') && has(b, 'inService'), 5000);
  assert.ok(!has(a, 'outOfService') && !has(b, 'outOfService'), 'no T2 expiry on the first tick');
  a.link.close();
  b.link.close();
  await a.span.stop();
  await b.span.stop();
});
