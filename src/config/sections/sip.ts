// SIP stack configuration (docs/sip-stack.md): listeners (RFC 3261 §18), base timers T1/T2/T4 (§17,
// the transaction timer table derives A–M from them) and transport limits.
import convict from 'convict';
import { isIP } from 'node:net';
import { ConfigError, listFormat, type ElementSchema } from '../list.js';

export type SipTransportName = 'udp' | 'tcp' | 'tls';

export interface SipListenConfig {
  transport: SipTransportName;
  address: string;
  port: number;
  cert: string | null;
  key: string | null;
}

export interface SipConfig {
  listen: SipListenConfig[];
  timers: { T1: number; T2: number; T4: number };
  limits: {
    maxMessageSize: number;
    maxConnections: number;
    maxRequestsPerSecondPerSource: number;
    idleTimeoutMs: number;
  };
  tls: { verifyPeer: boolean; ca: string | null };
  product: string;
  forceRport: boolean;
  /** RFC 3263 server location (src/sip/transport/resolve.ts, dns.ts). */
  dns: {
    servers: string[];
    timeoutMs: number;
    tries: number;
    cacheSize: number;
    recordTtlSeconds: number;
    negativeTtlSeconds: number;
    addressOrder: 'ipv4-first' | 'ipv6-first' | 'ipv4-only' | 'ipv6-only';
    failedTargetSeconds: number;
  };
}

/** "1.2.3.4", "1.2.3.4:53", "::1", "[::1]:53": what Resolver.setServers accepts. */
export function isDnsServerAddress(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const m = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(v) ?? /^([^:]+)(?::(\d{1,5}))?$/.exec(v);
  if (m) return isIP(m[1] ?? '') !== 0 && (m[2] === undefined || Number(m[2]) <= 65535);
  return isIP(v) === 6;
}

export const sipListenSchema: ElementSchema = {
  transport: {
    doc: 'udp, tcp or tls (TLS: sips URIs, port 5061 by convention).',
    format: ['udp', 'tcp', 'tls'],
    default: 'udp',
  },
  address: { doc: 'IPv4 or IPv6 address to bind.', format: 'ip-address', default: '127.0.0.1' },
  port: { doc: 'Port to bind (0: any free port).', format: 'port', default: 5060 },
  cert: { doc: 'tls: PEM certificate file.', format: 'optional-path', default: null },
  key: { doc: 'tls: PEM private key file.', format: 'optional-path', default: null },
};

let done = false;

/** Registers the formats of the sip section once per process. */
export function registerSipFormats(): void {
  if (done) return;
  done = true;
  convict.addFormat({
    name: 'ip-address',
    validate(v: unknown) {
      if (typeof v !== 'string' || isIP(v) === 0)
        throw new Error(`must be an IPv4 or IPv6 address, got ${JSON.stringify(v)}`);
    },
  });
  const base = listFormat('sip-listen-list', sipListenSchema);
  convict.addFormat({
    name: 'sip-listen-list',
    validate(value: unknown) {
      base.validate?.(value, undefined as never);
      (value as Record<string, unknown>[]).forEach((l, i) => {
        if (l.transport === 'tls' && (!l.cert || !l.key))
          throw new Error(`[${i}].cert: a tls listener needs cert and key`);
      });
    },
  });
  const intRange = (name: string, lo: number, hi: number): void =>
    convict.addFormat({
      name,
      validate(v: unknown) {
        if (!Number.isInteger(v) || (v as number) < lo || (v as number) > hi)
          throw new Error(`must be an integer ${lo}-${hi}, got ${JSON.stringify(v)}`);
      },
      coerce: (v: string) => Number(v),
    });
  convict.addFormat({
    name: 'sip-dns-servers',
    validate(v: unknown) {
      if (!Array.isArray(v)) throw new Error('must be a list of DNS server addresses');
      v.forEach((x: unknown, i) => {
        if (!isDnsServerAddress(x))
          throw new Error(
            `[${i}]: must be an IP address with optional port ("1.2.3.4:53", "[::1]:53"), got ${JSON.stringify(x)}`,
          );
      });
    },
  });
  intRange('sip-int-nonneg', 0, 100000000);
  intRange('sip-timer-ms', 1, 600000);
  intRange('sip-int-pos', 1, 100000000);
}

export function sipSchema(): convict.Schema<Record<string, unknown>> {
  registerSipFormats();
  return {
    listen: {
      doc: 'SIP listeners, one object per transport and address (see "sip.listen[]" below).',
      format: 'sip-listen-list',
      default: [
        { transport: 'udp', address: '127.0.0.1', port: 5060 },
        { transport: 'tcp', address: '127.0.0.1', port: 5060 },
      ],
    },
    timers: {
      T1: {
        doc: 'RFC 3261 T1, RTT estimate (ms); Timers A, B, E, F, G, H, J, L, M derive from it.',
        format: 'sip-timer-ms',
        default: 500,
        env: 'TANDEM_SIP_T1',
      },
      T2: {
        doc: 'RFC 3261 T2, maximum retransmit interval for non-INVITE requests and INVITE responses (ms).',
        format: 'sip-timer-ms',
        default: 4000,
      },
      T4: {
        doc: 'RFC 3261 T4, maximum duration a message remains in the network (ms); Timers I and K.',
        format: 'sip-timer-ms',
        default: 5000,
      },
    },
    limits: {
      maxMessageSize: { doc: 'Largest SIP message accepted, octets.', format: 'sip-int-pos', default: 65535 },
      maxConnections: { doc: 'Most concurrent TCP/TLS connections.', format: 'sip-int-pos', default: 1024 },
      maxRequestsPerSecondPerSource: {
        doc: 'Requests per second accepted from one source address; more get 503.',
        format: 'sip-int-pos',
        default: 5000,
      },
      idleTimeoutMs: {
        doc: 'Idle TCP/TLS connections are closed after this many ms.',
        format: 'sip-int-pos',
        default: 120000,
      },
    },
    tls: {
      verifyPeer: { doc: 'Verify the certificate of TLS peers we connect to.', format: 'bool', default: true },
      ca: {
        doc: 'PEM file of extra CA certificates for outbound TLS, or null.',
        format: 'optional-path',
        default: null,
      },
    },
    forceRport: {
      doc: 'Send UDP responses to the source address and port of the request (symmetric, as RFC 3581 rport), even without rport; false: strict RFC 3261 §18.2.2.',
      format: 'bool',
      default: true,
    },
    product: { doc: 'Value of the Server and User-Agent headers.', format: String, default: 'Tandem' },
    dns: {
      servers: {
        doc: 'DNS servers for RFC 3263 server location (NAPTR/SRV/A/AAAA), e.g. ["192.0.2.53", "[2001:db8::53]:53"]; empty: the system resolver configuration.',
        format: 'sip-dns-servers',
        default: [],
      },
      timeoutMs: { doc: 'DNS query timeout per try, ms.', format: 'sip-timer-ms', default: 2000 },
      tries: { doc: 'DNS tries per server.', format: 'sip-int-pos', default: 2 },
      cacheSize: {
        doc: 'Most DNS answers cached (least recently used evicted); 0 disables the cache.',
        format: 'sip-int-nonneg',
        default: 1000,
      },
      recordTtlSeconds: {
        doc: 'How long NAPTR and SRV answers are cached, s (Node does not expose their TTL; A/AAAA use their own TTL).',
        format: 'sip-int-nonneg',
        default: 60,
      },
      negativeTtlSeconds: {
        doc: 'How long NXDOMAIN / no-record answers are cached, s.',
        format: 'sip-int-nonneg',
        default: 30,
      },
      addressOrder: {
        doc: 'Order of address records for a target: A before AAAA (ipv4-first), the reverse, or one family only.',
        format: ['ipv4-first', 'ipv6-first', 'ipv4-only', 'ipv6-only'],
        default: 'ipv4-first',
      },
      failedTargetSeconds: {
        doc: 'A located server that failed (connection refused, timeout, 503) is tried after the others for this long, s (a 503 Retry-After overrides); 0: no memory.',
        format: 'sip-int-nonneg',
        default: 30,
      },
    },
  };
}

/** Cross-checks of the section; throws ConfigError naming the key. */
export function checkSipConfig(sip: SipConfig): void {
  if (sip.timers.T2 < sip.timers.T1) throw new ConfigError('sip.timers.T2', 'must be >= T1');
  const seen = new Set<string>();
  sip.listen.forEach((l, i) => {
    const k = `${l.transport === 'udp' ? 'udp' : 'stream'}|${l.address}|${l.port}`;
    if (l.port !== 0 && seen.has(k))
      throw new ConfigError(`sip.listen[${i}]`, `${l.transport} ${l.address}:${l.port} is listed twice`);
    seen.add(k);
  });
}
