// Trying the targets of RFC 3263 one after the other for a request outside a dialog (the initial INVITE).
// RFC 3263 §4.3: "For SIP requests, failure occurs if the transaction layer reports a 503 error response or
// a transport failure of some sort (generally, due to fatal ICMP errors in UDP or connection failures in
// TCP). Failure also occurs if the transaction layer times out without ever having received any response,
// provisional or final (i.e., timer B or timer F in RFC 3261 fires). If a failure occurs, the client SHOULD
// create a new request, which is identical to the previous, but has a different value of the Via branch ID
// than the previous (and therefore constitutes a new SIP transaction). That request is sent to the next
// element in the list as specified by RFC 2782."
import type { Logger } from '../../log/logger.js';
import { generateBranch } from '../message/index.js';
import type { NameAddr, SipRequest, SipResponse } from '../message/types.js';
import type { ClientTransaction, TransactionManager } from '../transaction/manager.js';
import type { LocatedTarget } from '../transport/resolve.js';
import type { TransportName } from '../transport/types.js';

/** What the failover needs from the UA. */
export interface FailoverHost {
  readonly txm: TransactionManager;
  readonly log: Logger;
  contact(transport: TransportName): NameAddr;
}

/** The user of the failover (the call): sees one request at a time and only the outcome that counts. */
export interface FailoverUser {
  /** An attempt is about to be sent: from now on `req` is the request and `target` the next hop. */
  onAttempt(req: SipRequest, target: LocatedTarget, index: number): void;
  onResponse(res: SipResponse): void;
  /** Timer B/F fired on the last usable attempt (or after a response was seen). */
  onTimeout(): void;
  /** A transport failure on the last target. */
  onTransportError(): void;
  /** 503 on the last target is delivered through onResponse. false stops trying further targets. */
  mayContinue(): boolean;
  /** A target failed (§4.3); a 503's Retry-After in seconds when it had one. */
  onTargetFailed?(target: LocatedTarget, retryAfterSeconds: number | undefined): void;
}

/**
 * The request for attempt `index`: the first keeps its branch (and is the INVITE itself when its transport
 * is the one the UA built it for), later ones get a new branch (§4.3).
 */
export function requestForAttempt(host: FailoverHost, base: SipRequest, t: TransportName, index: number): SipRequest {
  const top = base.via[0];
  if (index === 0 && top?.transport.toLowerCase() === t) return base;
  const via =
    index === 0 || !top
      ? base.via
      : [{ ...top, branch: generateBranch(), params: new Map(top.params) }, ...base.via.slice(1)];
  // The Contact names a listener of the transport used (RFC 3261 §8.1.1.8, "sips" for TLS).
  return { ...base, via, contact: { star: false, values: [host.contact(t)] } };
}

export class UacFailover {
  private index = -1;
  private tx: ClientTransaction | undefined;
  private responded = false;

  constructor(
    private readonly host: FailoverHost,
    private readonly base: SipRequest,
    private readonly targets: readonly LocatedTarget[],
    private readonly user: FailoverUser,
  ) {}

  get current(): ClientTransaction | undefined {
    return this.tx;
  }

  start(): void {
    this.next();
  }

  private hasMore(): boolean {
    return this.index + 1 < this.targets.length && this.user.mayContinue();
  }

  private next(why?: string): void {
    const prev = this.targets[this.index];
    this.index++;
    const target = this.targets[this.index] as LocatedTarget;
    if (why && prev)
      this.host.log.info(
        {
          event: 'sip.locate.failover',
          why,
          from: `${prev.transport}:${prev.address}:${prev.port}`,
          to: `${target.transport}:${target.address}:${target.port}`,
          attempt: this.index + 1,
          of: this.targets.length,
        },
        'trying the next target (RFC 3263 §4.3)',
      );
    const req = requestForAttempt(this.host, this.base, target.transport, this.index);
    this.responded = false;
    this.user.onAttempt(req, target, this.index);
    const mine = this.index;
    const live = (): boolean => mine === this.index;
    this.tx = this.host.txm.sendRequest(req, target, {
      onResponse: (res) => {
        if (!live()) return;
        if (res.status === 503) {
          const ra = /^\s*(\d+)/.exec(res.headers.get('retry-after') ?? '')?.[1];
          this.user.onTargetFailed?.(target, ra !== undefined ? Number(ra) : undefined);
        }
        if (res.status === 503 && this.hasMore()) {
          this.next('503');
          return;
        }
        this.responded = true;
        this.user.onResponse(res);
      },
      onTimeout: () => {
        if (!live()) return;
        if (!this.responded) this.user.onTargetFailed?.(target, undefined);
        if (!this.responded && this.hasMore()) this.next('timeout');
        else this.user.onTimeout();
      },
      onTransportError: () => {
        if (!live()) return;
        this.user.onTargetFailed?.(target, undefined);
        if (this.hasMore()) this.next('transport-error');
        else this.user.onTransportError();
      },
    });
  }
}
