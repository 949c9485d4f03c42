// The MTP3 codecs against an independent decoder: tshark reads a pcap of MTP3 frames (DLT 141) and
// must print the same label fields and message types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from '../../../helpers/tools.js';
import { encodeMsu, SI } from '../../../../src/ss7/mtp3/label.js';
import { encodeSlt, encodeSnm, type SnmMessage } from '../../../../src/ss7/mtp3/snm-messages.js';

function pcap(frames: Buffer[]): Buffer {
  const head = Buffer.alloc(24);
  head.writeUInt32LE(0xa1b2c3d4, 0);
  head.writeUInt16LE(2, 4);
  head.writeUInt16LE(4, 6);
  head.writeUInt32LE(65535, 16);
  head.writeUInt32LE(141, 20); // LINKTYPE_MTP3
  const recs = frames.map((f, i) => {
    const h = Buffer.alloc(16);
    h.writeUInt32LE(1000 + i, 0);
    h.writeUInt32LE(f.length, 8);
    h.writeUInt32LE(f.length, 12);
    return Buffer.concat([h, f]);
  });
  return Buffer.concat([head, ...recs]);
}

test('tshark decodes our routing labels, SNM messages and SLTM as we encode them', (t) => {
  if (!requireTool(t, 'tshark', 'tshark')) return;
  const snm = (m: SnmMessage, sls = 0) => encodeMsu({ sio: { si: SI.snm, ni: 'national', priority: 0 }, label: { dpc: 2, opc: 1, sls }, data: encodeSnm(m) });
  const frames = [
    snm({ type: 'COO', fsn: 107 }, 1),
    snm({ type: 'TFP', destination: 1234 }),
    snm({ type: 'UPU', destination: 2, userPart: 5, cause: 'unequippedRemoteUser' }),
    snm({ type: 'TRA' }),
    encodeMsu({ sio: { si: SI.sntm, ni: 'national', priority: 0 }, label: { dpc: 2, opc: 1, sls: 3 }, data: encodeSlt({ type: 'SLTM', pattern: Buffer.from('TND') }) }),
    encodeMsu({ sio: { si: 5, ni: 'international', priority: 0 }, label: { dpc: 16383, opc: 4660, sls: 9 }, data: Buffer.from('0100', 'hex') }),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'tandem-mtp3-'));
  const file = join(dir, 'mtp3.pcap');
  writeFileSync(file, pcap(frames));
  const fields = ['mtp3.service_indicator', 'mtp3.network_indicator', 'mtp3.dpc', 'mtp3.opc', 'mtp3.sls', 'mtp3mg.h0', 'mtp3mg.fsn', 'mtp3mg.apc', 'mtp3mg.user', 'mtp3mg.cause', 'mtp3mg.test.length', 'mtp3mg.test_pattern', '_ws.col.Info'];
  const r = spawnSync('tshark', ['-r', file, '-T', 'fields', '-E', 'separator=|', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').map((l) => l.split('|'));
  const col = (row: number, name: string) => rows[row]![fields.indexOf(name)];
  assert.equal(col(0, 'mtp3.dpc'), '2');
  assert.equal(col(0, 'mtp3.opc'), '1');
  assert.equal(col(0, 'mtp3.sls'), '1');
  assert.equal(Number(col(0, 'mtp3.network_indicator')), 2);
  assert.equal(col(0, 'mtp3mg.fsn'), '107');
  assert.equal(col(1, 'mtp3mg.apc'), '1234');
  assert.equal(Number(col(2, 'mtp3mg.user')), 5);
  assert.equal(Number(col(2, 'mtp3mg.cause')), 1);
  assert.equal(Number(col(3, 'mtp3mg.h0')), 7);
  assert.equal(Number(col(4, 'mtp3.service_indicator')), 1);
  assert.equal(col(4, 'mtp3mg.test.length'), '3');
  assert.equal(col(5, 'mtp3.dpc'), '16383');
  assert.equal(col(5, 'mtp3.opc'), '4660');
  assert.equal(col(5, 'mtp3.sls'), '9');
  assert.equal(Number(col(5, 'mtp3.network_indicator')), 0);
  assert.deepEqual(rows.slice(0, 5).map((r) => r[fields.indexOf('_ws.col.Info')]!.trim()), ['COO', 'TFP', 'UPU', 'TRA', 'SLTM']);
  assert.equal(col(4, 'mtp3mg.test_pattern'), Buffer.from('TND').toString('hex'));
});
