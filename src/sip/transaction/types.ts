// Types shared by the four RFC 3261 §17 transaction machines. The machines are pure functions
// (state, event) → { state, effects[] }; the manager (manager.ts) performs the effects with sockets
// and a timer service. The response type R is opaque to the machines: they only read `status`.
import type { TimerName, TimerValues } from './timers.js';

/** ict/nict/ist/nist: INVITE client, non-INVITE client, INVITE server, non-INVITE server (§17). */
export type TxKind = 'ict' | 'nict' | 'ist' | 'nist';

/** State names exactly as RFC 3261 §17 Figures 5–8 and RFC 6026 Figures 5 and 7. */
export type TxStateName =
  'Init' | 'Calling' | 'Trying' | 'Proceeding' | 'Completed' | 'Confirmed' | 'Accepted' | 'Terminated';

export interface TxState<R> {
  readonly kind: TxKind;
  readonly name: TxStateName;
  /** Reliable transport (TCP, TLS): no retransmissions, Timers D, I, J, K are zero. */
  readonly reliable: boolean;
  readonly timers: TimerValues;
  /** Current interval of the doubling timer of this machine (A, E or G), ms. */
  readonly interval: number;
  /** Server: the most recent response sent, retransmitted on a request retransmission. */
  readonly lastResponse: R | undefined;
}

/** Events, named by origin (CONVENTIONS.md 4): TU_* from the transaction user, RX_* from the transport. */
export type TxEvent<R> =
  /** Client: the TU hands the request to the transaction. Server: the request arrived (first copy). */
  | { type: 'TU_REQUEST' }
  | { type: 'RX_REQUEST' }
  /** Server: a retransmission of the request matched this transaction (§17.2.3). */
  | { type: 'RX_REQUEST_RETRANSMISSION' }
  /** INVITE server: an ACK matched this transaction. */
  | { type: 'RX_ACK' }
  | { type: 'RX_RESPONSE'; status: number; response: R }
  | { type: 'TU_RESPONSE'; status: number; response: R }
  | { type: 'TIMER'; timer: TimerName }
  | { type: 'TRANSPORT_ERROR' };

export type TxEventType = TxEvent<unknown>['type'];

export type TxEffect<R> =
  /** Client: (re)transmit the request. */
  | { type: 'sendRequest'; retransmission: boolean }
  /** INVITE client: send the ACK for a non-2xx final response (§17.1.1.3). */
  | { type: 'sendAck'; response: R }
  /** Server: send (or resend) a response. */
  | { type: 'sendResponse'; response: R; retransmission: boolean }
  | { type: 'startTimer'; timer: TimerName; ms: number }
  | { type: 'stopTimer'; timer: TimerName }
  /** Client: pass a response up to the TU. */
  | { type: 'deliverResponse'; response: R }
  /** Server: pass the request up to the TU. */
  | { type: 'deliverRequest' }
  /** INVITE server in Accepted: pass the ACK up to the TU (RFC 6026 §8.7). */
  | { type: 'deliverAck' }
  /** Tell the TU the transaction timed out (Timer B, F or H). */
  | { type: 'timeout'; timer: TimerName }
  /** Tell the TU the transport failed (§17.1.4, §17.2.4). */
  | { type: 'transportError' }
  /** An event arrived that the state does not permit; logged and otherwise ignored (CONVENTIONS.md 1). */
  | { type: 'notPermitted'; event: TxEventType; state: TxStateName }
  | { type: 'terminate'; reason: string };

export interface TxStep<R> {
  state: TxState<R>;
  effects: TxEffect<R>[];
}

export type TxHandler<R> = (s: TxState<R>, e: TxEvent<R>) => TxStep<R>;

/** A machine as a table: per state, the events it permits and their handlers. */
export type TxTable = Partial<Record<TxStateName, Partial<Record<TxEventType, TxHandler<unknown>>>>>;

export function isProvisional(status: number): boolean {
  return status >= 100 && status < 200;
}
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
export function isFailure(status: number): boolean {
  return status >= 300 && status < 700;
}
