// The pcap writer (native/e1/pcap_writer.cc): classic pcap with link type 140 (MTP2, FCS included),
// written by its own thread; read back byte by byte and by tshark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNative } from '../../../src/native/addon.js';
import { TandemNativeError } from '../../../src/native/errors.js';
import { requireTool } from '../../helpers/tools.js';

const { e1 } = loadNative();

/** MTP2 signal units (BSN/BIB, FSN/FIB, LI, then SIO+SIF) made into HDLC frames with FCS. */
function signalUnits(): Buffer[] {
  const sus = [
    Buffer.from([0x81, 0x82, 0x00]), // FISU
    Buffer.from([0x81, 0x82, 0x01, 0x03]), // LSSU SIOS
    Buffer.from([0x81, 0x83, 0x06, 0x83, 0x01, 0x02, 0x03, 0x04, 0x05]), // MSU, LI = 6
  ];
  // Through the HDLC encoder and decoder so the frames carry the FCS the line had.
  const d = e1.hdlcDecode(e1.hdlcEncode(sus, 64));
  assert.equal(d.frames.length, 3);
  return d.frames;
}

function parsePcap(buf: Buffer): { linktype: number; records: { tsUs: number; data: Buffer }[] } {
  assert.equal(buf.readUInt32LE(0), 0xa1b2c3d4, 'magic (little-endian host)');
  assert.equal(buf.readUInt16LE(4), 2);
  assert.equal(buf.readUInt16LE(6), 4);
  const linktype = buf.readUInt32LE(20);
  const records: { tsUs: number; data: Buffer }[] = [];
  let off = 24;
  while (off < buf.length) {
    const sec = buf.readUInt32LE(off);
    const usec = buf.readUInt32LE(off + 4);
    const caplen = buf.readUInt32LE(off + 8);
    const len = buf.readUInt32LE(off + 12);
    assert.equal(caplen, len);
    records.push({ tsUs: sec * 1e6 + usec, data: buf.subarray(off + 16, off + 16 + caplen) });
    off += 16 + caplen;
  }
  assert.equal(off, buf.length);
  return { linktype, records };
}

test('the pcap writer writes a link type 140 file with every frame and its time stamp', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pcap-'));
  try {
    const frames = signalUnits();
    const ts = frames.map((_, i) => 1_700_000_000_000_000 + i * 1250);
    const path = join(dir, 'a.pcap');
    const r = e1.pcapWrite(path, frames, ts);
    assert.deepEqual(r, { written: 3, dropped: 0 });
    const p = parsePcap(readFileSync(path));
    assert.equal(p.linktype, 140);
    assert.deepEqual(
      p.records.map((x) => x.data),
      frames,
    );
    assert.deepEqual(
      p.records.map((x) => x.tsUs),
      ts,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('more frames than the ring holds at once are written or counted as dropped, never lost silently', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pcap-'));
  try {
    const n = 5000;
    const frames = Array.from({ length: n }, (_, i) => Buffer.from([0x81, 0x82, 0x00, i & 0xff, i >> 8]));
    const r = e1.pcapWrite(
      join(dir, 'b.pcap'),
      frames,
      frames.map((_, i) => i),
    );
    assert.equal(r.written + r.dropped, n);
    assert.equal(parsePcap(readFileSync(join(dir, 'b.pcap'))).records.length, r.written);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a pcap path that cannot be created fails with a TandemNativeError EPCAP_OPEN', () => {
  assert.throws(
    () => e1.pcapWrite('/nonexistent-dir/x.pcap', [], []),
    (e: unknown) => e instanceof TandemNativeError && (e as TandemNativeError & { code: string }).code === 'EPCAP_OPEN',
  );
});

test('tshark decodes the pcap as MTP2 and finds the FCS of every frame good, and a damaged one bad', (t) => {
  if (!requireTool(t, 'tshark', 'tshark')) return;
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pcap-'));
  try {
    const frames = signalUnits();
    const bad = Buffer.from(frames[2]!);
    bad[4]! ^= 0x01;
    const path = join(dir, 'c.pcap');
    e1.pcapWrite(
      path,
      [...frames, bad],
      [1, 2, 3, 4].map((i) => 1_700_000_000_000_000 + i * 1000),
    );
    const r = spawnSync(
      'tshark',
      [
        '-o',
        'mtp2.capture_contains_frame_check_sequence:TRUE',
        '-r',
        path,
        '-T',
        'fields',
        '-e',
        'mtp2.li',
        '-e',
        'mtp2.fcs_16.status',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    assert.deepEqual(rows, [
      ['0', '1'],
      ['1', '1'],
      ['6', '1'],
      ['6', '0'],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
