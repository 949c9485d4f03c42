// The transaction manager: drives the pure §17 machines with a timer service and the transport layer,
// matches incoming messages to transactions (matching.ts) and hands requests, ACKs for 2xx and stray
// responses to the transaction user (the UA core).
import type { Logger } from '../../log/logger.js';
import { createResponse } from '../message/index.js';
import type { SipMessage, SipRequest, SipResponse } from '../message/types.js';
import { isReliable, type Destination, type Flow, type SipTransportApi } from '../transport/types.js';
import { ackForNon2xx } from './ack.js';
import type { TimerHandle, TimerService } from './clock.js';
import { initialState } from './fsm.js';
import { inviteClientStep } from './invite-client.js';
import { inviteServerStep } from './invite-server.js';
import { cancelTargetKey, clientKeyOfRequest, clientKeyOfResponse, serverKey } from './matching.js';
import { nonInviteClientStep } from './non-invite-client.js';
import { nonInviteServerStep } from './non-invite-server.js';
import { DEFAULT_BASE_TIMERS, deriveTimers, type BaseTimers, type TimerName, type TimerValues } from './timers.js';
import type { TxEffect, TxEvent, TxKind, TxState, TxStateName, TxStep } from './types.js';

const STEP: Record<TxKind, (s: TxState<SipResponse>, e: TxEvent<SipResponse>) => TxStep<SipResponse>> = {
  ict: inviteClientStep,
  nict: nonInviteClientStep,
  ist: inviteServerStep,
  nist: nonInviteServerStep,
};

/** Callbacks of the user of one client transaction. */
export interface ClientTxUser {
  onResponse(res: SipResponse, tx: ClientTransaction): void;
  /** Timer B or F fired: the TU treats it as a 408 (§8.1.3.1). */
  onTimeout?(tx: ClientTransaction): void;
  onTransportError?(tx: ClientTransaction): void;
  onTerminated?(tx: ClientTransaction): void;
}

/** The transaction user of the server side (the UA core). */
export interface TransactionUser {
  /** A new request (not ACK) with its server transaction. */
  onRequest(req: SipRequest, tx: ServerTransaction): void;
  /** An ACK that is not absorbed by a transaction: the ACK for a 2xx (§13.3.1.4, RFC 6026 §7.1). */
  onAck(ack: SipRequest, flow: Flow): void;
  /** A response that matches no client transaction (§18.1.2; 2xx retransmissions after Timer M). */
  onStrayResponse(res: SipResponse, flow: Flow): void;
  /** Timer H fired (no ACK for a non-2xx) or a transport error on a server transaction. */
  onServerTxFailure?(tx: ServerTransaction, why: 'timeout' | 'transport'): void;
}

const derivedCache = new WeakMap<BaseTimers, [TimerValues, TimerValues]>();
function derivedFor(base: BaseTimers, reliable: boolean): TimerValues {
  let d = derivedCache.get(base);
  if (!d) {
    d = [deriveTimers(base, false), deriveTimers(base, true)];
    derivedCache.set(base, d);
  }
  return d[reliable ? 1 : 0];
}

abstract class TxBase {
  state: TxState<SipResponse>;
  readonly timers = new Map<TimerName, TimerHandle>();
  constructor(
    readonly key: string,
    readonly kind: TxKind,
    readonly request: SipRequest,
    reliable: boolean,
    base: BaseTimers,
  ) {
    this.state = initialState<SipResponse>(kind, reliable, base, derivedFor(base, reliable));
  }
  get stateName(): TxStateName {
    return this.state.name;
  }
}

export class ClientTransaction extends TxBase {
  constructor(
    key: string,
    kind: TxKind,
    request: SipRequest,
    readonly dest: Destination,
    readonly user: ClientTxUser,
    base: BaseTimers,
  ) {
    super(key, kind, request, isReliable(dest.transport), base);
  }
}

export class ServerTransaction extends TxBase {
  constructor(
    key: string,
    kind: TxKind,
    request: SipRequest,
    readonly flow: Flow,
    private readonly mgr: TransactionManager,
    base: BaseTimers,
  ) {
    super(key, kind, request, isReliable(flow.transport), base);
  }
  /** The TU passes a response to the transaction (§17.2.1, §17.2.2). */
  respond(res: SipResponse): void {
    this.mgr.dispatch(this, { type: 'TU_RESPONSE', status: res.status, response: res });
  }
  /** A response has been passed and no further provisional response is pending. */
  get answered(): boolean {
    return this.state.lastResponse !== undefined;
  }
}

type AnyTx = ClientTransaction | ServerTransaction;

export interface TransactionManagerOptions {
  transport: SipTransportApi;
  tu: TransactionUser;
  clock: TimerService;
  log: Logger;
  timers?: BaseTimers;
  /** Send 100 Trying for an INVITE the TU did not answer synchronously (§17.2.1). Default true. */
  autoTrying?: boolean;
}

export class TransactionManager {
  private readonly clients = new Map<string, ClientTransaction>();
  private readonly servers = new Map<string, ServerTransaction>();
  private readonly base: BaseTimers;
  readonly counters = {
    'sip.tx.client_created': 0,
    'sip.tx.server_created': 0,
    'sip.tx.retransmissions_absorbed': 0,
    'sip.tx.timeouts': 0,
    'sip.tx.stray_responses': 0,
    'sip.tx.not_permitted': 0,
  };

  constructor(private readonly o: TransactionManagerOptions) {
    this.base = o.timers ?? DEFAULT_BASE_TIMERS;
  }

  get baseTimers(): BaseTimers {
    return this.base;
  }

  get size(): { clients: number; servers: number } {
    return { clients: this.clients.size, servers: this.servers.size };
  }

  /** Start a client transaction for `req` towards `dest` (§17.1). */
  sendRequest(req: SipRequest, dest: Destination, user: ClientTxUser): ClientTransaction {
    const key = clientKeyOfRequest(req);
    if (key === undefined) throw new TypeError('a request sent by a client transaction needs a Via with a branch');
    const tx = new ClientTransaction(key, req.method === 'INVITE' ? 'ict' : 'nict', req, dest, user, this.base);
    this.clients.set(key, tx);
    this.counters['sip.tx.client_created']++;
    this.dispatch(tx, { type: 'TU_REQUEST' });
    return tx;
  }

  /** The INVITE server transaction a CANCEL refers to (§9.2), if it still exists. */
  findInviteForCancel(cancel: SipRequest): ServerTransaction | undefined {
    const key = cancelTargetKey(cancel);
    return key === undefined ? undefined : this.servers.get(key);
  }

  /** Entry point for every parsed message from the transport layer. */
  receive(msg: SipMessage, flow: Flow): void {
    if (msg.type === 'response') {
      const key = clientKeyOfResponse(msg);
      const tx = key === undefined ? undefined : this.clients.get(key);
      if (!tx) {
        this.counters['sip.tx.stray_responses']++;
        this.o.tu.onStrayResponse(msg, flow);
        return;
      }
      this.dispatch(tx, { type: 'RX_RESPONSE', status: msg.status, response: msg });
      return;
    }
    const key = serverKey(msg);
    if (key === undefined) return; // no Via: the parser refuses these already
    const existing = this.servers.get(key);
    if (msg.method === 'ACK') {
      if (existing && existing.kind === 'ist') {
        if (existing.stateName === 'Accepted') {
          this.o.tu.onAck(msg, flow);
          return;
        }
        this.dispatch(existing, { type: 'RX_ACK' });
        return;
      }
      this.o.tu.onAck(msg, flow);
      return;
    }
    if (existing) {
      this.counters['sip.tx.retransmissions_absorbed']++;
      this.dispatch(existing, { type: 'RX_REQUEST_RETRANSMISSION' });
      return;
    }
    const tx = new ServerTransaction(key, msg.method === 'INVITE' ? 'ist' : 'nist', msg, flow, this, this.base);
    this.servers.set(key, tx);
    this.counters['sip.tx.server_created']++;
    this.dispatch(tx, { type: 'RX_REQUEST' });
    // §17.2.1: "the server transaction MUST generate a 100 (Trying) response unless it knows that the TU
    // will generate a provisional or final response within 200 ms". We know exactly when the TU answered
    // synchronously; otherwise 100 goes out at once.
    if (tx.kind === 'ist' && !tx.answered && tx.stateName === 'Proceeding' && this.o.autoTrying !== false) {
      tx.respond(createResponse(msg, 100));
    }
  }

  /** Feed one event to a transaction and perform the effects (used by ServerTransaction.respond too). */
  dispatch(tx: AnyTx, e: TxEvent<SipResponse>): void {
    const from = tx.state.name;
    const step = STEP[tx.kind](tx.state, e);
    tx.state = step.state;
    if (step.state.name !== from && this.o.log.isLevelEnabled('debug')) {
      this.o.log.debug(
        {
          event: 'sip.tx.state',
          tx: tx.key,
          kind: tx.kind,
          from,
          to: step.state.name,
          cause: e.type === 'TIMER' ? `Timer ${e.timer}` : e.type,
        },
        'transaction state',
      );
    }
    for (const eff of step.effects) this.perform(tx, eff);
  }

  private perform(tx: AnyTx, eff: TxEffect<SipResponse>): void {
    switch (eff.type) {
      case 'sendRequest':
        if (tx instanceof ClientTransaction)
          this.o.transport.sendRequest(tx.request, tx.dest, () => this.dispatch(tx, { type: 'TRANSPORT_ERROR' }));
        return;
      case 'sendAck':
        if (tx instanceof ClientTransaction)
          this.o.transport.sendRequest(ackForNon2xx(tx.request, eff.response), tx.dest);
        return;
      case 'sendResponse':
        if (tx instanceof ServerTransaction)
          this.o.transport.sendResponse(eff.response, tx.flow, () => this.dispatch(tx, { type: 'TRANSPORT_ERROR' }));
        return;
      case 'startTimer': {
        const old = tx.timers.get(eff.timer);
        if (old) this.o.clock.clear(old);
        const timer = eff.timer;
        tx.timers.set(
          timer,
          this.o.clock.set(eff.ms, () => {
            tx.timers.delete(timer);
            this.dispatch(tx, { type: 'TIMER', timer });
          }),
        );
        return;
      }
      case 'stopTimer': {
        const h = tx.timers.get(eff.timer);
        if (h) {
          this.o.clock.clear(h);
          tx.timers.delete(eff.timer);
        }
        return;
      }
      case 'deliverResponse':
        if (tx instanceof ClientTransaction) tx.user.onResponse(eff.response, tx);
        return;
      case 'deliverRequest':
        if (tx instanceof ServerTransaction) this.o.tu.onRequest(tx.request, tx);
        return;
      case 'deliverAck':
        // Reached only through dispatch of RX_ACK in Accepted, which receive() routes to the TU itself.
        return;
      case 'timeout':
        this.counters['sip.tx.timeouts']++;
        if (tx instanceof ClientTransaction) tx.user.onTimeout?.(tx);
        else this.o.tu.onServerTxFailure?.(tx, 'timeout');
        return;
      case 'transportError':
        if (tx instanceof ClientTransaction) tx.user.onTransportError?.(tx);
        else this.o.tu.onServerTxFailure?.(tx, 'transport');
        return;
      case 'notPermitted':
        this.counters['sip.tx.not_permitted']++;
        this.o.log.debug(
          { event: 'sip.tx.not_permitted', tx: tx.key, kind: tx.kind, state: eff.state, rx: eff.event },
          `event ${eff.event} not permitted in state ${eff.state}`,
        );
        return;
      case 'terminate':
        for (const h of tx.timers.values()) this.o.clock.clear(h);
        tx.timers.clear();
        if (tx instanceof ClientTransaction) {
          if (this.clients.get(tx.key) === tx) this.clients.delete(tx.key);
          tx.user.onTerminated?.(tx);
        } else if (this.servers.get(tx.key) === tx) this.servers.delete(tx.key);
        return;
      default: {
        const never: never = eff;
        throw new TypeError(`unknown effect ${String(never)}`);
      }
    }
  }

  /** Stop every timer and forget every transaction (shutdown). */
  close(): void {
    for (const tx of [...this.clients.values(), ...this.servers.values()]) {
      for (const h of tx.timers.values()) this.o.clock.clear(h);
      tx.timers.clear();
    }
    this.clients.clear();
    this.servers.clear();
  }
}
