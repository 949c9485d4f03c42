// One TCP or TLS connection carrying SIP (RFC 3261 §18.3): Content-Length framing of the byte stream,
// CRLF keep-alive answered with CRLF (RFC 5626 §3.5.1), idle timeout, and close on bad framing (a bad
// Content-Length never resynchronises the stream onto garbage, RFC 4475 §3.1.2.3).
import type { Socket } from 'node:net';
import { frameStream } from '../message/index.js';
import type { SipParseError } from '../message/errors.js';
import type { Flow, SendErrorHandler, TransportName } from './types.js';

export interface ConnectionEvents {
  /** One framed message (exactly its octets). */
  onFrame(buf: Buffer, conn: Connection): void;
  /** Unrecoverable framing error: the caller may answer, then the connection is closed. */
  onFramingError(err: SipParseError, buf: Buffer, conn: Connection): void;
  onKeepalive(conn: Connection): void;
  onClose(conn: Connection, reason: 'idle' | 'error' | 'closed' | 'framing'): void;
}

let nextId = 1;

export class Connection {
  readonly id = nextId++;
  private buf: Buffer = Buffer.alloc(0);
  private connected: boolean;
  private queue: { data: Buffer; onError: SendErrorHandler | undefined }[] = [];
  private closed = false;
  private closeReason: 'idle' | 'error' | 'closed' | 'framing' = 'closed';
  flow: Flow;

  constructor(
    readonly socket: Socket,
    readonly transport: TransportName,
    readonly outbound: boolean,
    private readonly maxMessageSize: number,
    idleTimeoutMs: number,
    private readonly ev: ConnectionEvents,
    connected: boolean,
  ) {
    this.connected = connected;
    this.flow = this.makeFlow();
    socket.setNoDelay(true);
    socket.setTimeout(idleTimeoutMs, () => {
      this.closeReason = 'idle';
      socket.destroy();
    });
    socket.on('data', (d: Buffer) => this.onData(d));
    socket.on('error', (err) => {
      this.closeReason = 'error';
      this.failQueue(err);
    });
    socket.on('close', () => {
      this.closed = true;
      this.failQueue(new Error('connection closed'));
      this.ev.onClose(this, this.closeReason);
    });
  }

  private makeFlow(): Flow {
    return {
      transport: this.transport,
      localAddress: this.socket.localAddress ?? '',
      localPort: this.socket.localPort ?? 0,
      remoteAddress: (this.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
      remotePort: this.socket.remotePort ?? 0,
      connectionId: this.id,
    };
  }

  /** Called when an outbound connection's handshake is complete. */
  markConnected(): void {
    this.connected = true;
    this.flow = this.makeFlow();
    const q = this.queue;
    this.queue = [];
    for (const item of q) this.socket.write(item.data);
  }

  get isOpen(): boolean {
    return !this.closed && !this.socket.destroyed;
  }

  write(data: Buffer, onError?: SendErrorHandler): void {
    if (!this.isOpen) {
      onError?.(new Error('connection closed'));
      return;
    }
    if (!this.connected) {
      this.queue.push({ data, onError });
      return;
    }
    this.socket.write(data);
  }

  close(): void {
    if (this.isOpen) this.socket.end();
  }

  private failQueue(err: Error): void {
    const q = this.queue;
    this.queue = [];
    for (const item of q) item.onError?.(err);
  }

  private onData(d: Buffer): void {
    this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
    while (this.buf.length > 0 && this.isOpen) {
      const r = frameStream(this.buf, this.maxMessageSize);
      if (r.kind === 'need-more') {
        if (this.buf.length > this.maxMessageSize + 4) {
          // A header section that never ends within the size limit: close (RFC 3261 §18.3 framing lost).
          this.closeReason = 'framing';
          this.socket.destroy();
        }
        return;
      }
      if (r.kind === 'keepalive') {
        this.buf = this.buf.subarray(r.length);
        // RFC 5626 §3.5.1: "When a server receives a CRLFCRLF ... it MUST respond with a single CRLF".
        if (r.ping) {
          this.socket.write('\r\n');
          this.ev.onKeepalive(this);
        }
        continue;
      }
      if (r.kind === 'error') {
        this.closeReason = 'framing';
        this.ev.onFramingError(r.error, this.buf, this);
        this.buf = Buffer.alloc(0);
        this.socket.end();
        setTimeout(() => this.socket.destroy(), 1000).unref();
        return;
      }
      const frame = this.buf.subarray(0, r.length);
      this.buf = this.buf.subarray(r.length);
      this.ev.onFrame(frame, this);
    }
  }
}
