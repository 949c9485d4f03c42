// The SIP service of the gateway process: transport listeners from config (sip.listen), the UA core on
// top, and — until the interworking layer and routes exist — a default policy for incoming calls: no
// route, so 404 with a Reason header (RFC 3326; Q.850 cause 3 "no route to destination", RFC 3398 §7.2.4.1).
import { readFileSync } from 'node:fs';
import type { TandemConfig } from '../config/load.js';
import { componentLogger, type Logger } from '../log/logger.js';
import { SipTransport } from './transport/transport.js';
import { UserAgent } from './ua/user-agent.js';
import { NodeSipDns } from './transport/dns.js';
import { ServerLocator } from './transport/resolve.js';
import type { Call } from './ua/call.js';

export interface SipService {
  readonly transport: SipTransport;
  readonly ua: UserAgent;
  /** Replace the handler of incoming calls (the interworking layer); undefined restores "no route". */
  setCallHandler(h: ((call: Call) => void) | undefined): void;
  close(): Promise<void>;
}

/** Refuse a call for which no route exists. */
export function rejectNoRoute(call: Call): void {
  call.reject(404, { reason: { protocol: 'Q.850', cause: 3, text: 'No route to destination' } });
}

export async function startSip(cfg: TandemConfig, parent: Logger): Promise<SipService> {
  const log = componentLogger(parent, 'sip');
  const { addressOrder, failedTargetSeconds, ...dnsOptions } = cfg.sip.dns;
  const locator = new ServerLocator({
    dns: new NodeSipDns(dnsOptions),
    addressOrder,
    downMs: failedTargetSeconds * 1000,
  });
  const transport = new SipTransport({
    locator,
    listen: cfg.sip.listen.map((l) => ({
      transport: l.transport,
      address: l.address,
      port: l.port,
      cert: l.cert,
      key: l.key,
    })),
    log,
    limits: cfg.sip.limits,
    tlsVerifyPeer: cfg.sip.tls.verifyPeer,
    forceRport: cfg.sip.forceRport,
    ...(cfg.sip.tls.ca ? { tlsCa: readFileSync(cfg.sip.tls.ca) } : {}),
  });
  const ua = new UserAgent({
    transport,
    log,
    locator,
    timers: cfg.sip.timers,
    product: cfg.sip.product,
    onIncomingCall: rejectNoRoute,
  });
  await transport.start();
  log.info({ event: 'sip.started', listeners: transport.listeners }, 'SIP stack started');
  let closed = false;
  return {
    transport,
    ua,
    setCallHandler(h) {
      ua.onIncomingCall = h ?? rejectNoRoute;
    },
    async close() {
      if (closed) return;
      closed = true;
      ua.close();
      locator.close();
      await transport.close();
      log.info({ event: 'sip.stopped' }, 'SIP stack stopped');
    },
  };
}
