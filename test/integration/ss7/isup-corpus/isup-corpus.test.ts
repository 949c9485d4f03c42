// Acceptance (issue 4): every ISUP message of the shared corpus captures decodes to the values tshark
// prints for it — frame, OPC, DPC, SLS, CIC, message type and every field of every parameter that
// tshark shows. One tshark run per capture (PDML), compared in one pass.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import test, { type TestContext } from 'node:test';
import { readCapture, ss7Messages, SI_ISUP, type FcsMode } from '../../../../src/ss7/capture/index.js';
import { decodeIsup } from '../../../../src/ss7/isup/index.js';
import { requireTool } from '../../../helpers/tools.js';
import { parsePdml, type TsharkIsup } from './pdml.js';
import { compare, type Ours } from './compare.js';

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/isup-captures/', import.meta.url));

function ours(file: string, mtp2Fcs: FcsMode = 'auto'): Ours[] {
  const cap = readCapture(readFileSync(corpus + file));
  assert.ok(cap.ok, `${file} is a capture`);
  const out: Ours[] = [];
  for (const m of ss7Messages(cap.frames, { mtp2Fcs })) {
    if (m.si !== SI_ISUP) continue;
    const d = decodeIsup(m.userPart);
    assert.ok(d.ok, `frame ${m.frame}: ${JSON.stringify(d.ok ? '' : d.error)}`);
    out.push({ frame: m.frame, opc: m.opc, dpc: m.dpc, sls: m.sls, msg: d.value, cicAbsent: m.cicAbsent });
  }
  return out;
}

const tsharkRuns = new Map<string, TsharkIsup[]>();

/** One tshark run per capture and options, shared by the tests of this file. */
function tshark(file: string, opts: string[]): TsharkIsup[] {
  const key = [file, ...opts].join(' ');
  const cached = tsharkRuns.get(key);
  if (cached) return cached;
  const xml = execFileSync('tshark', ['-r', corpus + file, ...opts, '-T', 'pdml', '-J', 'mtp3 m3ua isup'], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const parsed = parsePdml(xml);
  tsharkRuns.set(key, parsed);
  return parsed;
}

function check(t: TestContext, file: string, opts: string[], expectedCount: number, mtp2Fcs?: FcsMode): void {
  if (!requireTool(t, 'tshark')) return;
  const c = compare(tshark(file, opts), ours(file, mtp2Fcs));
  t.diagnostic(`${file}: ${c.messages} messages, ${c.fieldsChecked} fields compared with tshark`);
  assert.deepEqual([...c.unmapped], [], 'every field tshark shows is compared');
  assert.deepEqual(c.mismatches, []);
  assert.equal(c.messages, expectedCount);
}

test('the 5265 MSUs of isup_load_generator.pcap (MTP2 with FCS) decode to the values tshark shows', (t) => {
  check(t, 'isup_load_generator.pcap', ['-o', 'mtp2.capture_contains_frame_check_sequence:TRUE'], 5265);
});

test('the same capture read with the FCS declared present gives the same messages', (t) => {
  check(t, 'isup_load_generator.pcap', ['-o', 'mtp2.capture_contains_frame_check_sequence:TRUE'], 5265, 'present');
});

test('every ISUP message of m3ua_isup.cap (several per SCTP packet) decodes to the values tshark shows', (t) => {
  check(t, 'm3ua_isup.cap', [], 470);
});

test('isup.cap (M3UA draft 6) with its unknown parameter 244 and the CFN naming it decodes as tshark shows', (t) => {
  check(t, 'isup.cap', ['-o', 'm3ua.version:Internet Draft version 6'], 6);
});

test('the ISUP bodies of the SIP-I call in sipi-loopback-call.pcapng decode to the values tshark shows', (t) => {
  if (!requireTool(t, 'tshark')) return;
  const mine = ours('sipi-loopback-call.pcapng');
  assert.deepEqual(mine.map((m) => [m.frame, m.msg.acronym]), [
    [1, 'IAM'],
    [3, 'ACM'],
    [4, 'ANM'],
    [6, 'REL'],
    [7, 'RLC'],
  ]);
  // The ISUP sits inside SIP's multipart body: no -J filter, or tshark would drop it with the SIP layer.
  const xml = execFileSync('tshark', ['-r', corpus + 'sipi-loopback-call.pcapng', '-T', 'pdml'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const c = compare(parsePdml(xml), mine);
  t.diagnostic(`sipi-loopback-call.pcapng: ${c.messages} messages, ${c.fieldsChecked} fields compared with tshark`);
  assert.deepEqual([...c.unmapped], []);
  assert.deepEqual(c.mismatches, []);
  assert.equal(c.messages, 5);
});

test('bicc.pcap is not taken for ISUP: its message has service indicator 13 and tshark sees no ISUP either', (t) => {
  const cap = readCapture(readFileSync(corpus + 'bicc.pcap'));
  assert.ok(cap.ok);
  const msgs = ss7Messages(cap.frames);
  assert.deepEqual(msgs.map((m) => m.si), [13]);
  assert.equal(ours('bicc.pcap').length, 0);
  if (!requireTool(t, 'tshark')) return;
  assert.equal(tshark('bicc.pcap', []).length, 0);
});
