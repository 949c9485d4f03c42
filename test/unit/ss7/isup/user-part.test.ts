// The minimal ISUP user part (src/ss7/isup/user-part.ts) under a fake clock, over a fake MTP:
// circuit groups, GRS on MTP-RESUME, T22 repeat, T23 alert, GRA stops the timers, GRS answered with
// GRA, unexpected messages and MTP-PAUSE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { FakeClock } from '../../../../src/ss7/mtp3/clock.js';
import type { MtpTransferRequest, TransferResult } from '../../../../src/ss7/mtp3/primitives.js';
import { circuitGroups, IsupUserPart } from '../../../../src/ss7/isup/user-part.js';
import { decodeIsup, encodeIsup, paramValue, P, type IsupMessage } from '../../../../src/ss7/isup/index.js';
import { resolveIsupTimers } from '../../../../src/ss7/isup/timers.js';

class FakeMtp {
  readonly sent: MtpTransferRequest[] = [];
  transfer(req: MtpTransferRequest): TransferResult {
    this.sent.push(req);
    return 'sent';
  }
  messages(): { dpc: number; sls: number; type: string; cic: number; range?: number; status?: number[] }[] {
    return this.sent.map((r) => {
      const d = decodeIsup(r.data);
      assert.ok(d.ok);
      const rs = paramValue(d.value, P.rangeAndStatus, 'range-status');
      return { dpc: r.dpc, sls: r.sls, type: d.value.acronym, cic: d.value.cic, range: rs?.range, status: rs?.status ? [...rs.status] : undefined };
    });
  }
}

function setup() {
  const clock = new FakeClock();
  const mtp = new FakeMtp();
  const events: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) events.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  const circuits = new Map([[2, [...Array.from({ length: 15 }, (_, i) => 1 + i), ...Array.from({ length: 15 }, (_, i) => 17 + i)]]]);
  const up = new IsupUserPart({ pointCode: 1, circuits, mtp, clock, logger: pino({ level: 'debug' }, sink) });
  return { clock, mtp, up, events };
}

function isup(cic: number, type: number, acronym: string, range: number, status?: number[]): Buffer {
  const m: IsupMessage = {
    cic,
    cicSpare: 0,
    type,
    acronym,
    fixed: [],
    variable: [{ code: P.rangeAndStatus, name: 'Range and status', value: { kind: 'range-status', range, status: status ? Uint8Array.from(status) : undefined } }],
  };
  const e = encodeIsup(m);
  assert.ok(e.ok);
  return Buffer.from(e.value);
}

const from2 = (data: Buffer) => ({ opc: 2, dpc: 1, sls: 0, si: 5, ni: 'national' as const, data });

test('circuit groups are runs of consecutive CICs of at most 32 circuits; a lone circuit is left to RSC', () => {
  assert.deepEqual(circuitGroups([1, 2, 3, 5, 7, 8]), { groups: [{ cic: 1, range: 2 }, { cic: 7, range: 1 }], single: [5] });
  const big = circuitGroups(Array.from({ length: 70 }, (_, i) => 100 + i));
  assert.deepEqual(big.groups, [
    { cic: 100, range: 31 },
    { cic: 132, range: 31 },
    { cic: 164, range: 5 },
  ]);
});

test('MTP-RESUME sends a GRS per circuit group with SLS from the CIC; T22 repeats it until the GRA', () => {
  const { clock, mtp, up, events } = setup();
  up.resume(2);
  assert.deepEqual(mtp.messages(), [
    { dpc: 2, sls: 1, type: 'GRS', cic: 1, range: 14, status: undefined },
    { dpc: 2, sls: 1, type: 'GRS', cic: 17, range: 14, status: undefined },
  ]);
  clock.advance(up.timers.T22 - 1);
  assert.equal(mtp.sent.length, 2);
  up.transferIndication(from2(isup(1, 0x29, 'GRA', 14, [0, 0])));
  clock.advance(1);
  assert.deepEqual(
    mtp.messages().slice(2),
    [{ dpc: 2, sls: 1, type: 'GRS', cic: 17, range: 14, status: undefined }],
    'only the unacknowledged group is repeated on T22',
  );
  assert.deepEqual(up.pendingResets(), [{ dpc: 2, cic: 17, range: 14 }]);
  up.transferIndication(from2(isup(17, 0x29, 'GRA', 14, [0, 0])));
  clock.advance(up.timers.T23 * 2);
  assert.equal(mtp.sent.length, 3, 'nothing more after both GRAs');
  assert.ok(events.some((e) => e.event === 'isup.graReceived' && e.cic === 17 && e.range === 14));
  assert.ok(events.some((e) => e.event === 'isup.grsSent' && e.repeated === 'T22'));
});

test('without a GRA, T23 alerts maintenance, stops T22 and repeats the GRS every T23', () => {
  const { clock, mtp, up, events } = setup();
  up.resume(2);
  const t = resolveIsupTimers();
  clock.advance(t.T23);
  const repeatsByT22 = Math.floor((t.T23 - 1) / t.T22);
  assert.equal(mtp.sent.length, 2 + 2 * repeatsByT22 + 2);
  assert.equal(events.filter((e) => e.event === 'isup.maintenanceAlert').length, 2);
  const n = mtp.sent.length;
  clock.advance(t.T23 - 1);
  assert.equal(mtp.sent.length, n, 'T22 no longer runs');
  clock.advance(1);
  assert.equal(mtp.sent.length, n + 2);
});

test('a received GRS is answered with a GRA of the same CIC and range, no circuit blocked', () => {
  const { mtp, up, events } = setup();
  up.transferIndication(from2(isup(17, 0x17, 'GRS', 14)));
  assert.deepEqual(mtp.messages(), [{ dpc: 2, sls: 1, type: 'GRA', cic: 17, range: 14, status: [0, 0] }]);
  assert.ok(events.some((e) => e.event === 'isup.grsReceived' && e.opc === 2 && e.cic === 17 && e.range === 14));
  assert.ok(events.some((e) => e.event === 'isup.graSent' && e.dpc === 2 && e.cic === 17));
});

test('a GRS with range 0 or over 31, or for unequipped circuits, an unexpected GRA and other messages are logged and discarded', () => {
  const { mtp, up, events } = setup();
  up.transferIndication(from2(isup(1, 0x17, 'GRS', 0)));
  up.transferIndication(from2(isup(1, 0x17, 'GRS', 40)));
  up.transferIndication(from2(isup(200, 0x17, 'GRS', 3)));
  up.transferIndication(from2(isup(1, 0x29, 'GRA', 14, [0, 0])));
  up.transferIndication(from2(Buffer.from([0x01, 0x00, 0x10, 0x00]))); // RLC on CIC 1, no optional part
  up.transferIndication(from2(Buffer.from([0x01])));
  assert.equal(mtp.sent.length, 0);
  assert.equal(events.filter((e) => e.event === 'isup.unexpected').length, 5);
  assert.ok(events.some((e) => e.event === 'isup.unexpected' && e.type === 'RLC'));
  assert.ok(events.some((e) => e.event === 'isup.decodeError'));
});

test('MTP-PAUSE stops the repeats of an outstanding GRS; MTP-RESUME starts the reset again', () => {
  const { clock, mtp, up } = setup();
  up.resume(2);
  up.pause(2);
  assert.deepEqual(up.pendingResets(), []);
  clock.advance(up.timers.T23);
  assert.equal(mtp.sent.length, 2);
  up.resume(2);
  assert.equal(mtp.sent.length, 4);
  up.stop();
  clock.advance(up.timers.T23);
  assert.equal(mtp.sent.length, 4, 'stop() cancels every timer');
});

test('ISUP timer overrides outside Q.764 ranges are refused', () => {
  assert.throws(() => resolveIsupTimers({ T22: 5000 }), /T22 must be 15000-60000/);
  assert.equal(resolveIsupTimers({ T22: 15000 }).T22, 15000);
});
