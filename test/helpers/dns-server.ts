// A minimal authoritative DNS server for tests: UDP on 127.0.0.1 (random port), answering A, AAAA, SRV
// and NAPTR queries from a table. The wire format is written here: RFC 1035 §4.1 (header, question,
// resource records), RFC 3596 §2.2 (AAAA), RFC 2782 (SRV RDATA), RFC 3403 §4.1 (NAPTR RDATA). Names the
// table does not know get NXDOMAIN (RCODE 3); known names without records of the asked type get an empty
// NOERROR answer (NODATA). Every query is logged in `queries` so tests can see what the client asked.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv4, isIPv6 } from 'node:net';

/** RFC 1035 §3.2.2 / RFC 3596 / RFC 2782 / RFC 3403 type codes. */
export const RR_TYPE = { A: 1, AAAA: 28, SRV: 33, NAPTR: 35 } as const;
export type RrTypeName = keyof typeof RR_TYPE;

export type DnsRecord =
  | { name: string; type: 'A'; ttl?: number; address: string }
  | { name: string; type: 'AAAA'; ttl?: number; address: string }
  | { name: string; type: 'SRV'; ttl?: number; priority: number; weight: number; port: number; target: string }
  | {
      name: string;
      type: 'NAPTR';
      ttl?: number;
      order: number;
      preference: number;
      flags: string;
      service: string;
      regexp: string;
      replacement: string;
    };

export interface DnsQueryLog {
  name: string;
  type: RrTypeName | number;
}

export interface TestDnsServer {
  readonly port: number;
  /** "127.0.0.1:PORT" for Resolver.setServers. */
  readonly address: string;
  readonly queries: DnsQueryLog[];
  /** Replace the table. */
  setRecords(records: DnsRecord[]): void;
  /** Names answered with SERVFAIL (RCODE 2). */
  readonly servfail: Set<string>;
  close(): Promise<void>;
}

const lower = (n: string): string => n.replace(/\.$/, '').toLowerCase();

/** RFC 1035 §3.1: a domain name as a sequence of length-prefixed labels ending in the root label. */
export function encodeName(name: string): Buffer {
  const parts: Buffer[] = [];
  for (const label of name.replace(/\.$/, '').split('.')) {
    if (label === '') continue;
    const b = Buffer.from(label, 'ascii');
    if (b.length > 63) throw new RangeError(`label longer than 63 octets: ${label}`);
    parts.push(Buffer.from([b.length]), b);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** RFC 1035 §3.3: <character-string>, one length octet then the octets. */
function charString(s: string): Buffer {
  const b = Buffer.from(s, 'ascii');
  if (b.length > 255) throw new RangeError('character-string longer than 255 octets');
  return Buffer.concat([Buffer.from([b.length]), b]);
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail = ''] = address.split('::');
  const h = head ? head.split(':') : [];
  const t = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = address.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return Buffer.concat(groups.map((g) => u16(parseInt(g, 16))));
}

/** RDATA of one record (names in RDATA uncompressed: RFC 2782 and RFC 3403 §4.1 forbid compression). */
export function encodeRdata(r: DnsRecord): Buffer {
  switch (r.type) {
    case 'A':
      if (!isIPv4(r.address)) throw new TypeError(`not IPv4: ${r.address}`);
      return Buffer.from(r.address.split('.').map(Number));
    case 'AAAA':
      if (!isIPv6(r.address)) throw new TypeError(`not IPv6: ${r.address}`);
      return ipv6Bytes(r.address);
    case 'SRV':
      // RFC 2782: Priority, Weight, Port (16 bits each), Target (domain name).
      return Buffer.concat([u16(r.priority), u16(r.weight), u16(r.port), encodeName(r.target)]);
    case 'NAPTR':
      // RFC 3403 §4.1: ORDER, PREFERENCE (16 bits), FLAGS, SERVICES, REGEXP (<character-string>), REPLACEMENT.
      return Buffer.concat([
        u16(r.order),
        u16(r.preference),
        charString(r.flags),
        charString(r.service),
        charString(r.regexp),
        encodeName(r.replacement),
      ]);
  }
}

interface Question {
  id: number;
  rd: boolean;
  name: string;
  qtype: number;
  qclass: number;
  /** The question section as received (echoed in the answer). */
  raw: Buffer;
}

/** Parse header and the first question (RFC 1035 §4.1.1, §4.1.2); undefined when malformed. */
export function parseQuery(msg: Buffer): Question | undefined {
  if (msg.length < 12) return undefined;
  if (msg.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let off = 12;
  for (;;) {
    const len = msg[off];
    if (len === undefined || len > 63) return undefined; // no compression in a query's question
    off++;
    if (len === 0) break;
    if (off + len > msg.length) return undefined;
    labels.push(msg.subarray(off, off + len).toString('ascii'));
    off += len;
  }
  if (off + 4 > msg.length) return undefined;
  return {
    id: msg.readUInt16BE(0),
    rd: (msg.readUInt8(2) & 0x01) !== 0,
    name: labels.join('.'),
    qtype: msg.readUInt16BE(off),
    qclass: msg.readUInt16BE(off + 2),
    raw: msg.subarray(12, off + 4),
  };
}

/** Build a response (RFC 1035 §4.1.1 header: QR=1, AA=1, RD copied, RA=1, RCODE). */
export function buildResponse(q: Question, rcode: number, answers: DnsRecord[]): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(q.id, 0);
  header.writeUInt8(0x80 | 0x04 | (q.rd ? 0x01 : 0), 2); // QR, opcode 0, AA, RD
  header.writeUInt8(0x80 | (rcode & 0x0f), 3); // RA, RCODE
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const rrs = answers.map((r) => {
    const rdata = encodeRdata(r);
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(RR_TYPE[r.type], 0);
    fixed.writeUInt16BE(1, 2); // class IN
    fixed.writeUInt32BE(r.ttl ?? 300, 4);
    fixed.writeUInt16BE(rdata.length, 8);
    // Owner name: a compression pointer to the question name at offset 12 (RFC 1035 §4.1.4).
    return Buffer.concat([Buffer.from([0xc0, 0x0c]), fixed, rdata]);
  });
  return Buffer.concat([header, q.raw, ...rrs]);
}

function typeName(code: number): RrTypeName | number {
  const e = Object.entries(RR_TYPE).find(([, v]) => v === code);
  return e ? (e[0] as RrTypeName) : code;
}

export async function startDnsServer(records: DnsRecord[] = []): Promise<TestDnsServer> {
  let table = records;
  const queries: DnsQueryLog[] = [];
  const servfail = new Set<string>();
  const sock: Socket = createSocket('udp4');
  sock.on('message', (msg: Buffer, rinfo: RemoteInfo) => {
    const q = parseQuery(msg);
    if (!q) return;
    const name = lower(q.name);
    queries.push({ name, type: typeName(q.qtype) });
    let rcode = 0;
    let answers: DnsRecord[] = [];
    if (servfail.has(name)) rcode = 2;
    else {
      const known = table.filter((r) => lower(r.name) === name);
      if (known.length === 0)
        rcode = 3; // NXDOMAIN
      else answers = known.filter((r) => RR_TYPE[r.type] === q.qtype);
    }
    sock.send(buildResponse(q, rcode, answers), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', resolve));
  const port = sock.address().port;
  return {
    port,
    address: `127.0.0.1:${port}`,
    queries,
    servfail,
    setRecords(r) {
      table = r;
    },
    close: () => new Promise<void>((resolve) => sock.close(() => resolve())),
  };
}
