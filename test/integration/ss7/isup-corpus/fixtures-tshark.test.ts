// The hand-built ISUP fixtures (every Q.763 message type) checked against tshark: written into an
// MTP3 capture (DLT 141) at test time, decoded by tshark, compared field by field with our decoder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import test from 'node:test';
import { decodeIsup } from '../../../../src/ss7/isup/index.js';
import { requireTool } from '../../../helpers/tools.js';
import { loadFixtures } from '../../../unit/ss7/isup/fixtures.js';
import { compare, type Ours } from './compare.js';
import { parsePdml } from './pdml.js';

/** pcap (DLT 141, MTP3) with one MSU per fixture: SIO national ISUP, DPC 1, OPC 2, SLS = index mod 16. */
function mtp3Pcap(msus: Uint8Array[]): Buffer {
  const head = Buffer.alloc(24);
  head.writeUInt32LE(0xa1b2c3d4, 0);
  head.writeUInt16LE(2, 4);
  head.writeUInt16LE(4, 6);
  head.writeUInt32LE(65535, 16);
  head.writeUInt32LE(141, 20);
  const recs = msus.map((m, i) => {
    const r = Buffer.alloc(16);
    r.writeUInt32LE(i, 0);
    r.writeUInt32LE(m.length, 8);
    r.writeUInt32LE(m.length, 12);
    return Buffer.concat([r, m]);
  });
  return Buffer.concat([head, ...recs]);
}

const label = (dpc: number, opc: number, sls: number) => {
  const b = Buffer.alloc(5);
  b[0] = 0x85;
  b.writeUInt32LE((dpc | (opc << 14) | (sls << 28)) >>> 0, 1);
  return b;
};

test('every hand-built fixture, one per Q.763 message type, decodes to what tshark shows for it', (t) => {
  if (!requireTool(t, 'tshark')) return;
  // tshark 4.0 does not know message type 0x43 (SDN, national use) and cannot read an unrecognized one.
  const fixtures = loadFixtures().filter((f) => f.acronym !== 'UNKNOWN' && f.acronym !== 'SDN');
  const dir = mkdtempSync(join(tmpdir(), 'isup-fx-'));
  try {
    const file = join(dir, 'fixtures.pcap');
    writeFileSync(file, mtp3Pcap(fixtures.map((f, i) => Buffer.concat([label(1, 2, i % 16), f.octets]))));
    const xml = execFileSync('tshark', ['-r', file, '-T', 'pdml', '-J', 'mtp3 isup'], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
    const mine: Ours[] = fixtures.map((f, i) => {
      const d = decodeIsup(f.octets);
      assert.ok(d.ok, f.file);
      return { frame: i + 1, opc: 2, dpc: 1, sls: i % 16, msg: d.value };
    });
    const c = compare(parsePdml(xml), mine);
    t.diagnostic(`${c.messages} fixtures, ${c.fieldsChecked} fields compared with tshark`);
    assert.deepEqual([...c.unmapped], [], 'every field tshark shows is compared');
    assert.deepEqual(c.mismatches, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
