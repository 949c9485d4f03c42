// The embedded default (`tandem start` with no config, src/config/embedded.ts) brings the signalling
// link between the gateway (point code 1) and the exchange simulator (point code 2) into service: run
// in process through startGateway with the default's spans and SS7 sections, only the UDP ports
// replaced by free ones (and SIP on a free port), so it can run beside other tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { embeddedConfig } from '../../../src/config/embedded.js';
import { loadConfig } from '../../../src/config/load.js';
import { startGateway } from '../../../src/app/gateway.js';
import { freeUdpPorts } from '../../helpers/ports.js';
import { waitFor } from '../e1/helpers.js';

interface Line {
  event?: string;
  role?: string;
  pc?: number;
  destination?: number;
  cic?: number;
  range?: number;
  emergency?: boolean;
  time?: number;
}

test('the embedded default aligns the gateway-simulator signalling link: in service, SLT passed, TRA, MTP-RESUME and GRS/GRA both ways', async (t) => {
  const [pg, pl] = (await freeUdpPorts(2)) as [number, number];
  // The default with its ports swapped for free ones: everything else as `tandem start` runs it.
  const text = JSON.stringify(embeddedConfig).replaceAll('127.0.0.1:40000', `127.0.0.1:${pg}`).replaceAll('127.0.0.1:40001', `127.0.0.1:${pl}`);
  const object = JSON.parse(text) as Record<string, unknown>;
  object.sip = { listen: [{ transport: 'udp', address: '127.0.0.1', port: 0 }] };
  const cfg = loadConfig({ object, env: {} });
  assert.equal(cfg.ss7.pointCode, 1);
  assert.equal(cfg.lab.ss7.pointCode, 2);
  assert.deepEqual(
    cfg.ss7.linksets.map((ls) => [ls.adjacentPointCode, ls.links.map((l) => `${l.span}/${l.timeslot}`)]),
    [[2, ['e1-0/16']]],
  );

  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Line);
      cb();
    },
  });
  const gw = await startGateway(cfg, pino({ level: 'info' }, sink));
  t.after(() => gw.close());
  assert.ok(gw.ss7 && gw.labSs7, 'both sides have an SS7 stack');
  const side = (lab: boolean) => (l: Line) => (l.role === 'lab') === lab;
  const has = (lab: boolean, event: string, f: (l: Line) => boolean = () => true) => lines.some((l) => side(lab)(l) && l.event === event && f(l));
  const upMs = await waitFor(
    'both sides: MTP-RESUME and GRA for both circuit groups',
    () =>
      [false, true].every(
        (lab) =>
          has(lab, 'mtp3.resume', (l) => l.destination === (lab ? 1 : 2)) &&
          has(lab, 'isup.graReceived', (l) => l.cic === 1 && l.range === 14) &&
          has(lab, 'isup.graReceived', (l) => l.cic === 17 && l.range === 14),
      ),
    10_000,
  );
  t.diagnostic(`signalling link up and both circuit groups reset ${upMs} ms after startGateway returned`);
  for (const lab of [false, true]) {
    for (const e of ['mtp3.linkInService', 'mtp3.linkAvailable', 'mtp3.traSent', 'mtp3.traReceived', 'isup.grsSent', 'isup.grsReceived', 'isup.graSent']) {
      assert.ok(has(lab, e), `${lab ? 'simulator' : 'gateway'}: ${e}`);
    }
    assert.ok(!has(lab, 'mtp2.outOfService'), `${lab ? 'simulator' : 'gateway'}: the link never failed`);
  }
  assert.equal(gw.ss7!.mtp3.isAccessible(2), true);
  assert.equal(gw.labSs7!.mtp3.isAccessible(1), true);
  assert.deepEqual(gw.ss7!.isup.pendingResets(), []);

  await gw.close();
  const idx = (e: string) => lines.findIndex((l) => l.event === e);
  const last = (e: string) => lines.map((l) => l.event).lastIndexOf(e);
  assert.ok(idx('ss7.stopped') >= 0 && last('ss7.stopped') < idx('span.down'), 'SS7 stops before the spans');
  assert.ok(last('span.down') < idx('engine.stopped'), 'spans stop before the engine');
});
