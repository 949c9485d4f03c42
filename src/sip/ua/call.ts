// One call: the INVITE session usage of a dialog, UAC or UAS (RFC 3261 §13, §14, §15; RFC 3311 UPDATE).
// Messages and API calls are classified into CallInputName (events.ts) and checked against the table in
// call-fsm.ts before anything is done. SDP travels as strings; the offer/answer decisions belong to the
// application (an SdpNegotiator), which answers remote offers through `onOffer`. Offer/answer inside the
// confirmed dialog (re-INVITE, UPDATE, both directions) lives in dialog-offers.ts.
import type { Logger } from '../../log/logger.js';
import { createResponse } from '../message/index.js';
import { parseNameAddr } from '../message/name-addr.js';
import type { SipRequest, SipResponse } from '../message/types.js';
import type { ClientTransaction, ServerTransaction } from '../transaction/manager.js';
import type { TimerHandle } from '../transaction/clock.js';
import { destinationForUri } from '../transport/route.js';
import type { Destination, TransportName } from '../transport/types.js';
import type { LocateResult } from '../transport/resolve.js';
import { UacFailover } from './uac-failover.js';
import {
  confirmUacDialog,
  createInDialogRequest,
  createUacDialog,
  createUasDialog,
  keyOf,
  refreshTarget,
  type Dialog,
} from '../dialog/dialog.js';
import { inputPermitted, transitionPermitted, type CallState } from './call-fsm.js';
import {
  classifyInviteResponse,
  formatReason,
  type CallEvent,
  type CallInputName,
  type ReasonValue,
  type TerminationCause,
} from './events.js';
import type { OfferResult } from './offer.js';
import { DialogOffers } from './dialog-offers.js';
import { TwoXxRetransmitter } from './retransmit-2xx.js';
import { cancelFor } from './cancel.js';
import {
  sdpOf,
  SDP_TYPE as SDP,
  type CallHost,
  type OfferHandler,
  type RejectOptions,
  type ResponseExtras,
} from './call-types.js';

export {
  sdpOf,
  SDP_TYPE,
  type CallHost,
  type OfferAnswer,
  type OfferHandler,
  type ResponseExtras,
  type RejectOptions,
} from './call-types.js';

export class Call {
  state: CallState;
  readonly callId: string;
  readonly log: Logger;
  /** The application's offer handler for re-INVITE and UPDATE; default: refuse with 488. */
  onOffer: OfferHandler | undefined;
  private readonly listeners: ((e: CallEvent) => void)[] = [];
  /** The confirmed (or, UAS side, the one early) dialog. */
  dialog: Dialog | undefined;
  /** UAC: early dialogs by remote tag (forking, §13.2.2.4). */
  private readonly early = new Map<string, Dialog>();
  /** UAC: ACK sent for the 2xx of each remote tag (resent on a 2xx retransmission). */
  private readonly acks = new Map<string, SipRequest>();
  private pending2xx: TwoXxRetransmitter | undefined;
  private readonly offers: DialogOffers;
  private cancelWanted = false;
  private byeDeferred = false;
  private provisionalSeen = false;
  private cancelTx: ClientTransaction | undefined;
  private expiresTimer: TimerHandle | undefined;
  localSdp: string | undefined;
  remoteSdp: string | undefined;

  private constructor(
    private readonly host: CallHost,
    readonly role: 'uac' | 'uas',
    /** The INVITE; UAC with RFC 3263 failover: the one of the current attempt (uac-failover.ts). */
    public invite: SipRequest,
    public transport: TransportName,
    private uacDest: Destination | undefined,
    private readonly stx: ServerTransaction | undefined,
    readonly localTag: string,
  ) {
    this.state = role === 'uac' ? 'Outgoing' : 'Incoming';
    this.callId = invite.callId;
    this.log = host.log.child({ callId: invite.callId, role });
    this.offers = new DialogOffers({
      host,
      callIdOwner: role === 'uac',
      transport: () => this.transport,
      dialog: () => this.dialog,
      destOf: (d) => this.destOf(d),
      canRetry: () => this.state === 'Confirmed',
      awaitingAck: () => this.pending2xx !== undefined,
      offerHandler: () => this.onOffer,
      localSdp: () => this.localSdp,
      setLocalSdp: (sdp) => {
        this.localSdp = sdp;
      },
      setRemoteSdp: (sdp) => {
        this.remoteSdp = sdp;
      },
      start2xx: (res, stx, cseq) => this.start2xx(res, stx, cseq),
      emit: (e) => this.emit(e),
      sendBye: () => this.sendBye(),
      end: (cause, status) => this.end(cause, status),
    });
  }

  /** UAS: a call for an incoming dialog-creating INVITE. */
  static incoming(host: CallHost, invite: SipRequest, stx: ServerTransaction, localTag: string): Call {
    const c = new Call(host, 'uas', invite, stx.flow.transport, undefined, stx, localTag);
    c.remoteSdp = sdpOf(invite);
    c.dialog = createUasDialog(invite, localTag, true);
    host.registerDialog(keyOf(c.dialog), c);
    // §13.3.1: "If the INVITE request contained an Expires header field and the request has not been
    // answered before it expires, the UAS ... SHOULD generate a 487 (Request Terminated) response".
    const expires = Number(invite.headers.get('expires'));
    if (Number.isInteger(expires) && expires >= 0) {
      c.expiresTimer = host.clock.set(expires * 1000, () => {
        c.expiresTimer = undefined;
        c.input('INVITE_EXPIRED', () => {
          c.respond(487);
          c.end('expired', 487);
        });
      });
    }
    return c;
  }

  /** UAC: send the INVITE to a known next hop (numeric host or `dest`) and return the call (§13.2.1). */
  static outgoing(host: CallHost, invite: SipRequest, dest: Destination): Call {
    const c = new Call(host, 'uac', invite, dest.transport, dest, undefined, invite.from.tag ?? '');
    c.localSdp = sdpOf(invite);
    c.startLocated({ ok: true, targets: [{ ...dest, hostName: undefined }] });
    return c;
  }

  /**
   * UAC towards a host name: the INVITE goes out once RFC 3263 located the targets (`located`), and is
   * retried on the next target on a transport error, a timeout without response or a 503 (§4.3). When
   * nothing is found the call fails as on a transport error (503, with the reason in `detail`).
   */
  static outgoingLocated(
    host: CallHost,
    invite: SipRequest,
    transport: TransportName,
    located: Promise<LocateResult>,
    onTargetFailed?: (target: Destination, retryAfterSeconds: number | undefined) => void,
  ): Call {
    const c = new Call(host, 'uac', invite, transport, undefined, undefined, invite.from.tag ?? '');
    c.localSdp = sdpOf(invite);
    located.then(
      (r) => c.startLocated(r, onTargetFailed),
      (err: unknown) => c.startLocated({ ok: false, error: 'dns-failure', reason: String(err) }),
    );
    return c;
  }

  private startLocated(
    r: LocateResult,
    onTargetFailed?: (target: Destination, retryAfterSeconds: number | undefined) => void,
  ): void {
    if (this.state !== 'Outgoing') {
      // Hung up before anything was sent: nothing to CANCEL (§9.1 needs a sent INVITE).
      if (this.state === 'Terminating') this.end('cancelled');
      return;
    }
    if (!r.ok || r.targets.length === 0) {
      const detail = r.ok ? 'no targets' : r.reason;
      this.log.info({ event: 'sip.locate.failed', error: r.ok ? 'no-records' : r.error, detail }, 'no server found');
      this.input('TX_TRANSPORT_ERROR', () =>
        this.fail(503, 'Service Unavailable', undefined, 'transport-error', detail),
      );
      return;
    }
    new UacFailover(this.host, this.invite, r.targets, {
      onAttempt: (req, target) => {
        this.invite = req;
        this.uacDest = target;
        this.transport = target.transport;
      },
      onResponse: (res) => this.onInviteResponse(res),
      onTimeout: () => this.input('TX_TIMEOUT', () => this.fail(408, 'Request Timeout', undefined, 'timeout')),
      onTransportError: () =>
        this.input('TX_TRANSPORT_ERROR', () => this.fail(503, 'Service Unavailable', undefined, 'transport-error')),
      mayContinue: () => !this.cancelWanted && this.state !== 'Terminated',
      ...(onTargetFailed ? { onTargetFailed } : {}),
    }).start();
  }

  on(listener: (e: CallEvent) => void): this {
    this.listeners.push(listener);
    return this;
  }

  private emit(e: CallEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.log.error(
          { event: 'sip.call.listener_error', err: err instanceof Error ? err.message : String(err) },
          'call listener threw',
        );
      }
    }
  }

  /** Runs `fn` if the table permits `input` in the current state; logs otherwise. Returns whether it ran. */
  private input(input: CallInputName, fn: () => void): boolean {
    if (!inputPermitted(this.state, input)) {
      this.log.info(
        { event: 'sip.call.not_permitted', input, state: this.state },
        `event ${input} not permitted in state ${this.state}`,
      );
      return false;
    }
    fn();
    return true;
  }

  private goto(to: CallState): void {
    if (!transitionPermitted(this.state, to)) {
      this.log.error(
        { event: 'sip.call.bad_transition', from: this.state, to },
        `transition ${this.state} -> ${to} not in the call table`,
      );
      return;
    }
    if (this.state === to) return;
    this.log.debug({ event: 'sip.call.state', from: this.state, to }, 'call state');
    this.state = to;
  }

  private end(cause: TerminationCause, status?: number): void {
    if (this.state === 'Terminated') return;
    this.goto('Terminated');
    this.stop2xx();
    if (this.expiresTimer) this.host.clock.clear(this.expiresTimer);
    this.emit({ type: 'terminated', cause, status });
    // Keep the dialog registered for a while so late ACKs, BYE retransmissions and 2xx retransmissions
    // still find it (64*T1, like Timers L and M).
    this.host.clock.set(64 * this.host.base.T1, () => {
      if (this.dialog) this.host.unregisterDialog(keyOf(this.dialog));
      for (const d of this.early.values()) this.host.unregisterDialog(keyOf(d));
      this.host.callEnded(this);
    });
  }

  private fail(
    status: number,
    reasonPhrase: string,
    res: SipResponse | undefined,
    cause: TerminationCause,
    detail?: string,
  ): void {
    this.emit({
      type: 'failed',
      status,
      reasonPhrase,
      reason: res?.headers.get('reason'),
      response: res,
      ...(detail !== undefined ? { detail } : {}),
    });
    this.end(cause, status);
  }

  // ------------------------------------------------------------------ destinations

  /** Next hop of an in-dialog request: first Route, else the remote target (§12.2.1.1, §8.1.2). */
  private destOf(d: Dialog): Destination | undefined {
    const first = d.routeSet[0];
    let uri = d.remoteTarget;
    if (first !== undefined) {
      const na = parseNameAddr(first);
      if (na.ok) uri = na.value.uri;
    }
    const dest = destinationForUri(uri);
    if (!dest)
      return (
        this.uacDest ??
        (this.stx
          ? { transport: this.transport, address: this.stx.flow.remoteAddress, port: this.stx.flow.remotePort }
          : undefined)
      );
    const explicit = uri.kind === 'sip' && (uri.params.has('transport') || uri.scheme === 'sips');
    return explicit ? dest : { ...dest, transport: this.transport };
  }

  // ------------------------------------------------------------------ UAS API

  private respond(status: number, o: ResponseExtras & RejectOptions = {}): SipResponse {
    const stx = this.stx as ServerTransaction;
    const headers: [string, string][] = [];
    const dialogCreating = status > 100 && status < 300;
    if (dialogCreating) headers.push(...this.host.capabilityHeaders());
    if (o.reason) headers.push(['Reason', formatReason(o.reason)]);
    for (const [n, v] of o.headers ?? []) headers.push([n, v]);
    const res = createResponse(this.invite, status, o.reasonPhrase, {
      toTag: this.localTag,
      headers,
      ...(o.sdp !== undefined ? { body: Buffer.from(o.sdp), contentType: SDP } : {}),
      ...(dialogCreating
        ? { contact: { star: false as const, values: [this.host.contact(this.transport)] }, copyRecordRoute: true }
        : {}),
    });
    stx.respond(res);
    if (status >= 200 && this.expiresTimer) {
      this.host.clock.clear(this.expiresTimer);
      this.expiresTimer = undefined;
    }
    return res;
  }

  /** UAS: send a provisional response (180, 183), with SDP for early media (§13.3.1.1). */
  progress(status = 180, o: ResponseExtras = {}): void {
    this.input('TU_PROGRESS', () => {
      if (o.sdp !== undefined) this.localSdp = o.sdp;
      this.respond(status, o);
      this.goto('Early');
    });
  }

  /** UAS: answer with 200 OK (§13.3.1.4); the 2xx is retransmitted until the ACK arrives. */
  answer(o: ResponseExtras = {}): void {
    this.input('TU_ANSWER', () => {
      if (o.sdp !== undefined) this.localSdp = o.sdp;
      const res = this.respond(200, o);
      if (this.dialog) this.dialog.state = 'confirmed';
      this.goto('WaitAck');
      this.start2xx(res, this.stx as ServerTransaction, this.invite.cseq.seq);
    });
  }

  /** UAS: refuse the call with a final error response (§13.3.1.3). */
  reject(status: number, o: RejectOptions = {}): void {
    this.input('TU_REJECT', () => {
      this.respond(status, o);
      this.end('rejected', status);
    });
  }

  // ------------------------------------------------------------------ 2xx retransmission (§13.3.1.4)

  private start2xx(res: SipResponse, stx: ServerTransaction, cseq: number): void {
    this.stop2xx();
    this.pending2xx = new TwoXxRetransmitter(this.host.clock, this.host.base, res, stx, cseq, () => {
      this.pending2xx = undefined;
      this.input('NO_ACK_TIMEOUT', () => {
        this.log.info({ event: 'sip.call.no_ack', cseq }, 'no ACK for 2xx within 64*T1: ending the session with BYE');
        this.sendBye();
        this.end('no-ack');
      });
    });
  }

  private stop2xx(): void {
    this.pending2xx?.stop();
    this.pending2xx = undefined;
  }

  /** An ACK for a 2xx (routed here by the UA through the dialog id). */
  onAck(ack: SipRequest): void {
    this.input('SIP_RX_ACK', () => {
      const p = this.pending2xx;
      if (!p || ack.cseq.seq !== p.cseq) return; // a retransmitted ACK
      this.stop2xx();
      if (this.state === 'WaitAck') {
        this.goto('Confirmed');
        const sdp = sdpOf(ack);
        if (sdp !== undefined) this.remoteSdp = sdp;
        this.emit({ type: 'confirmed', sdp });
        if (this.byeDeferred) this.hangup();
      }
    });
  }

  // ------------------------------------------------------------------ UAC side

  private onInviteResponse(res: SipResponse): void {
    const kind = classifyInviteResponse(res);
    this.input(kind, () => {
      if (kind === 'SIP_RX_1XX') this.on1xx(res);
      else if (kind === 'SIP_RX_2XX') this.on2xx(res);
      else this.onFailure(res);
    });
  }

  private on1xx(res: SipResponse): void {
    this.provisionalSeen = true;
    if (this.cancelWanted && !this.cancelTx) this.sendCancel();
    if (res.status === 100) return;
    const tag = res.to.tag;
    if (tag !== undefined && !this.early.has(tag) && this.state !== 'Terminating') {
      // §12.1.2: a provisional response with a To tag creates an early dialog; forking can create several.
      const d = createUacDialog(this.invite, res);
      this.early.set(tag, d);
      this.host.registerDialog(keyOf(d), this);
    } else if (tag !== undefined) {
      const d = this.early.get(tag);
      if (d) refreshTarget(d, res);
    }
    const sdp = sdpOf(res);
    if (sdp !== undefined) this.remoteSdp = sdp;
    if (this.state === 'Outgoing') this.goto('Early');
    this.emit({ type: 'progress', status: res.status, sdp, response: res });
  }

  private on2xx(res: SipResponse): void {
    const tag = res.to.tag ?? '';
    const known = this.acks.get(tag);
    if (known) {
      // A retransmitted 2xx: §13.2.2.4 "The UAC core MUST ... pass the ACK to the transport ... for each
      // 2xx retransmission".
      const d = this.dialogByTag(tag);
      const dest = d ? this.destOf(d) : this.uacDest;
      if (dest) this.host.transport.sendRequest(known, dest);
      return;
    }
    let d = this.early.get(tag);
    if (d) confirmUacDialog(d, res);
    else {
      d = createUacDialog(this.invite, res);
      this.early.set(tag, d);
      this.host.registerDialog(keyOf(d), this);
    }
    // §13.2.2.4: "The UAC core MUST generate an ACK request for each 2xx received from the transaction
    // layer. ... The CSeq header field's sequence number MUST be the same as the INVITE being acknowledged".
    const ack = createInDialogRequest(d, 'ACK', { cseq: this.invite.cseq.seq });
    this.acks.set(tag, ack);
    const dest = this.destOf(d);
    if (dest) this.host.transport.sendRequest(ack, dest);
    if (this.dialog || this.state === 'Terminating' || this.state === 'Terminated' || this.cancelWanted) {
      // A second 2xx from another fork, or a 2xx crossing our CANCEL: "the UAC core ... MUST terminate the
      // dialog by sending a BYE request after ACK" (§13.2.2.4, §15).
      this.sendByeOn(d);
      if (this.state === 'Terminating' && !this.dialog) this.end('cancelled');
      return;
    }
    this.dialog = d;
    const sdp = sdpOf(res);
    if (sdp !== undefined) this.remoteSdp = sdp;
    this.goto('Confirmed');
    this.emit({ type: 'answered', sdp, response: res });
  }

  private dialogByTag(tag: string): Dialog | undefined {
    return this.dialog?.remoteTag === tag ? this.dialog : this.early.get(tag);
  }

  private onFailure(res: SipResponse): void {
    for (const d of this.early.values()) d.state = 'terminated';
    if (this.state === 'Terminating' && res.status === 487) {
      this.end('cancelled', 487);
      return;
    }
    this.fail(res.status, res.reason, res, 'failed');
  }

  /** A 2xx to our INVITE after the transaction ended (Timer M passed): resend the ACK. */
  onStray2xx(res: SipResponse): void {
    if (res.cseq.method !== 'INVITE') return;
    if (this.role === 'uac' && res.cseq.seq === this.invite.cseq.seq) this.on2xx(res);
  }

  // ------------------------------------------------------------------ CANCEL (§9.1)

  private sendCancel(): void {
    this.cancelTx = this.host.txm.sendRequest(cancelFor(this.invite), this.uacDest as Destination, {
      onResponse: () => undefined,
      onTimeout: () => this.end('cancelled'),
    });
  }

  // ------------------------------------------------------------------ hangup, BYE

  /**
   * End the call whatever its state: CANCEL an outgoing call (§9.1; sent once a provisional response has
   * arrived), reject an incoming one (480 by default), BYE a confirmed one (§15). A UAS that has sent a
   * 2xx waits for the ACK before its BYE (§15: "MUST NOT send a BYE on a confirmed dialog until it has
   * received an ACK for its 2xx response or until the server transaction times out").
   */
  hangup(o: RejectOptions & { status?: number } = {}): void {
    this.input('TU_HANGUP', () => {
      switch (this.state) {
        case 'Outgoing':
        case 'Early':
          if (this.role === 'uas') {
            this.respond(o.status ?? 480, o);
            this.end('rejected', o.status ?? 480);
            return;
          }
          this.cancelWanted = true;
          if (this.provisionalSeen) this.sendCancel();
          this.goto('Terminating');
          return;
        case 'Incoming':
          this.respond(o.status ?? 480, o);
          this.end('rejected', o.status ?? 480);
          return;
        case 'WaitAck':
          this.byeDeferred = true;
          return;
        case 'Confirmed':
          this.sendBye(o.reason);
          this.end('local-bye');
          return;
        case 'Terminating':
        case 'Terminated':
          return;
      }
    });
  }

  private sendBye(reason?: ReasonValue): void {
    if (this.dialog) this.sendByeOn(this.dialog, reason);
  }

  private sendByeOn(d: Dialog, reason?: ReasonValue): void {
    const bye = createInDialogRequest(d, 'BYE', { headers: reason ? [['Reason', formatReason(reason)]] : [] });
    const dest = this.destOf(d);
    if (!dest) return;
    this.host.txm.sendRequest(bye, dest, { onResponse: () => undefined });
  }

  // ------------------------------------------------------------------ in-dialog requests from the peer

  /** A request within this call's dialog (the UA checked the dialog and CSeq, §12.2.2). */
  onInDialogRequest(req: SipRequest, stx: ServerTransaction, input: CallInputName): void {
    const ok = this.input(input, () => {
      switch (input) {
        case 'SIP_RX_BYE':
          this.onBye(req, stx);
          return;
        case 'SIP_RX_REINVITE':
        case 'SIP_RX_UPDATE':
          this.offers.onRequest(req, stx, input === 'SIP_RX_REINVITE' ? 'INVITE' : 'UPDATE');
          return;
        default:
          stx.respond(createResponse(req, 500, 'Server Internal Error'));
      }
    });
    if (!ok) {
      // Not permitted now: BYE after the end still gets 200 (§15.1.2 retransmission) — others 481/500.
      if (input === 'SIP_RX_BYE' && this.state === 'Terminated') stx.respond(createResponse(req, 200));
      else if (input === 'SIP_RX_REINVITE' || input === 'SIP_RX_UPDATE')
        stx.respond(createResponse(req, 500, 'Server Internal Error', { headers: [['Retry-After', '1']] }));
      else stx.respond(createResponse(req, 481));
    }
  }

  private onBye(req: SipRequest, stx: ServerTransaction): void {
    // §15.1.2: "the UAS core ... SHOULD terminate the session (and therefore stop sending and listening
    // for media)" and "generate a 2xx response to the BYE". A BYE in an early dialog: the INVITE gets 487.
    stx.respond(createResponse(req, 200));
    if (this.role === 'uas' && (this.state === 'Incoming' || this.state === 'Early')) this.respond(487);
    this.end('remote-bye');
  }

  /** CANCEL matched our INVITE server transaction (§9.2); the UA already answered the CANCEL with 200. */
  onCancel(): void {
    this.input('SIP_RX_CANCEL', () => {
      // §9.2: "the UAS ... SHOULD respond to the INVITE with a 487 (Request Terminated)" if no final yet.
      if (this.state === 'Incoming' || this.state === 'Early') {
        this.respond(487);
        this.end('cancelled', 487);
      }
    });
  }

  // ------------------------------------------------------------------ offers from us (§14.1, RFC 3311)

  /** Send a re-INVITE with a new offer (hold: a=sendonly; resume: a=sendrecv). Resolves with the final status. */
  reinvite(sdp: string): Promise<OfferResult> {
    return this.offer('TU_REINVITE', 'INVITE', sdp);
  }

  /** Send an UPDATE with a new offer (RFC 3311), in a confirmed dialog. Resolves with the final status. */
  update(sdp: string): Promise<OfferResult> {
    return this.offer('TU_UPDATE', 'UPDATE', sdp);
  }

  private offer(input: 'TU_REINVITE' | 'TU_UPDATE', method: 'INVITE' | 'UPDATE', sdp: string): Promise<OfferResult> {
    return new Promise((resolve) => {
      const ran = this.input(input, () => this.offers.send(method, sdp, resolve));
      if (!ran) resolve({ status: 481, sdp: undefined });
    });
  }
}
