// Test helper: a running SIP stack (transport + UA core) on free loopback ports, as startSip builds it.
import { loadConfig } from '../../../src/config/load.js';
import { nullLogger, type Logger } from '../../../src/log/logger.js';
import { startSip, type SipService } from '../../../src/sip/service.js';
import { freeTcpPort, freeUdpPort } from '../../helpers/ports.js';

export interface StackOptions {
  tcp?: boolean;
  tls?: { cert: string; key: string };
  /** Verify TLS peers against this CA file (default: no verification). */
  tlsCa?: string;
  timers?: { T1: number; T2: number; T4: number };
  limits?: Record<string, number>;
  log?: Logger;
  address?: string;
  /** sip.dns.servers (RFC 3263 location), e.g. a test DNS server's "127.0.0.1:PORT". */
  dnsServers?: string[];
}

export async function startStack(
  o: StackOptions = {},
): Promise<SipService & { port: number; tcpPort: number; tlsPort: number }> {
  const address = o.address ?? '127.0.0.1';
  // UDP and TCP share one port number, as on 5060.
  let port = 0;
  for (let i = 0; i < 20 && port === 0; i++) {
    const p = await freeUdpPort(address);
    try {
      await freeTcpPort(address).then(() => undefined);
      port = p;
    } catch {
      /* try again */
    }
  }
  const tlsPort = o.tls ? await freeTcpPort(address) : 0;
  const listen: Record<string, unknown>[] = [{ transport: 'udp', address, port }];
  if (o.tcp !== false) listen.push({ transport: 'tcp', address, port });
  if (o.tls) listen.push({ transport: 'tls', address, port: tlsPort, cert: o.tls.cert, key: o.tls.key });
  const cfg = loadConfig({
    object: {
      sip: {
        listen,
        ...(o.timers ? { timers: o.timers } : {}),
        ...(o.limits ? { limits: o.limits } : {}),
        tls: o.tlsCa ? { verifyPeer: true, ca: o.tlsCa } : { verifyPeer: false },
        ...(o.dnsServers ? { dns: { servers: o.dnsServers, timeoutMs: 500, tries: 1 } } : {}),
      },
    },
    env: {},
  });
  const svc = await startSip(cfg, o.log ?? nullLogger());
  return Object.assign(svc, { port, tcpPort: port, tlsPort });
}
