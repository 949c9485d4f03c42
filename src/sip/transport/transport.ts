// The SIP transport layer (RFC 3261 §18): UDP, TCP and TLS listeners on IPv4 and IPv6, connection
// reuse, the inbound pipeline (size and rate limits, parse, 400 for malformed requests over UDP,
// received/rport stamping) and sending of requests and responses.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { connect as netConnect, createServer as createNetServer, type Server, type Socket } from 'node:net';
import { connect as tlsConnect, createServer as createTlsServer } from 'node:tls';
import type { Logger } from '../../log/logger.js';
import { createErrorResponseForParseError, createResponse, parseMessage, serializeMessage } from '../message/index.js';
import type { SipParseError } from '../message/errors.js';
import type { SipMessage, SipRequest, SipResponse } from '../message/types.js';
import { isIP } from 'node:net';
import { Connection, type ConnectionEvents } from './connection.js';
import type { ServerLocator } from './resolve.js';
import { SourceRateLimiter } from './rate.js';
import { responseDestination, stampReceived, stampSentBy } from './route.js';
import {
  DEFAULT_TRANSPORT_LIMITS,
  zeroCounters,
  type Destination,
  type Flow,
  type InboundHandler,
  type ListenSpec,
  type SendErrorHandler,
  type SipTransportApi,
  type TransportCounters,
  type TransportLimits,
  type TransportName,
} from './types.js';

/** §18.1.1: "If a request is within 200 bytes of the path MTU, or if it is larger than 1300 bytes and
 * the path MTU is unknown, the request MUST be sent using an RFC 2914 congestion controlled transport
 * protocol, such as TCP." */
export const UDP_MTU_SWITCH_BYTES = 1300;

export interface TransportOptions {
  listen: ListenSpec[];
  log: Logger;
  limits?: Partial<TransportLimits>;
  /** Verify TLS peers' certificates on outbound connections (default true). */
  tlsVerifyPeer?: boolean;
  /** Extra CA certificates (PEM) for outbound TLS. */
  tlsCa?: string | Buffer;
  /**
   * Symmetric response routing over UDP: responses go to the packet's source address and port, as
   * RFC 3581 rport would, even when the request did not ask for it (what an SBC facing NATs does).
   * false: strict §18.2.2 (received address, sent-by port). Default true.
   */
  forceRport?: boolean;
  /** RFC 3263 §5: locates a Via sent-by host name when a response must go to a name (no received). */
  locator?: ServerLocator;
}

interface UdpListener {
  spec: ListenSpec;
  socket: UdpSocket;
  port: number;
}

interface StreamListener {
  spec: ListenSpec;
  server: Server;
  port: number;
}

function family(addr: string): 4 | 6 {
  return addr.includes(':') ? 6 : 4;
}

export class SipTransport implements SipTransportApi {
  readonly counters: TransportCounters = zeroCounters();
  private readonly limits: TransportLimits;
  private readonly udp: UdpListener[] = [];
  private readonly streams: StreamListener[] = [];
  private readonly conns = new Map<number, Connection>();
  private readonly connByRemote = new Map<string, Connection>();
  private readonly rate: SourceRateLimiter;
  private handler: InboundHandler = () => undefined;
  private readonly log: Logger;

  constructor(private readonly o: TransportOptions) {
    this.limits = { ...DEFAULT_TRANSPORT_LIMITS, ...o.limits };
    this.rate = new SourceRateLimiter(this.limits.maxRequestsPerSecondPerSource);
    this.log = o.log;
  }

  onMessage(h: InboundHandler): void {
    this.handler = h;
  }

  /** Bound listeners with their actual ports (port 0 in config means any free port). */
  get listeners(): { transport: TransportName; address: string; port: number }[] {
    return [
      ...this.udp.map((u) => ({ transport: 'udp' as const, address: u.spec.address, port: u.port })),
      ...this.streams.map((s) => ({ transport: s.spec.transport, address: s.spec.address, port: s.port })),
    ];
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  async start(): Promise<void> {
    for (const spec of this.o.listen) {
      if (spec.transport === 'udp') await this.listenUdp(spec);
      else await this.listenStream(spec);
      this.log.info(
        {
          event: 'sip.transport.listening',
          transport: spec.transport,
          address: spec.address,
          port: this.listeners.at(-1)?.port,
        },
        'SIP listener up',
      );
    }
  }

  async close(): Promise<void> {
    for (const c of this.conns.values()) c.socket.destroy();
    await Promise.all([
      ...this.udp.map((u) => new Promise<void>((r) => u.socket.close(() => r()))),
      ...this.streams.map((s) => new Promise<void>((r) => s.server.close(() => r()))),
    ]);
    this.udp.length = 0;
    this.streams.length = 0;
  }

  private async listenUdp(spec: ListenSpec): Promise<void> {
    const socket = createSocket({ type: family(spec.address) === 6 ? 'udp6' : 'udp4', reuseAddr: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(spec.port, spec.address, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    try {
      // Bursts of thousands of datagrams per second must not overflow the kernel's default buffer.
      socket.setRecvBufferSize(4 * 1024 * 1024);
      socket.setSendBufferSize(4 * 1024 * 1024);
    } catch {
      /* capped by net.core.rmem_max: keep what the kernel gives */
    }
    const l: UdpListener = { spec, socket, port: socket.address().port };
    socket.on('message', (buf, rinfo) => {
      const flow: Flow = {
        transport: 'udp',
        localAddress: spec.address,
        localPort: l.port,
        remoteAddress: rinfo.address,
        remotePort: rinfo.port,
      };
      this.onDatagram(buf, flow, l);
    });
    socket.on('error', (err) =>
      this.log.warn({ event: 'sip.transport.udp_error', err: err.message }, 'UDP socket error'),
    );
    this.udp.push(l);
  }

  private async listenStream(spec: ListenSpec): Promise<void> {
    const onSocket = (sock: Socket): void => {
      if (this.conns.size >= this.limits.maxConnections) {
        this.counters['sip.conn.refused_limit']++;
        this.log.warn(
          { event: 'sip.transport.conn_refused', remote: sock.remoteAddress, limit: this.limits.maxConnections },
          'connection refused: maximum connections reached',
        );
        sock.destroy();
        return;
      }
      this.adopt(sock, spec.transport, false, true);
    };
    let server: Server;
    if (spec.transport === 'tls') {
      if (!spec.cert || !spec.key) throw new Error(`sip.listen tls ${spec.address}:${spec.port} needs cert and key`);
      server = createTlsServer({ cert: readFileSync(spec.cert), key: readFileSync(spec.key) }, onSocket);
      server.on('tlsClientError', (err) =>
        this.log.info({ event: 'sip.transport.tls_error', err: err.message }, 'TLS handshake failed'),
      );
    } else {
      server = createNetServer(onSocket);
    }
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(spec.port, spec.address, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address();
    this.streams.push({ spec, server, port: typeof addr === 'object' && addr ? addr.port : spec.port });
  }

  private adopt(sock: Socket, transport: TransportName, outbound: boolean, connected: boolean): Connection {
    const ev: ConnectionEvents = {
      onFrame: (buf, conn) => this.onStreamFrame(buf, conn),
      onFramingError: (err, _buf, conn) => {
        this.counters['sip.conn.bad_framing']++;
        this.counters['sip.rx.malformed']++;
        this.log.info(
          {
            event: 'sip.transport.bad_framing',
            remote: conn.flow.remoteAddress,
            port: conn.flow.remotePort,
            reason: err.reason,
          },
          'bad stream framing; closing connection',
        );
        this.answerMalformed(err, conn.flow);
      },
      onKeepalive: () => {
        this.counters['sip.keepalive.pongs']++;
      },
      onClose: (conn, reason) => {
        this.conns.delete(conn.id);
        const k = remoteKey(conn.transport, conn.flow.remoteAddress, conn.flow.remotePort);
        if (this.connByRemote.get(k) === conn) this.connByRemote.delete(k);
        this.counters['sip.conn.closed']++;
        if (reason === 'idle') this.counters['sip.conn.idle_closed']++;
        this.log.debug({ event: 'sip.transport.conn_closed', id: conn.id, reason }, 'connection closed');
      },
    };
    const conn = new Connection(
      sock,
      transport,
      outbound,
      this.limits.maxMessageSize,
      this.limits.idleTimeoutMs,
      ev,
      connected,
    );
    this.conns.set(conn.id, conn);
    this.counters['sip.conn.opened']++;
    if (connected) this.connByRemote.set(remoteKey(transport, conn.flow.remoteAddress, conn.flow.remotePort), conn);
    return conn;
  }

  // ---------------------------------------------------------------- inbound

  private onDatagram(buf: Buffer, flow: Flow, l: UdpListener): void {
    // RFC 5626 §3.5.1 / §4.4.1: a bare CRLF keep-alive over UDP carries no message.
    if (buf.length <= 4 && /^[\r\n]*$/.test(buf.toString('latin1'))) return;
    if (buf.length > this.limits.maxMessageSize) {
      this.counters['sip.rx.too_large']++;
      this.log.info(
        { event: 'sip.transport.too_large', remote: flow.remoteAddress, size: buf.length },
        'datagram over the size limit dropped',
      );
      return;
    }
    const r = parseMessage(buf, { mode: 'datagram', maxSize: this.limits.maxMessageSize });
    if (!r.ok) {
      this.counters['sip.rx.malformed']++;
      this.log.info(
        {
          event: 'sip.transport.malformed',
          remote: flow.remoteAddress,
          port: flow.remotePort,
          kind: r.error.kind,
          header: r.error.header,
          reason: r.error.reason,
        },
        'malformed message',
      );
      const bytes = createErrorResponseForParseError(r.error);
      if (bytes) {
        // No trustworthy Via: the answer goes back to the packet's source (RFC 3581 behaviour).
        l.socket.send(bytes, flow.remotePort, flow.remoteAddress);
        this.counters['sip.rx.malformed_answered']++;
      }
      return;
    }
    this.accept(r.message, flow);
  }

  private onStreamFrame(buf: Buffer, conn: Connection): void {
    const r = parseMessage(buf, { mode: 'stream', maxSize: this.limits.maxMessageSize });
    if (!r.ok) {
      this.counters['sip.rx.malformed']++;
      this.log.info(
        {
          event: 'sip.transport.malformed',
          remote: conn.flow.remoteAddress,
          kind: r.error.kind,
          reason: r.error.reason,
        },
        'malformed message on stream',
      );
      this.answerMalformed(r.error, conn.flow);
      return;
    }
    this.accept(r.message, conn.flow);
  }

  private answerMalformed(err: SipParseError, flow: Flow): void {
    const bytes = createErrorResponseForParseError(err);
    if (!bytes) return;
    this.counters['sip.rx.malformed_answered']++;
    if (flow.connectionId !== undefined) this.conns.get(flow.connectionId)?.write(bytes);
  }

  private accept(msg: SipMessage, flow: Flow): void {
    this.counters['sip.rx.messages']++;
    if (msg.type === 'request') {
      if (!this.rate.allow(flow.remoteAddress)) {
        this.counters['sip.rx.rate_limited']++;
        if (this.counters['sip.rx.rate_limited'] % 1000 === 1) {
          this.log.warn(
            {
              event: 'sip.transport.rate_limited',
              remote: flow.remoteAddress,
              limit: this.limits.maxRequestsPerSecondPerSource,
              total: this.counters['sip.rx.rate_limited'],
            },
            'request rate limit exceeded',
          );
        }
        if (msg.method !== 'ACK') {
          stampReceived(msg, flow);
          this.sendResponse(createResponse(msg, 503, 'Service Unavailable', { headers: [['Retry-After', '1']] }), flow);
        }
        return;
      }
      stampReceived(msg, flow);
    }
    try {
      this.handler(msg, flow);
    } catch (err) {
      // A fault above must never take the transport down; it is a bug, logged loudly.
      this.log.error(
        { event: 'sip.transport.handler_error', err: err instanceof Error ? err.stack : String(err) },
        'SIP handler threw',
      );
    }
  }

  // ---------------------------------------------------------------- outbound

  private udpFor(address: string): UdpListener | undefined {
    const fam = family(address);
    return this.udp.find((u) => family(u.spec.address) === fam) ?? this.udp[0];
  }

  private streamFor(transport: TransportName, address: string): StreamListener | undefined {
    const fam = family(address);
    const same = this.streams.filter((s) => s.spec.transport === transport);
    return same.find((s) => family(s.spec.address) === fam) ?? same[0];
  }

  sendRequest(req: SipRequest, dest: Destination, onError?: SendErrorHandler): void {
    let transport = dest.transport;
    if (transport === 'udp') {
      const l = this.udpFor(dest.address);
      if (l) stampSentBy(req, 'udp', l.spec.address, l.port);
      const bytes = serializeMessage(req);
      if (bytes.length > UDP_MTU_SWITCH_BYTES && this.streamFor('tcp', dest.address) && req.method !== 'ACK') {
        this.counters['sip.tx.udp_to_tcp']++;
        transport = 'tcp';
      } else {
        if (!l) {
          onError?.(new Error('no UDP listener'));
          return;
        }
        this.counters['sip.tx.messages']++;
        l.socket.send(bytes, dest.port, dest.address, (err) => {
          if (err) {
            this.counters['sip.tx.errors']++;
            onError?.(err);
          }
        });
        return;
      }
    }
    const sl = this.streamFor(transport, dest.address);
    if (sl) stampSentBy(req, transport, sl.spec.address, sl.port);
    else stampSentBy(req, transport, dest.address.includes(':') ? '::1' : '127.0.0.1', 0);
    const conn = this.connectionTo(transport, dest.address, dest.port, dest.serverName);
    if (!conn) {
      onError?.(new Error('maximum connections reached'));
      return;
    }
    this.counters['sip.tx.messages']++;
    conn.write(serializeMessage(req), onError);
  }

  sendResponse(res: SipResponse, flow: Flow, onError?: SendErrorHandler): void {
    const bytes = serializeMessage(res);
    this.counters['sip.tx.messages']++;
    if (flow.transport === 'udp') {
      const d =
        this.o.forceRport === false
          ? responseDestination(res, flow)
          : { address: flow.remoteAddress, port: flow.remotePort };
      if (isIP(d.address) === 0) {
        this.sendResponseToName(res, bytes, onError);
        return;
      }
      const l =
        this.udp.find((u) => u.port === flow.localPort && u.spec.address === flow.localAddress) ??
        this.udpFor(d.address);
      if (!l) {
        onError?.(new Error('no UDP listener'));
        return;
      }
      l.socket.send(bytes, d.port, d.address, (err) => {
        if (err) {
          this.counters['sip.tx.errors']++;
          onError?.(err);
        }
      });
      return;
    }
    // §18.2.2: "the response MUST be sent using the existing connection to the source of the original
    // request that created the transaction, if that connection is still open. ... If that connection is
    // no longer open, the server SHOULD open a connection to the IP address in the "received" parameter,
    // if present, using the port in the "sent-by" value".
    const existing = flow.connectionId !== undefined ? this.conns.get(flow.connectionId) : undefined;
    if (existing && existing.isOpen) {
      existing.write(bytes, onError);
      return;
    }
    const d = responseDestination(res, flow);
    if (isIP(d.address) === 0) {
      this.sendResponseToName(res, bytes, onError);
      return;
    }
    const conn = this.connectionTo(flow.transport, d.address, d.port);
    if (!conn) {
      onError?.(new Error('maximum connections reached'));
      return;
    }
    conn.write(bytes, onError);
  }

  /**
   * RFC 3263 §5: the response goes to a sent-by host name (there was no received address): locate it and
   * send to the first target, the next one on a failure ("If the attempt ... fails, the server SHOULD try
   * the next", as RFC 3261 §18.2.2 defers to it).
   */
  private sendResponseToName(res: SipResponse, bytes: Buffer, onError?: SendErrorHandler): void {
    const top = res.via[0];
    if (!top || !this.o.locator) {
      onError?.(new Error(`response to host name ${top?.host ?? '?'}: no RFC 3263 locator`));
      return;
    }
    void this.o.locator.locateSentBy(top).then((r) => {
      if (!r.ok) {
        this.log.info({ event: 'sip.locate.failed', error: r.error, detail: r.reason }, 'response not sent');
        onError?.(new Error(r.reason));
        return;
      }
      const attempt = (i: number): void => {
        const t = r.targets[i];
        if (!t) {
          onError?.(new Error(`response to ${top.host}: every target failed`));
          return;
        }
        const next = (): void => attempt(i + 1);
        if (t.transport === 'udp') {
          const l = this.udpFor(t.address);
          if (!l) return next();
          l.socket.send(bytes, t.port, t.address, (err) => {
            if (err) {
              this.counters['sip.tx.errors']++;
              next();
            }
          });
          return;
        }
        const conn = this.connectionTo(t.transport, t.address, t.port);
        if (!conn) return next();
        conn.write(bytes, next);
      };
      attempt(0);
    });
  }

  /** An open connection to the remote (reused, §18.1.1 / RFC 5923 spirit) or a new one. */
  private connectionTo(
    transport: TransportName,
    address: string,
    port: number,
    serverName?: string,
  ): Connection | undefined {
    // A TLS connection verified for one name is not reused for another name (RFC 5922 §4); requests
    // without a name (numeric next hops, e.g. in-dialog requests) reuse any open one.
    const plain = remoteKey(transport, address, port);
    const k = serverName ? `${plain}|${serverName.toLowerCase()}` : plain;
    const c = this.connByRemote.get(k);
    if (c && c.isOpen) return c;
    if (this.conns.size >= this.limits.maxConnections) {
      this.counters['sip.conn.refused_limit']++;
      return undefined;
    }
    const sock: Socket =
      transport === 'tls'
        ? tlsConnect({
            host: address,
            port,
            ...(serverName ? { servername: serverName } : {}),
            rejectUnauthorized: this.o.tlsVerifyPeer ?? true,
            ...(this.o.tlsCa ? { ca: this.o.tlsCa } : {}),
          })
        : netConnect({ host: address, port });
    const conn = this.adopt(sock, transport, true, false);
    // The handshake ends after this turn of the event loop, so the listener is never late.
    sock.once(transport === 'tls' ? 'secureConnect' : 'connect', () => conn.markConnected());
    this.connByRemote.set(k, conn);
    if (k !== plain) {
      if (!this.connByRemote.get(plain)?.isOpen) this.connByRemote.set(plain, conn);
      sock.once('close', () => {
        for (const key of [k, plain]) if (this.connByRemote.get(key) === conn) this.connByRemote.delete(key);
      });
    }
    return conn;
  }
}

function remoteKey(t: TransportName, address: string, port: number): string {
  return `${t}|${address.toLowerCase()}|${port}`;
}
