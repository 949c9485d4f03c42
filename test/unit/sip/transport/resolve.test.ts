// RFC 3263 server location against a DNS server of our own on 127.0.0.1 (test/helpers/dns-server.ts):
// the real c-ares Resolver, no external network.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUri } from '../../../../src/sip/message/index.js';
import type { Uri, Via } from '../../../../src/sip/message/types.js';
import { NodeSipDns, DEFAULT_DNS_OPTIONS } from '../../../../src/sip/transport/dns.js';
import { ServerLocator, type AddressOrder, type LocateResult } from '../../../../src/sip/transport/resolve.js';
import { seededRng } from '../../../../src/sip/transport/srv-order.js';
import { startDnsServer, type DnsRecord, type TestDnsServer } from '../../../helpers/dns-server.js';

let dns: TestDnsServer;

before(async () => {
  dns = await startDnsServer();
});
after(async () => {
  await dns.close();
});

function uri(s: string): Uri {
  const u = parseUri(s);
  if (!u.ok) throw new Error(`bad uri ${s}`);
  return u.value;
}

/** A fresh locator (fresh cache) over the test server with `records`; the query log starts empty. */
function locator(records: DnsRecord[], addressOrder?: AddressOrder): ServerLocator {
  dns.setRecords(records);
  dns.queries.length = 0;
  const d = new NodeSipDns({ ...DEFAULT_DNS_OPTIONS, servers: [dns.address], timeoutMs: 500, tries: 1 });
  return new ServerLocator({ dns: d, rng: seededRng(3), ...(addressOrder ? { addressOrder } : {}) });
}

function targets(r: LocateResult): string[] {
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.targets.map((t) => `${t.transport} ${t.address}:${t.port}`);
}

const q = (): string[] => dns.queries.map((x) => `${String(x.type)} ${x.name}`);

const naptr = (name: string, order: number, pref: number, service: string, replacement: string): DnsRecord => ({
  name,
  type: 'NAPTR',
  order,
  preference: pref,
  flags: 's',
  service,
  regexp: '',
  replacement,
});
const srv = (name: string, priority: number, weight: number, port: number, target: string): DnsRecord => ({
  name,
  type: 'SRV',
  priority,
  weight,
  port,
  target,
});
const a = (name: string, address: string, ttl = 300): DnsRecord => ({ name, type: 'A', address, ttl });
const aaaa = (name: string, address: string): DnsRecord => ({ name, type: 'AAAA', address });

test('NAPTR → SRV → A: the NAPTR with the lowest order picks the SRV name, whose target gives the address (§4.1, §4.2)', async () => {
  const l = locator([
    naptr('example.test', 20, 10, 'SIP+D2U', '_sip._udp.example.test'),
    naptr('example.test', 10, 10, 'SIP+D2T', '_sip._tcp.example.test'),
    srv('_sip._tcp.example.test', 10, 1, 5070, 'tcp1.example.test'),
    srv('_sip._udp.example.test', 10, 1, 5080, 'udp1.example.test'),
    a('tcp1.example.test', '127.0.0.11'),
    a('udp1.example.test', '127.0.0.12'),
  ]);
  const r = await l.locate(uri('sip:+4930123@example.test'));
  assert.deepEqual(targets(r), ['tcp 127.0.0.11:5070', 'udp 127.0.0.12:5080']);
  assert.deepEqual(q().slice(0, 2), ['NAPTR example.test', 'SRV _sip._tcp.example.test']);
  assert.ok(r.ok && r.targets[0]?.hostName === 'tcp1.example.test');
});

test('NAPTR services we do not support (SCTP, E2U) and non-"s" flags are discarded; none left → SRV queries', async () => {
  const l = locator([
    naptr('example.test', 10, 10, 'SIP+D2S', '_sip._sctp.example.test'),
    { ...(naptr('example.test', 20, 10, 'E2U+sip', '.') as object), flags: 'u', regexp: '!^.*$!sip:x@y!' } as DnsRecord,
    { ...(naptr('example.test', 5, 10, 'SIP+D2U', '_sip._udp.other.test') as object), flags: 'a' } as DnsRecord,
    srv('_sip._tcp.example.test', 10, 1, 5070, 'host.example.test'),
    srv('_sip._sctp.example.test', 10, 1, 5090, 'host.example.test'),
    a('host.example.test', '127.0.0.21'),
  ]);
  assert.deepEqual(targets(await l.locate(uri('sip:example.test'))), ['tcp 127.0.0.21:5070']);
  assert.ok(!q().includes('SRV _sip._sctp.example.test'));
  assert.ok(!q().includes('SRV _sip._udp.other.test'));
});

test('without NAPTR the SRV records are used in the preference _sip._udp, _sip._tcp, _sips._tcp', async () => {
  const l = locator([
    a('example.test', '127.0.0.99'),
    srv('_sips._tcp.example.test', 10, 1, 5061, 'tls.example.test'),
    srv('_sip._tcp.example.test', 10, 1, 5060, 'tcp.example.test'),
    srv('_sip._udp.example.test', 10, 1, 5062, 'udp.example.test'),
    a('tls.example.test', '127.0.0.31'),
    a('tcp.example.test', '127.0.0.32'),
    a('udp.example.test', '127.0.0.33'),
  ]);
  assert.deepEqual(targets(await l.locate(uri('sip:example.test'))), [
    'udp 127.0.0.33:5062',
    'tcp 127.0.0.32:5060',
    'tls 127.0.0.31:5061',
  ]);
});

test("without NAPTR and SRV the domain's own A/AAAA records are used on UDP 5060 (TLS 5061 for sips)", async () => {
  const l = locator([a('example.test', '127.0.0.41'), aaaa('example.test', '::1')]);
  assert.deepEqual(targets(await l.locate(uri('sip:example.test'))), ['udp 127.0.0.41:5060', 'udp ::1:5060']);
  assert.deepEqual(targets(await l.locate(uri('sips:example.test'))), ['tls 127.0.0.41:5061', 'tls ::1:5061']);
});

test('a sips URI uses TLS only: SIP+D2U/D2T NAPTRs are discarded and only _sips._tcp is queried', async () => {
  const records = [
    naptr('example.test', 10, 10, 'SIP+D2U', '_sip._udp.example.test'),
    naptr('example.test', 20, 10, 'SIP+D2T', '_sip._tcp.example.test'),
    naptr('example.test', 30, 10, 'SIPS+D2T', '_sips._tcp.example.test'),
    srv('_sip._udp.example.test', 10, 1, 5060, 'h.example.test'),
    srv('_sip._tcp.example.test', 10, 1, 5060, 'h.example.test'),
    srv('_sips._tcp.example.test', 10, 1, 5061, 'h.example.test'),
    a('h.example.test', '127.0.0.51'),
  ];
  let l = locator(records);
  assert.deepEqual(targets(await l.locate(uri('sips:alice@example.test'))), ['tls 127.0.0.51:5061']);
  assert.ok(!q().some((x) => x.startsWith('SRV _sip.')));
  // Without NAPTR: only the _sips._tcp SRV.
  l = locator(records.filter((r) => r.type !== 'NAPTR'));
  assert.deepEqual(targets(await l.locate(uri('sips:alice@example.test'))), ['tls 127.0.0.51:5061']);
  assert.deepEqual(
    q().filter((x) => x.startsWith('SRV')),
    ['SRV _sips._tcp.example.test'],
  );
  // sips with ;transport=udp cannot be honoured.
  const bad = await l.locate(uri('sips:alice@example.test;transport=udp'));
  assert.equal(bad.ok, false);
  assert.ok(!bad.ok && bad.error === 'unsupported');
});

test('a numeric host never touches DNS (RFC 3263 §4.1, §4.2)', async () => {
  const l = locator([]);
  assert.deepEqual(targets(await l.locate(uri('sip:127.0.0.1'))), ['udp 127.0.0.1:5060']);
  assert.deepEqual(targets(await l.locate(uri('sips:127.0.0.1'))), ['tls 127.0.0.1:5061']);
  assert.deepEqual(targets(await l.locate(uri('sip:[::1]:5070;transport=tcp'))), ['tcp ::1:5070']);
  assert.deepEqual(q(), []);
});

test('a name with an explicit port is resolved by A/AAAA only (no NAPTR, no SRV), on UDP or the given transport', async () => {
  const l = locator([
    naptr('example.test', 10, 10, 'SIP+D2T', '_sip._tcp.example.test'),
    srv('_sip._tcp.example.test', 10, 1, 5070, 'x.example.test'),
    a('example.test', '127.0.0.61'),
  ]);
  assert.deepEqual(targets(await l.locate(uri('sip:example.test:5999'))), ['udp 127.0.0.61:5999']);
  assert.deepEqual(targets(await l.locate(uri('sip:example.test:5999;transport=tcp'))), ['tcp 127.0.0.61:5999']);
  assert.ok(
    q().every((x) => x.startsWith('A ') || x.startsWith('AAAA ')),
    q().join(', '),
  );
});

test('a transport parameter without port queries the SRV of that transport only, then A with the default port', async () => {
  const l = locator([srv('_sip._tcp.example.test', 10, 1, 5071, 'h.example.test'), a('h.example.test', '127.0.0.71')]);
  assert.deepEqual(targets(await l.locate(uri('sip:example.test;transport=tcp'))), ['tcp 127.0.0.71:5071']);
  assert.deepEqual(q().slice(0, 1), ['SRV _sip._tcp.example.test']);
  assert.ok(!q().includes('NAPTR example.test'));
  const l2 = locator([a('example.test', '127.0.0.72')]);
  assert.deepEqual(targets(await l2.locate(uri('sip:example.test;transport=tcp'))), ['tcp 127.0.0.72:5060']);
});

test('a domain that does not exist gives a clear NXDOMAIN failure, not an exception', async () => {
  const l = locator([a('example.test', '127.0.0.1')]);
  const r = await l.locate(uri('sip:bob@nowhere.invalid'));
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.error === 'nxdomain', JSON.stringify(r));
  assert.ok(!r.ok && /nowhere\.invalid: no such domain \(NXDOMAIN\)/.test(r.reason), !r.ok ? r.reason : '');
});

test('a name with neither SRV nor address records fails with no-records; a SERVFAIL with dns-failure', async () => {
  const l = locator([naptr('example.test', 10, 10, 'SIP+D2U', '_sip._udp.example.test')]);
  const r = await l.locate(uri('sip:example.test'));
  assert.ok(!r.ok && r.error === 'no-records', JSON.stringify(r));
  dns.servfail.add('broken.test');
  try {
    const l2 = locator([]);
    const r2 = await l2.locate(uri('sip:broken.test:5060'));
    assert.ok(!r2.ok && r2.error === 'dns-failure', JSON.stringify(r2));
    assert.match(!r2.ok ? r2.reason : '', /ESERVFAIL/);
  } finally {
    dns.servfail.delete('broken.test');
  }
});

test('SRV targets are ordered by priority and each expands to A before AAAA (or per addressOrder)', async () => {
  const records = [
    srv('_sip._udp.example.test', 20, 1, 5002, 'second.example.test'),
    srv('_sip._udp.example.test', 10, 1, 5001, 'first.example.test'),
    a('first.example.test', '127.0.0.81'),
    aaaa('first.example.test', '::1'),
    a('second.example.test', '127.0.0.82'),
  ];
  assert.deepEqual(targets(await locator(records).locate(uri('sip:example.test'))), [
    'udp 127.0.0.81:5001',
    'udp ::1:5001',
    'udp 127.0.0.82:5002',
  ]);
  assert.deepEqual(targets(await locator(records, 'ipv6-first').locate(uri('sip:example.test'))), [
    'udp ::1:5001',
    'udp 127.0.0.81:5001',
    'udp 127.0.0.82:5002',
  ]);
  assert.deepEqual(targets(await locator(records, 'ipv4-only').locate(uri('sip:example.test'))), [
    'udp 127.0.0.81:5001',
    'udp 127.0.0.82:5002',
  ]);
});

test('§5: a response to a sent-by name uses A/AAAA with the Via port, or SRV for the Via transport without one', async () => {
  const via = (transport: string, host: string, port?: number): Via => ({
    protocolName: 'SIP',
    protocolVersion: '2.0',
    transport,
    host,
    port,
    branch: 'z9hG4bK1',
    received: undefined,
    rport: undefined,
    params: new Map(),
  });
  const l = locator([
    a('pbx.example.test', '127.0.0.91'),
    srv('_sips._tcp.pbx.example.test', 10, 1, 5081, 'pbx.example.test'),
  ]);
  assert.deepEqual(targets(await l.locateSentBy(via('UDP', 'pbx.example.test', 5070))), ['udp 127.0.0.91:5070']);
  assert.deepEqual(targets(await l.locateSentBy(via('TLS', 'pbx.example.test'))), ['tls 127.0.0.91:5081']);
  assert.deepEqual(targets(await l.locateSentBy(via('TCP', 'pbx.example.test'))), ['tcp 127.0.0.91:5060']);
  assert.deepEqual(targets(await l.locateSentBy(via('UDP', '127.0.0.5'))), ['udp 127.0.0.5:5060']);
});
