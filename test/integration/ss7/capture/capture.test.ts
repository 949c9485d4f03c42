// Capture reading (src/ss7/capture): pcap and pcapng, MTP2 with and without FCS (DLT 140), MTP2
// with pseudo-header (DLT 139), MTP3 (DLT 141), M3UA over SCTP over IPv4/IPv6 on Ethernet and Linux
// cooked captures; each synthetic capture is also read by tshark, which must find the same messages.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import test, { type TestContext } from 'node:test';
import { DLT, readCapture, ss7Messages, SI_ISUP, type Ss7Message } from '../../../../src/ss7/capture/index.js';
import { decodeIsup } from '../../../../src/ss7/isup/index.js';
import { requireTool } from '../../../helpers/tools.js';
import { compare } from '../isup-corpus/compare.js';
import { parsePdml } from '../isup-corpus/pdml.js';
import * as b from './build.js';

const IAM = Buffer.from('0200010020010a00020006841094032103', 'hex');
const REL = Buffer.from('0700' + '0c' + '0200' + '028290', 'hex');
const RLC = Buffer.from('070010' + '00', 'hex');
const ANM = Buffer.from('0c0009' + '00', 'hex');

function read(buf: Buffer, fcs?: 'auto' | 'present' | 'absent'): Ss7Message[] {
  const r = readCapture(buf);
  assert.ok(r.ok, JSON.stringify(r.ok || r.error));
  return ss7Messages(r.frames, { mtp2Fcs: fcs });
}

/** tshark reads the same capture and finds the same ISUP messages, field by field. */
function sameAsTshark(t: TestContext, buf: Buffer, mine: Ss7Message[], opts: string[] = []): void {
  if (!requireTool(t, 'tshark')) return;
  const dir = mkdtempSync(join(tmpdir(), 'cap-'));
  try {
    const file = join(dir, 'c.pcap');
    writeFileSync(file, buf);
    const xml = execFileSync('tshark', ['-r', file, ...opts, '-T', 'pdml', '-J', 'mtp3 m3ua isup'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const ours = mine.filter((m) => m.si === SI_ISUP).map((m) => {
      const d = decodeIsup(m.userPart);
      assert.ok(d.ok);
      return { frame: m.frame, opc: m.opc, dpc: m.dpc, sls: m.sls, msg: d.value };
    });
    const c = compare(parsePdml(xml), ours);
    assert.deepEqual(c.mismatches, []);
    assert.deepEqual([...c.unmapped], []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('MTP2 frames (DLT 140) are read with the FCS detected per frame, FISU and LSSU skipped', (t) => {
  const su = [
    b.signalUnit(b.msu(5, 2, 1, 2, 3, IAM), true),
    b.signalUnit(new Uint8Array(0), true), // FISU
    b.signalUnit(Uint8Array.from([1]), true), // LSSU (SIN)
    b.signalUnit(b.msu(5, 2, 2, 1, 3, ANM), true),
  ];
  const m = read(b.pcap(DLT.mtp2, su));
  assert.deepEqual(m.map((x) => [x.frame, x.opc, x.dpc, x.sls, x.fcs]), [
    [1, 2, 1, 3, 'good'],
    [4, 1, 2, 3, 'good'],
  ]);
  sameAsTshark(t, b.pcap(DLT.mtp2, su), m, ['-o', 'mtp2.capture_contains_frame_check_sequence:TRUE']);
  const plain = [b.signalUnit(b.msu(5, 2, 1, 2, 3, IAM), false), b.signalUnit(b.msu(5, 2, 2, 1, 3, REL), false)];
  const m2 = read(b.pcap(DLT.mtp2, plain));
  assert.deepEqual(m2.map((x) => [x.frame, x.fcs, x.userPart.length]), [
    [1, undefined, IAM.length],
    [2, undefined, REL.length],
  ]);
  sameAsTshark(t, b.pcap(DLT.mtp2, plain), m2);
});

test('a damaged FCS is reported, not hidden', () => {
  const su = b.signalUnit(b.msu(5, 2, 1, 2, 3, RLC), true);
  su[su.length - 1] = (su[su.length - 1] as number) ^ 0xff;
  const m = read(b.pcap(DLT.mtp2, [su]), 'present');
  assert.equal(m[0]?.fcs, 'bad');
});

test('MTP2 with pseudo-header (DLT 139) and MTP3 (DLT 141) in one pcapng with two interfaces', (t) => {
  const phdr = (su: Uint8Array) => Buffer.concat([Buffer.from([0, 0, 0, 1]), su]);
  const buf = b.pcapng([DLT.mtp2WithPhdr, DLT.mtp3], [
    { iface: 0, data: phdr(b.signalUnit(b.msu(5, 2, 10, 20, 1, IAM), false)) },
    { iface: 1, data: b.msu(5, 2, 20, 10, 1, REL) },
    { iface: 1, data: b.msu(13, 2, 20, 10, 1, RLC) }, // SI 13 (BICC): not ISUP
  ]);
  const m = read(buf);
  assert.deepEqual(m.map((x) => [x.frame, x.transport, x.si, x.opc, x.dpc]), [
    [1, 'mtp2', 5, 20, 10],
    [2, 'mtp3', 5, 10, 20],
    [3, 'mtp3', 13, 10, 20],
  ]);
  sameAsTshark(t, buf, m);
});

test('big-endian and nanosecond pcap files are read like the usual ones', () => {
  for (const opts of [{ bigEndian: true }, { nano: true }, { bigEndian: true, nano: true }]) {
    const m = read(b.pcap(DLT.mtp3, [b.msu(5, 0, 1, 2, 0, ANM)], opts));
    assert.equal(m.length, 1, JSON.stringify(opts));
    assert.equal(m[0]?.userPart.length, ANM.length);
  }
  const bad = readCapture(Buffer.from('not a capture'));
  assert.ok(!bad.ok && bad.error.kind === 'not-a-capture');
});

test('M3UA DATA over SCTP over IPv4 and IPv6, on Ethernet (with a VLAN tag) and Linux cooked capture', (t) => {
  const two = b.sctpData(3, [b.m3uaData(100, 200, 5, 2, 7, IAM), b.m3uaData(200, 100, 5, 2, 7, ANM)]);
  const frames = [
    b.ethernet(0x0800, b.ipv4(two)),
    b.ethernet(0x86dd, b.ipv6(b.sctpData(3, [b.m3uaData(100, 200, 5, 2, 8, REL)])), true),
    b.ethernet(0x0800, b.ipv4(b.sctpData(46, [b.m3uaData(1, 2, 5, 2, 0, RLC)]))), // PPID 46: not M3UA
    b.ethernet(0x0800, b.ipv4(b.sctpData(3, [b.m3uaData(1, 2, 5, 2, 0, RLC)], { fragmentFirst: true }))), // first fragment only
    b.ethernet(0x0800, b.ipv4(b.sctpData(3, [b.m3uaData(1, 2, 13, 2, 0, RLC)]))), // BICC
  ];
  const m = read(b.pcap(DLT.ethernet, frames));
  assert.deepEqual(m.map((x) => [x.frame, x.transport, x.si, x.opc, x.dpc, x.sls]), [
    [1, 'm3ua', 5, 100, 200, 7],
    [1, 'm3ua', 5, 200, 100, 7],
    [2, 'm3ua', 5, 100, 200, 8],
    [5, 'm3ua', 13, 1, 2, 0],
  ]);
  sameAsTshark(t, b.pcap(DLT.ethernet, frames.slice(0, 2)), m.slice(0, 3));
  const cooked = b.pcap(DLT.linuxSll, [b.sll(0x0800, b.ipv4(two))]);
  const mc = read(cooked);
  assert.equal(mc.length, 2);
  sameAsTshark(t, cooked, mc);
});
