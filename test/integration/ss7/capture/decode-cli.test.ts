// `tandem decode isup HEX` and `tandem decode pcap FILE` (docs/isup-decode.md): one JSON object per
// ISUP message with OPC, DPC, SLS, CIC, message type and every parameter decoded by name.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import test from 'node:test';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = fileURLToPath(new URL('../../../../../shared/corpus/isup-captures/', import.meta.url));
const tandem = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/run.ts'), ...args], { encoding: 'utf8', cwd: root, maxBuffer: 64 << 20 });

interface Named {
  value: number;
  name: string;
}
interface Line {
  frame: number;
  opc: number;
  dpc: number;
  sls: number;
  cic: number;
  messageType: { code: number; acronym: string; name: string };
  parameters: { code: number; name: string; unknown?: boolean; value?: Record<string, Named | string | number> }[];
}

test('decode isup prints the CFN of isup.cap with its cause named, location and coding standard', () => {
  const r = tandem('decode', 'isup', 'd5 00 2f 02 00 03 84 e3 f4');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as Line;
  assert.equal(j.cic, 213);
  assert.deepEqual(j.messageType, { code: 47, acronym: 'CFN', name: 'Confusion' });
  const cause = j.parameters[0]!.value!;
  assert.equal((cause.cause as Named).value, 99);
  assert.match((cause.cause as Named).name, /parameter non-existent/);
  assert.equal((cause.location as Named).value, 4);
  assert.equal((cause.codingStandard as Named).name, 'ITU-T standardized coding');
});

test('decode isup --mtp3 reads the SIO and routing label before the ISUP message', () => {
  const r = tandem('decode', 'isup', '--mtp3', '85:01:80:00:90:0c:00:09:00');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as Line & { si: number; ni: number };
  assert.deepEqual([j.si, j.ni, j.opc, j.dpc, j.sls, j.cic, j.messageType.acronym], [5, 2, 2, 1, 9, 12, 'ANM']);
});

test('decode isup answers bad octets with a typed error and exit 1, and bad hex with usage and exit 2', () => {
  const r = tandem('decode', 'isup', '01 00 0c 00 00');
  assert.equal(r.status, 1);
  assert.equal((JSON.parse(r.stdout) as { error: { kind: string } }).error.kind, 'bad-pointer');
  assert.equal(tandem('decode', 'isup', 'xyz').status, 2);
});

test('decode pcap prints one JSON object per ISUP message of isup.cap, numbers with their indicators by name', () => {
  const r = tandem('decode', 'pcap', join(corpus, 'isup.cap'));
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
  assert.deepEqual(lines.map((l) => l.messageType.acronym), ['IAM', 'CFN', 'ACM', 'ANM', 'REL', 'RLC']);
  assert.deepEqual(lines.map((l) => l.frame), [1, 2, 3, 4, 5, 6]);
  const iam = lines[0]!;
  assert.deepEqual([iam.opc, iam.dpc, iam.sls, iam.cic], [11522, 12163, 5, 213]);
  const calling = iam.parameters.find((p) => p.code === 10)!.value!;
  assert.equal(calling.digits, '3933399708');
  assert.equal((calling.presentation as Named).name, 'presentation restricted');
  assert.equal((calling.screening as Named).name, 'network provided');
  assert.equal(iam.parameters.find((p) => p.code === 244)?.unknown, true);
});

test('decode pcap reads all 5265 MSUs of the MTP2 load generator capture and nothing of bicc.pcap', () => {
  const r = tandem('decode', 'pcap', join(corpus, 'isup_load_generator.pcap'));
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 5265);
  const counts: Record<string, number> = {};
  for (const l of lines) {
    const a = (JSON.parse(l) as Line).messageType.acronym;
    counts[a] = (counts[a] ?? 0) + 1;
  }
  assert.deepEqual(counts, { IAM: 1149, ACM: 1145, ANM: 747, REL: 1113, RLC: 1111 });
  const b = tandem('decode', 'pcap', join(corpus, 'bicc.pcap'));
  assert.equal(b.status, 0);
  assert.equal(b.stdout, '');
  const notCap = tandem('decode', 'pcap', join(root, 'package.json'));
  assert.equal(notCap.status, 1);
  assert.match(notCap.stderr, /not a pcap/);
});

test('decode pcap finds the ISUP bodies of a SIP-I call, without CIC or routing label since SIP-I has none', () => {
  const r = tandem('decode', 'pcap', join(corpus, 'sipi-loopback-call.pcapng'));
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Partial<Line> & { transport: string });
  assert.deepEqual(lines.map((l) => [l.frame, l.transport, l.messageType?.acronym]), [
    [1, 'sip-i', 'IAM'],
    [3, 'sip-i', 'ACM'],
    [4, 'sip-i', 'ANM'],
    [6, 'sip-i', 'REL'],
    [7, 'sip-i', 'RLC'],
  ]);
  assert.ok(lines.every((l) => l.cic === undefined && l.opc === undefined));
});
