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
