// Offer/answer inside a confirmed dialog for one call (call.ts): remote offers in re-INVITE (RFC 3261 §14.2)
// and UPDATE (RFC 3311 §5.2) answered through the application's OfferHandler, and our own offers sent as a
// LocalOffer (offer.ts, §14.1, RFC 3311 §5.1), with the glare rules between the two directions.
import { createResponse } from '../message/index.js';
import type { SipRequest, SipResponse } from '../message/types.js';
import type { ServerTransaction } from '../transaction/manager.js';
import { refreshTarget, type Dialog } from '../dialog/dialog.js';
import type { Destination, TransportName } from '../transport/types.js';
import type { CallEvent, TerminationCause } from './events.js';
import { LocalOffer, type OfferContext, type OfferResult } from './offer.js';
import { sdpOf, SDP_TYPE as SDP, type CallHost, type OfferAnswer, type OfferHandler } from './call-types.js';

export type OfferMethod = 'INVITE' | 'UPDATE';

/** What the in-dialog offer/answer needs from its call. */
export interface DialogOffersContext {
  readonly host: CallHost;
  /** This UA chose the Call-ID (the UAC of the dialog): the longer §14.1 back-off. */
  readonly callIdOwner: boolean;
  transport(): TransportName;
  dialog(): Dialog | undefined;
  destOf(d: Dialog): Destination | undefined;
  /** May a local offer be retried now (the dialog is still up)? */
  canRetry(): boolean;
  /** A 2xx of ours to an INVITE still waits for its ACK (§13.3.1.4). */
  awaitingAck(): boolean;
  offerHandler(): OfferHandler | undefined;
  localSdp(): string | undefined;
  setLocalSdp(sdp: string): void;
  setRemoteSdp(sdp: string): void;
  /** Retransmit our 2xx to a re-INVITE until its ACK arrives (§13.3.1.4). */
  start2xx(res: SipResponse, stx: ServerTransaction, cseq: number): void;
  emit(e: CallEvent): void;
  sendBye(): void;
  end(cause: TerminationCause, status?: number): void;
}

export class DialogOffers {
  private outOffer: LocalOffer | undefined;
  private inReinvite: ServerTransaction | undefined;

  constructor(private readonly c: DialogOffersContext) {}

  /** A re-INVITE or UPDATE with (or without) an offer from the peer; the call's table permitted it. */
  onRequest(req: SipRequest, stx: ServerTransaction, method: OfferMethod): void {
    if (method === 'INVITE') {
      // §14.2: "A UAS that receives a second INVITE before it sends the final response to a first INVITE
      // with a lower CSeq sequence number on the same dialog MUST return a 500 (Server Internal Error)
      // response to the second INVITE and MUST include a Retry-After header field with a randomly chosen
      // value of between 0 and 10 seconds." ... "A UAS that receives an INVITE on a dialog while an
      // INVITE it had sent on that dialog is in progress MUST return a 491 (Request Pending)".
      if (this.inReinvite && !this.inReinvite.answered) {
        stx.respond(
          createResponse(req, 500, 'Server Internal Error', {
            headers: [['Retry-After', String(Math.floor(Math.random() * 11))]],
          }),
        );
        return;
      }
      if (this.c.awaitingAck()) {
        stx.respond(
          createResponse(req, 500, 'Server Internal Error', {
            headers: [['Retry-After', String(1 + Math.floor(Math.random() * 10))]],
          }),
        );
        return;
      }
    }
    // §14.2: "A UAS that receives an INVITE on a dialog while an INVITE it had sent on that dialog is in
    // progress MUST return a 491 (Request Pending)"; RFC 3311 §5.2: "If an UPDATE is received that contains
    // an offer, and the UAS has generated an offer ... to which it has not yet received an answer, the UAS
    // MUST reject the UPDATE with a 491".
    if (this.outOffer?.inProgress) {
      stx.respond(createResponse(req, 491));
      return;
    }
    const offer = sdpOf(req);
    if (offer === undefined) {
      // Offerless re-INVITE/UPDATE: offer our current SDP again (RFC 3264 §8).
      const current = this.c.localSdp();
      this.answer(req, stx, method, current ?? '', current);
      return;
    }
    const handler = this.c.offerHandler();
    const ans = handler ? handler(offer, method) : ({ reject: 488 } as OfferAnswer);
    if ('reject' in ans) {
      stx.respond(
        createResponse(req, ans.reject, undefined, {
          headers: ans.reject === 488 ? [['Warning', '304 tandem "Media type not available"']] : [],
        }),
      );
      return;
    }
    this.c.setRemoteSdp(offer);
    this.answer(req, stx, method, offer, ans.sdp);
  }

  private answer(
    req: SipRequest,
    stx: ServerTransaction,
    method: OfferMethod,
    offer: string,
    answer: string | undefined,
  ): void {
    const d = this.c.dialog();
    if (d) refreshTarget(d, req);
    if (answer !== undefined) this.c.setLocalSdp(answer);
    const res = createResponse(req, 200, undefined, {
      headers: this.c.host.capabilityHeaders(),
      contact: { star: false, values: [this.c.host.contact(this.c.transport())] },
      ...(answer !== undefined ? { body: Buffer.from(answer), contentType: SDP } : {}),
    });
    stx.respond(res);
    if (method === 'INVITE') {
      this.inReinvite = stx;
      this.c.start2xx(res, stx, req.cseq.seq);
    }
    this.c.emit({ type: 'renegotiated', by: 'remote', method, offer, answer: answer ?? '' });
  }

  /** Send our offer in a re-INVITE or UPDATE; the call's table permitted it. Resolves with the final status. */
  send(method: OfferMethod, sdp: string, resolve: (r: OfferResult) => void): void {
    // §14.1: "a UAC MUST NOT initiate a new INVITE transaction within a dialog while another INVITE
    // transaction is in progress in either direction"; RFC 3311 §5.1 likewise for offers in UPDATE.
    if (this.outOffer?.inProgress || this.c.awaitingAck() || (this.inReinvite && !this.inReinvite.answered)) {
      resolve({ status: 491, sdp: undefined });
      return;
    }
    const ctx: OfferContext = {
      host: this.c.host,
      transport: this.c.transport(),
      callIdOwner: this.c.callIdOwner,
      dialog: () => this.c.dialog(),
      destOf: (d) => this.c.destOf(d),
      canRetry: () => this.c.canRetry(),
      sdpOf,
      accepted: (m, offer, answer) => {
        this.c.setLocalSdp(offer);
        if (answer !== undefined) this.c.setRemoteSdp(answer);
        this.c.emit({ type: 'renegotiated', by: 'local', method: m, offer, answer: answer ?? '' });
      },
      dialogGone: (status, bye) => {
        if (bye) this.c.sendBye();
        this.c.end(status === 408 ? 'timeout' : 'failed', status);
      },
    };
    this.outOffer = new LocalOffer(ctx, method, sdp, resolve);
    this.outOffer.send();
  }
}
