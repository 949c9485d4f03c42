// An offer we send inside a dialog: re-INVITE (RFC 3261 §14.1) or UPDATE (RFC 3311 §5.1), with the ACK for
// a 2xx to a re-INVITE (§13.2.2.4), the single retry after 491 (§14.1) and the dialog-ending answers 481
// and 408 (§12.2.1.2).
import type { SipResponse } from '../message/types.js';
import type { ClientTransaction } from '../transaction/manager.js';
import { createInDialogRequest, refreshTarget, type Dialog } from '../dialog/dialog.js';
import type { Destination, TransportName } from '../transport/types.js';
import type { CallHost } from './call.js';
import { glareDelay } from './timers.js';

export interface OfferResult {
  status: number;
  sdp: string | undefined;
}

/** What a LocalOffer needs from its call. */
export interface OfferContext {
  readonly host: CallHost;
  readonly transport: TransportName;
  /** This UA chose the Call-ID (the UAC of the dialog): the longer §14.1 back-off. */
  readonly callIdOwner: boolean;
  dialog(): Dialog | undefined;
  destOf(d: Dialog): Destination | undefined;
  /** May the offer be retried now (the dialog is still up)? */
  canRetry(): boolean;
  sdpOf(res: SipResponse): string | undefined;
  /** The offer was accepted: update the session and tell the application. */
  accepted(method: 'INVITE' | 'UPDATE', offer: string, answer: string | undefined): void;
  /** 481 / 408 / timeout: the dialog is gone (§12.2.1.2). */
  dialogGone(status: number, sendBye: boolean): void;
}

export class LocalOffer {
  private ctx: ClientTransaction | undefined;
  private retried = false;
  private done = false;

  constructor(
    private readonly c: OfferContext,
    readonly method: 'INVITE' | 'UPDATE',
    readonly sdp: string,
    private readonly resolve: (r: OfferResult) => void,
  ) {}

  /** The offer is out and no final response has come back (glare window, §14.2, RFC 3311 §5.2). */
  get inProgress(): boolean {
    return !this.done;
  }

  private finish(r: OfferResult): void {
    if (this.done) return;
    this.done = true;
    this.resolve(r);
  }

  send(): void {
    const d = this.c.dialog();
    const dest = d ? this.c.destOf(d) : undefined;
    if (!d || !dest) {
      this.finish({ status: 503, sdp: undefined });
      return;
    }
    const req = createInDialogRequest(d, this.method, {
      body: Buffer.from(this.sdp),
      contentType: 'application/sdp',
      contact: this.c.host.contact(this.c.transport),
      headers: this.c.host.capabilityHeaders(),
    });
    this.ctx = this.c.host.txm.sendRequest(req, dest, {
      onResponse: (res) => {
        if (res.status < 200) return;
        if (res.status < 300) {
          if (this.method === 'INVITE') {
            // §13.2.2.4: an ACK for every 2xx, retransmissions included.
            this.c.host.transport.sendRequest(createInDialogRequest(d, 'ACK', { cseq: req.cseq.seq }), dest);
          }
          if (this.done) return;
          refreshTarget(d, res);
          const answer = this.c.sdpOf(res);
          this.c.accepted(this.method, this.sdp, answer);
          this.finish({ status: res.status, sdp: answer });
          return;
        }
        if (res.status === 491 && !this.retried) {
          // §14.1: "If a UAC receives a 491 response to a re-INVITE, it SHOULD start a timer with a value T
          // ... When the timer fires, the UAC SHOULD attempt the re-INVITE once more, if it still desires
          // for that session modification to take place." (RFC 3311 §5.1 applies the same to UPDATE.)
          this.retried = true;
          this.c.host.clock.set(glareDelay(this.c.callIdOwner), () => {
            if (this.c.canRetry()) this.send();
            else this.finish({ status: 491, sdp: undefined });
          });
          return;
        }
        // §14.1: "If a UA receives a non-2xx final response to a re-INVITE, the session parameters MUST
        // remain unchanged, as if no re-INVITE had been issued."
        this.finish({ status: res.status, sdp: undefined });
        if (res.status === 481 || res.status === 408) this.c.dialogGone(res.status, false);
      },
      onTimeout: () => {
        this.finish({ status: 408, sdp: undefined });
        this.c.dialogGone(408, true);
      },
      onTransportError: () => this.finish({ status: 503, sdp: undefined }),
    });
  }

  get transaction(): ClientTransaction | undefined {
    return this.ctx;
  }
}
