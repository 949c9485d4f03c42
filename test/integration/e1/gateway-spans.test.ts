// The gateway process wiring, in process: startGateway() with a gateway span and the exchange
// simulator's span looped to it (the shape of the embedded default, on free ports) brings both up and
// aligned, logs the span.* events with their stable names, and close() takes them down in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../../src/config/load.js';
import { startGateway } from '../../../src/app/gateway.js';
import { freeUdpPorts } from '../../helpers/ports.js';
import { waitFor } from './helpers.js';

interface Line {
  event?: string;
  span?: string;
  component?: string;
  role?: string;
  afterMs?: number;
}

test('the gateway starts its span and the simulator span, both align, and close() stops them before the engine', async () => {
  const [pa, pb] = (await freeUdpPorts(2)) as [number, number];
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Line);
      cb();
    },
  });
  const log = pino({ level: 'info' }, sink);
  const cfg = loadConfig({
    object: {
      spans: [{ name: 'e1-0', driver: 'virtual', local: `127.0.0.1:${pa}`, remote: `127.0.0.1:${pb}` }],
      lab: { spans: [{ name: 'lab-0', driver: 'virtual', local: `127.0.0.1:${pb}`, remote: `127.0.0.1:${pa}` }] },
      sip: { listen: [{ transport: 'udp', address: '127.0.0.1', port: 0 }] },
    },
    env: {},
  });
  const gw = await startGateway(cfg, log);
  let closed = false;
  try {
    assert.deepEqual(gw.spans.map((s) => s.name), ['e1-0']);
    assert.deepEqual(gw.labSpans.map((s) => s.name), ['lab-0']);
    await waitFor('both spans multiframe aligned', () => gw.spans[0]!.status().mfAligned && gw.labSpans[0]!.status().mfAligned, 5000);
    const span = gw.spans[0]!;
    assert.equal(span.cics.cicOf(1), 1);
    assert.equal(span.cics.cicOf(16), undefined);
    assert.equal(gw.labSpans[0]!.cics.cicOf(31), 31, 'the simulator span is index 0 of its own list');
    await gw.close();
    closed = true;
    await gw.close(); // idempotent
  } finally {
    if (!closed) await gw.close();
  }
  const ev = (name: string, span: string) => lines.findIndex((l) => l.event === name && l.span === span);
  for (const s of ['e1-0', 'lab-0']) {
    for (const name of ['span.up', 'span.aligned', 'span.mfAligned', 'span.down']) {
      assert.ok(ev(name, s) >= 0, `${s}: ${name} logged`);
    }
    assert.ok(ev('span.up', s) < ev('span.aligned', s) && ev('span.aligned', s) < ev('span.down', s));
    const aligned = lines[ev('span.mfAligned', s)]!;
    assert.ok(aligned.afterMs! >= 0 && aligned.afterMs! <= 50, `${s} multiframe aligned after ${aligned.afterMs} ms`);
  }
  assert.equal(lines.find((l) => l.span === 'lab-0')?.role, 'lab');
  // Spans in reverse order, then the engine.
  assert.ok(ev('span.down', 'lab-0') < ev('span.down', 'e1-0'));
  assert.ok(ev('span.down', 'e1-0') < lines.findIndex((l) => l.event === 'engine.stopped'));
  assert.ok(!lines.some((l) => l.event === 'span.alarm'), 'no alarm on the embedded loop');
});
