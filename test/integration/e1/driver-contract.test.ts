// One contract suite for every span driver (CONVENTIONS.md 15), through the engine: two spans whose
// lines are connected to each other. virtual: always (a UDP pair over loopback). loop: always (in
// memory, drivers/loop). dahdi: only with a
// build that has DAHDI and two spans cabled back to back, named by TANDEM_TEST_DAHDI="span1:chan1,span2:chan2"
// (skipped with that message otherwise).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TdmEngine, type NativeSpanConfig } from '../../../src/native/engine.js';
import type { SpanDriverCounters, SpanDriverKind } from '../../../src/trunk/span-driver.js';
import { freeUdpPorts } from '../../helpers/ports.js';
import { sleep, waitFor } from './helpers.js';

/** Every counter of the TS mirror; `satisfies` keeps this list complete at compile time. */
const COUNTERS = {
  txBlocks: true,
  rxBlocks: true,
  playedOut: true,
  underruns: true,
  lost: true,
  late: true,
  duplicate: true,
  reordered: true,
  overruns: true,
  malformed: true,
  wrongSource: true,
  resyncs: true,
  txErrors: true,
  losEvents: true,
} satisfies Record<keyof SpanDriverCounters, true>;

const base: Omit<NativeSpanConfig, 'driver' | 'localHost' | 'localPort' | 'remoteHost' | 'remotePort' | 'name'> = {
  jitterBufferPackets: 3,
  losThresholdMs: 30,
  crc4: true,
  signallingTimeslots: [16],
  law: 'alaw',
  pcap: null,
  alarmRaiseMs: 20,
  alarmClearMs: 20,
};

interface DriverCase {
  kind: SpanDriverKind;
  skip: string | false;
  pair(): Promise<[NativeSpanConfig, NativeSpanConfig]>;
}

const dahdiEnv = process.env.TANDEM_TEST_DAHDI;
const cases: DriverCase[] = [
  {
    kind: 'virtual',
    skip: false,
    async pair() {
      const [pa, pb] = (await freeUdpPorts(2)) as [number, number];
      const v = (name: string, l: number, r: number): NativeSpanConfig => ({
        ...base,
        name,
        driver: 'virtual',
        localHost: '127.0.0.1',
        localPort: l,
        remoteHost: '127.0.0.1',
        remotePort: r,
      });
      return [v('a', pa, pb), v('b', pb, pa)];
    },
  },
  {
    kind: 'loop',
    skip: false,
    async pair() {
      const l = (name: string, peer: string): NativeSpanConfig => ({
        ...base,
        name,
        driver: 'loop',
        peer,
        localHost: '',
        localPort: 0,
        remoteHost: '',
        remotePort: 1,
      });
      return Promise.resolve([l('a', 'b'), l('b', 'a')]);
    },
  },
  {
    kind: 'dahdi',
    skip: dahdiEnv ? false : 'no DAHDI spans cabled back to back configured (TANDEM_TEST_DAHDI="span:firstChannel,span:firstChannel")',
    async pair() {
      const [x, y] = (dahdiEnv ?? '').split(',').map((p) => p.split(':').map(Number)) as [number[], number[]];
      const d = (name: string, [span, chan]: number[]): NativeSpanConfig => ({
        ...base,
        name,
        driver: 'dahdi',
        localHost: '',
        localPort: 0,
        remoteHost: '',
        remotePort: 1,
        dahdiSpan: span,
        dahdiFirstChannel: chan,
      });
      return [d('a', x), d('b', y)];
    },
  },
];

for (const c of cases) {
  describe(`span driver contract: ${c.kind}`, { skip: c.skip }, () => {
    test('connected lines align, carry every bearer octet bit-exact, and a silent transmitter is loss of signal at the other end', async (t) => {
      const engine = new TdmEngine();
      t.after(() => engine.close());
      const [ca, cb] = await c.pair();
      const alarms: string[] = [];
      const a = engine.addSpan(ca, (e) => {
        if (e.type === 'alarm') alarms.push(`${e.alarm}:${e.raised}`);
      });
      const b = engine.addSpan(cb, () => {});
      await waitFor('multiframe alignment', () => engine.spanStatus(a).mfAligned && engine.spanStatus(b).mfAligned, 5000);
      engine.setBert(a, true);
      engine.setBert(b, true);
      await waitFor('BERT sync', () => engine.spanStatus(a).bert.synced && engine.spanStatus(b).bert.synced, 2000);
      await sleep(1000);
      for (const s of [a, b]) {
        const st = engine.spanStatus(s);
        assert.equal(st.bert.bitErrors, 0);
        assert.ok(st.bert.bits > 1_000_000);
        assert.equal(st.counters['framer.crcErrors'], 0);
        for (const k of Object.keys(COUNTERS)) assert.equal(typeof st.counters[`driver.${k}`], 'number', `driver.${k}`);
        assert.ok(st.counters['driver.txBlocks']! > 1000 && st.counters['driver.rxBlocks']! > 1000);
      }
      engine.setTxEnabled(b, false);
      await waitFor('LOS at a', () => engine.spanStatus(a).alarms.LOS, 3000);
      const sa = engine.spanStatus(a);
      assert.equal(sa.los, true, `driver LOS with the LOS alarm raised (alarm events ${alarms.join(' ')}; ${JSON.stringify(sa)})`);
      engine.setTxEnabled(b, true);
      await waitFor('LOS cleared', () => alarms.includes('LOS:false'), 3000);
      await waitFor('realigned', () => engine.spanStatus(a).mfAligned, 3000);
    });
  });
}
