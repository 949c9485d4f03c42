// Raw loopback peers for transport and UA tests: a UDP socket or a TCP connection that sends text and
// collects whole SIP messages (Content-Length framed).
import { createSocket, type Socket } from 'node:dgram';
import { connect, type Socket as TcpSocket } from 'node:net';

export interface Peer {
  port: number;
  send(text: string | Buffer): void;
  /** Next message matching pred (messages not taken stay queued). */
  next(pred?: (m: string) => boolean, ms?: number): Promise<string>;
  /** Everything received so far. */
  all: string[];
  close(): void;
}

function queueing(): { push(m: string): void; next: Peer['next']; all: string[] } {
  const all: string[] = [];
  const queue: string[] = [];
  const waiters: { pred: (m: string) => boolean; resolve: (m: string) => void }[] = [];
  return {
    all,
    push(m) {
      all.push(m);
      const w = waiters.findIndex((x) => x.pred(m));
      if (w >= 0) waiters.splice(w, 1)[0]?.resolve(m);
      else queue.push(m);
    },
    next(pred = () => true, ms = 2000) {
      const i = queue.findIndex(pred);
      if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0] as string);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('timeout waiting for a message')), ms);
        waiters.push({ pred, resolve: (m) => (clearTimeout(t), resolve(m)) });
      });
    },
  };
}

export async function udpPeer(target: number, host = '127.0.0.1'): Promise<Peer> {
  const s: Socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  const q = queueing();
  s.on('message', (b) => q.push(b.toString('latin1')));
  await new Promise<void>((r) => s.bind(0, host, () => r()));
  return {
    port: s.address().port,
    send: (text) => s.send(typeof text === 'string' ? Buffer.from(text, 'latin1') : text, target, host),
    next: q.next,
    all: q.all,
    close: () => s.close(),
  };
}

export async function tcpPeer(
  target: number,
  host = '127.0.0.1',
): Promise<Peer & { socket: TcpSocket; raw: Buffer[]; closed: Promise<void> }> {
  const sock = connect({ host, port: target });
  await new Promise<void>((r, j) => {
    sock.once('connect', () => r());
    sock.once('error', j);
  });
  const q = queueing();
  const raw: Buffer[] = [];
  let buf = '';
  sock.on('data', (d: Buffer) => {
    raw.push(d);
    buf += d.toString('latin1');
    for (;;) {
      while (buf.startsWith('\r\n')) buf = buf.slice(2);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const cl = Number(/\r\nContent-Length:\s*(\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
      if (buf.length < end + 4 + cl) return;
      q.push(buf.slice(0, end + 4 + cl));
      buf = buf.slice(end + 4 + cl);
    }
  });
  const closed = new Promise<void>((r) => sock.once('close', () => r()));
  sock.on('error', () => undefined);
  return {
    port: sock.localPort ?? 0,
    socket: sock,
    raw,
    closed,
    send: (t) => sock.write(t),
    next: q.next,
    all: q.all,
    close: () => sock.destroy(),
  };
}

let n = 0;
/** A request as text; `extra` header lines end with CRLF. */
export function request(
  method: string,
  o: {
    port: number;
    transport?: string;
    callId?: string;
    branch?: string;
    cseq?: number;
    toTag?: string;
    fromTag?: string;
    extra?: string;
    body?: string;
    uri?: string;
    host?: string;
  },
): string {
  n++;
  const host = o.host ?? '127.0.0.1';
  const body = o.body ?? '';
  return (
    `${method} ${o.uri ?? `sip:svc@${host.includes(':') ? `[${host}]` : host}`} SIP/2.0\r\n` +
    `Via: SIP/2.0/${o.transport ?? 'UDP'} ${host.includes(':') ? `[${host}]` : host}:${o.port};branch=${o.branch ?? `z9hG4bKt${n}x${Date.now()}`};rport\r\n` +
    `From: <sip:peer@${host.includes(':') ? `[${host}]` : host}>;tag=${o.fromTag ?? 'ft1'}\r\n` +
    `To: <sip:svc@${host.includes(':') ? `[${host}]` : host}>${o.toTag ? `;tag=${o.toTag}` : ''}\r\n` +
    `Call-ID: ${o.callId ?? `cid${n}`}\r\n` +
    `CSeq: ${o.cseq ?? 1} ${method}\r\n` +
    `Contact: <sip:peer@${host.includes(':') ? `[${host}]` : host}:${o.port}>\r\n` +
    `Max-Forwards: 70\r\n` +
    (o.extra ?? '') +
    (body ? 'Content-Type: application/sdp\r\n' : '') +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

export function status(m: string): number {
  return Number(/^SIP\/2\.0 (\d{3})/.exec(m)?.[1] ?? 0);
}
