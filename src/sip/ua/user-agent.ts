// The UA core (RFC 3261 §8, §12–§15): the transaction user on top of the transaction manager. It runs the
// §8.2 UAS checks, answers OPTIONS, matches CANCEL (§9.2), routes in-dialog requests to their call by
// dialog id (481 when there is none, 500 for an out-of-order CSeq), creates calls for new INVITEs and
// places outgoing calls. This is the API the interworking layer builds on (docs/sip-stack.md).
import type { Logger } from '../../log/logger.js';
import {
  checkRequestSemantics,
  checkResponseSemantics,
  createRequest,
  createResponse,
  createVia,
  generateCallId,
  generateTag,
  parseNameAddr,
  parseUri,
  type UasPolicy,
} from '../message/index.js';
import type { FromTo, NameAddr, SipRequest, SipResponse } from '../message/types.js';
import { realTimerService, type TimerService } from '../transaction/clock.js';
import { ServerTransaction, TransactionManager, type TransactionUser } from '../transaction/manager.js';
import { DEFAULT_BASE_TIMERS, type BaseTimers } from '../transaction/timers.js';
import { destinationForUri, viaHost } from '../transport/route.js';
import { NodeSipDns } from '../transport/dns.js';
import { ServerLocator } from '../transport/resolve.js';
import type { Destination, Flow, SipTransportApi, TransportName } from '../transport/types.js';
import { checkRemoteCSeq, keyOfIncomingRequest, keyOfIncomingResponse } from '../dialog/dialog.js';
import { Call, type CallHost } from './call.js';
import { classifyRequest } from './events.js';

/** Methods this UA implements (§8.2.1); Allow lists them. */
export const ALLOWED_METHODS = ['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'UPDATE'] as const;
/** Bodies understood (§8.2.3); Accept lists them. */
export const ACCEPTED_TYPES = ['application/sdp', 'multipart/mixed', 'application/isup'];

export interface UaTransport extends SipTransportApi {
  onMessage(h: (msg: SipRequest | SipResponse, flow: Flow) => void): void;
  readonly listeners: { transport: TransportName; address: string; port: number }[];
}

export interface UserAgentOptions {
  transport: UaTransport;
  log: Logger;
  clock?: TimerService;
  timers?: BaseTimers;
  /** User-Agent / Server header value. */
  product?: string;
  /** Option tags we support (Supported; a Require naming others gets 420). */
  supported?: string[];
  /** User part of our Contact. */
  contactUser?: string;
  /**
   * Called for each new incoming call; the handler answers, rejects or sends progress (synchronously or
   * later). Without a handler calls are refused with 480 (Temporarily Unavailable).
   */
  onIncomingCall?: (call: Call) => void;
  /** RFC 3263 server location for targets named by host name (default: system DNS servers). */
  locator?: ServerLocator;
}

export interface OutgoingCallOptions {
  /** Request-URI and To, e.g. "sip:+4930123@192.0.2.1:5060". */
  to: string;
  /** From URI (default sip:<contactUser>@<our address>). */
  from?: string;
  fromDisplayName?: string;
  /** SDP offer. */
  sdp?: string;
  headers?: ReadonlyArray<readonly [string, string]>;
  /** Next hop; default from the Request-URI (a host name is located by RFC 3263, numeric hosts as they are). */
  dest?: Destination;
}

export class UserAgent implements TransactionUser, CallHost {
  readonly txm: TransactionManager;
  readonly transport: UaTransport;
  readonly clock: TimerService;
  readonly base: BaseTimers;
  readonly log: Logger;
  private readonly dialogs = new Map<string, Call>();
  private readonly calls = new Set<Call>();
  /** §8.2.2.2 merged-request detection: From tag, Call-ID, CSeq of ongoing tag-less requests. */
  private readonly merged = new Map<string, ServerTransaction>();
  /** Incoming calls by their INVITE server transaction (CANCEL matching, §9.2). */
  private readonly byInvite = new WeakMap<ServerTransaction, Call>();
  private readonly policy: UasPolicy;
  private readonly capHeaders: [string, string][];
  onIncomingCall: ((call: Call) => void) | undefined;
  private locatorInUse: ServerLocator | undefined;
  readonly counters = {
    'sip.ua.calls_in': 0,
    'sip.ua.calls_out': 0,
    'sip.ua.rejected_checks': 0,
    'sip.ua.options': 0,
    'sip.ua.no_dialog': 0,
    'sip.ua.merged': 0,
  };

  constructor(private readonly o: UserAgentOptions) {
    this.transport = o.transport;
    this.log = o.log;
    this.clock = o.clock ?? realTimerService();
    this.base = o.timers ?? DEFAULT_BASE_TIMERS;
    this.onIncomingCall = o.onIncomingCall;
    this.txm = new TransactionManager({
      transport: o.transport,
      tu: this,
      clock: this.clock,
      log: o.log,
      timers: this.base,
    });
    this.policy = {
      allowedMethods: ALLOWED_METHODS,
      supported: o.supported ?? [],
      acceptTypes: ACCEPTED_TYPES,
      forwarding: false,
    };
    this.capHeaders = [
      ['Allow', ALLOWED_METHODS.join(', ')],
      ...((o.supported ?? []).length ? [['Supported', (o.supported ?? []).join(', ')] as [string, string]] : []),
      ['Server', o.product ?? 'Tandem'],
    ];
    o.transport.onMessage((msg, flow) => {
      if (msg.type === 'response') {
        const v = checkResponseSemantics(msg);
        if (v) {
          this.log.debug(
            { event: 'sip.ua.response_discarded', reason: v.action === 'discard' ? v.reason : v.reason },
            'response discarded',
          );
          return;
        }
      }
      this.txm.receive(msg, flow);
    });
  }

  get activeCalls(): number {
    return this.calls.size;
  }

  // ------------------------------------------------------------------ CallHost

  contact(transport: TransportName): NameAddr {
    const l = this.transport.listeners.find((x) => x.transport === transport) ?? this.transport.listeners[0];
    const params = new Map<string, string | null>();
    if (transport !== 'udp') params.set('transport', transport);
    return {
      displayName: undefined,
      uri: {
        kind: 'sip',
        scheme: transport === 'tls' ? 'sips' : 'sip',
        user: this.o.contactUser ?? 'tandem',
        password: undefined,
        host: viaHost(l?.address ?? '127.0.0.1'),
        port: l?.port,
        params,
        headers: [],
      },
      params: new Map(),
    };
  }

  capabilityHeaders(): [string, string][] {
    return this.capHeaders;
  }

  registerDialog(key: string, call: Call): void {
    this.dialogs.set(key, call);
    this.calls.add(call);
  }

  unregisterDialog(key: string): void {
    this.dialogs.delete(key);
  }

  callEnded(call: Call): void {
    this.calls.delete(call);
  }

  // ------------------------------------------------------------------ TransactionUser

  onRequest(req: SipRequest, stx: ServerTransaction): void {
    const verdict = checkRequestSemantics(req, this.policy);
    if (verdict) {
      if (verdict.action === 'reject') {
        this.counters['sip.ua.rejected_checks']++;
        this.log.debug(
          { event: 'sip.ua.rejected', check: verdict.check, status: verdict.status, method: req.method },
          'request refused by §8.2 checks',
        );
        stx.respond(createResponse(req, verdict.status, verdict.reason, { headers: verdict.headers }));
      }
      return;
    }
    // §16.3 item 2 as a gateway: an INVITE we would forward towards the PSTN with Max-Forwards 0.
    if (req.method === 'INVITE' && req.maxForwards === 0 && req.to.tag === undefined) {
      stx.respond(createResponse(req, 483));
      return;
    }
    if (req.to.tag === undefined) {
      // §8.2.2.2: "If the request has no tag in the To header field, the UAS core MUST check the request
      // against ongoing transactions. If the From tag, Call-ID, and CSeq exactly match those associated
      // with an ongoing transaction, but the request does not match that transaction ..., the UAS core
      // SHOULD generate a 482 (Loop Detected) response".
      if (req.method !== 'CANCEL') {
        const mk = `${req.callId}|${req.from.tag ?? ''}|${req.cseq.seq}|${req.cseq.method}`;
        const prev = this.merged.get(mk);
        if (prev && prev !== stx && prev.stateName !== 'Terminated') {
          this.counters['sip.ua.merged']++;
          stx.respond(createResponse(req, 482));
          return;
        }
        this.merged.set(mk, stx);
        this.clock.set(64 * this.base.T1, () => {
          if (this.merged.get(mk) === stx) this.merged.delete(mk);
        });
      }
      this.outOfDialog(req, stx);
      return;
    }
    this.inDialog(req, stx);
  }

  private outOfDialog(req: SipRequest, stx: ServerTransaction): void {
    switch (req.method) {
      case 'OPTIONS':
        this.counters['sip.ua.options']++;
        stx.respond(this.optionsResponse(req));
        return;
      case 'INVITE': {
        this.counters['sip.ua.calls_in']++;
        const call = Call.incoming(this, req, stx, generateTag());
        this.byInvite.set(stx, call);
        if (this.onIncomingCall) this.onIncomingCall(call);
        else call.reject(480);
        return;
      }
      case 'CANCEL': {
        // §9.2: "If the UAS did not find a matching transaction for the CANCEL according to the procedure
        // above, it SHOULD respond to the CANCEL with a 481 (Call Leg/Transaction Does Not Exist). If the
        // transaction for the original request still exists, the behavior of the UAS on receiving a
        // CANCEL request depends on whether it has already sent a final response ... the CANCEL request
        // itself [is answered] with a 200 (OK)".
        const inv = this.txm.findInviteForCancel(req);
        if (!inv) {
          stx.respond(createResponse(req, 481));
          return;
        }
        stx.respond(createResponse(req, 200));
        const call = this.byInvite.get(inv);
        if (call) call.onCancel();
        else if (!inv.answered || (inv.state.lastResponse?.status ?? 0) < 200)
          inv.respond(createResponse(inv.request, 487));
        return;
      }
      default:
        // BYE, UPDATE, ... outside a dialog.
        this.counters['sip.ua.no_dialog']++;
        stx.respond(createResponse(req, 481));
    }
  }

  private inDialog(req: SipRequest, stx: ServerTransaction): void {
    const key = keyOfIncomingRequest(req);
    const call = key !== undefined ? this.dialogs.get(key) : undefined;
    if (!call) {
      // §12.2.2: "If the UAS wishes to reject the request because it does not wish to recreate the dialog,
      // it MUST respond to the request with a 481 (Call/Transaction Does Not Exist) status code".
      this.counters['sip.ua.no_dialog']++;
      stx.respond(createResponse(req, 481));
      return;
    }
    const d = call.dialog;
    if (d && checkRemoteCSeq(d, req) === 'out-of-order') {
      stx.respond(createResponse(req, 500, 'Server Internal Error', { headers: [['Retry-After', '1']] }));
      return;
    }
    if (req.method === 'OPTIONS') {
      stx.respond(this.optionsResponse(req));
      return;
    }
    const input = classifyRequest(req);
    if (!input || input === 'SIP_RX_ACK' || input === 'SIP_RX_CANCEL') {
      stx.respond(createResponse(req, 501, undefined, { headers: [['Allow', ALLOWED_METHODS.join(', ')]] }));
      return;
    }
    call.onInDialogRequest(req, stx, input);
  }

  /** §11.2: OPTIONS answered with Allow, Accept, Accept-Encoding, Accept-Language and Supported. */
  private optionsResponse(req: SipRequest): SipResponse {
    return createResponse(req, 200, undefined, {
      headers: [
        ['Allow', ALLOWED_METHODS.join(', ')],
        ['Accept', 'application/sdp'],
        ['Accept-Encoding', 'identity'],
        ['Accept-Language', 'en'],
        ['Supported', (this.o.supported ?? []).join(', ')],
        ['Server', this.o.product ?? 'Tandem'],
      ],
      contact: { star: false, values: [this.contact('udp')] },
    });
  }

  onAck(ack: SipRequest): void {
    const key = keyOfIncomingRequest(ack);
    const call = key !== undefined ? this.dialogs.get(key) : undefined;
    if (call) call.onAck(ack);
    else this.log.debug({ event: 'sip.ua.stray_ack', callId: ack.callId }, 'ACK matches no dialog');
  }

  onStrayResponse(res: SipResponse): void {
    if (res.status >= 200 && res.status < 300 && res.cseq.method === 'INVITE') {
      const call = this.dialogs.get(keyOfIncomingResponse(res));
      if (call) {
        call.onStray2xx(res);
        return;
      }
    }
    this.log.debug(
      { event: 'sip.ua.stray_response', status: res.status, callId: res.callId },
      'response matches no transaction',
    );
  }

  // ------------------------------------------------------------------ UAC API

  /** Place a call: send an INVITE (§13.2.1) and return its Call. Throws TypeError on a bad URI or no route. */
  call(o: OutgoingCallOptions): Call {
    const target = parseUri(o.to);
    if (!target.ok) throw new TypeError(`bad target URI ${o.to}: ${target.error.reason}`);
    const dest = o.dest ?? destinationForUri(target.value);
    const uri = target.value;
    if (!dest && uri.kind !== 'sip')
      throw new TypeError(`no next hop for ${o.to} (a sip: or sips: URI or dest needed)`);
    // A host name: RFC 3263 picks the transport later; the INVITE starts with the one the URI implies.
    const tp = uri.kind === 'sip' ? uri.params.get('transport')?.toLowerCase() : undefined;
    const transport: TransportName =
      dest?.transport ??
      (uri.kind === 'sip' && (uri.scheme === 'sips' || tp === 'tls') ? 'tls' : tp === 'tcp' ? 'tcp' : 'udp');
    const me = this.contact(transport);
    let fromUri = me.uri;
    if (o.from) {
      const f = parseUri(o.from);
      if (!f.ok) throw new TypeError(`bad From URI ${o.from}: ${f.error.reason}`);
      fromUri = f.value;
    }
    const from: FromTo = { displayName: o.fromDisplayName, uri: fromUri, params: new Map(), tag: generateTag() };
    const toNa = parseNameAddr(`<${o.to}>`);
    const to: FromTo = {
      displayName: undefined,
      uri: toNa.ok ? toNa.value.uri : target.value,
      params: new Map(),
      tag: undefined,
    };
    const headers: [string, string][] = [
      ...this.capHeaders.filter(([n]) => n !== 'Server'),
      ['User-Agent', this.o.product ?? 'Tandem'],
    ];
    for (const [n, v] of o.headers ?? []) headers.push([n, v]);
    const invite = createRequest({
      method: 'INVITE',
      uri: target.value,
      from,
      to,
      callId: generateCallId(),
      cseq: { seq: 1, method: 'INVITE' },
      via: [createVia(transport, '0.0.0.0', undefined)],
      contact: { star: false, values: [me] },
      headers,
      ...(o.sdp !== undefined ? { body: Buffer.from(o.sdp), contentType: 'application/sdp' } : {}),
    });
    this.counters['sip.ua.calls_out']++;
    const call = dest
      ? Call.outgoing(this, invite, dest)
      : Call.outgoingLocated(this, invite, transport, this.locator.locate(uri), (t, ra) =>
          this.locator.reportFailure(t, ra),
        );
    this.calls.add(call);
    return call;
  }

  /** The RFC 3263 locator (created on first use with the system's DNS servers unless one was given). */
  get locator(): ServerLocator {
    this.locatorInUse ??= this.o.locator ?? new ServerLocator({ dns: new NodeSipDns() });
    return this.locatorInUse;
  }

  close(): void {
    this.txm.close();
    this.dialogs.clear();
    this.calls.clear();
    this.merged.clear();
  }
}
