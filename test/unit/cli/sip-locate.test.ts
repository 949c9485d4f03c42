// `tandem sip locate URI`: the RFC 3263 targets in order, against the test DNS server; NXDOMAIN exits 1.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDnsServer, type TestDnsServer } from '../../helpers/dns-server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the CLI without blocking this process (the DNS server answers from here). */
function tandem(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/run.ts'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

let dns: TestDnsServer;
before(async () => {
  dns = await startDnsServer([
    {
      name: 'carrier.test',
      type: 'NAPTR',
      order: 10,
      preference: 10,
      flags: 's',
      service: 'SIPS+D2T',
      regexp: '',
      replacement: '_sips._tcp.carrier.test',
    },
    { name: '_sips._tcp.carrier.test', type: 'SRV', priority: 10, weight: 1, port: 5071, target: 'sbc1.carrier.test' },
    { name: '_sips._tcp.carrier.test', type: 'SRV', priority: 20, weight: 1, port: 5072, target: 'sbc2.carrier.test' },
    { name: 'sbc1.carrier.test', type: 'A', address: '192.0.2.1' },
    { name: 'sbc2.carrier.test', type: 'AAAA', address: '2001:db8::2' },
  ]);
});
after(async () => {
  await dns.close();
});

test('tandem sip locate prints the targets in the order a call tries them', async () => {
  const r = await tandem('sip', 'locate', 'sip:+4930123@carrier.test', '--dns-server', dns.address);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.stdout,
    '1. tls 192.0.2.1:5071 (sbc1.carrier.test, certificate for carrier.test)\n' +
      '2. tls [2001:db8::2]:5072 (sbc2.carrier.test, certificate for carrier.test)\n',
  );
});

test('tandem sip locate names the missing domain and exits 1; a bad URI exits 2', async () => {
  const r = await tandem('sip', 'locate', 'sip:x@missing.test', '--dns-server', dns.address);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /missing\.test: no such domain \(NXDOMAIN\)/);
  const bad = await tandem('sip', 'locate', 'not a uri');
  assert.equal(bad.status, 2);
});
