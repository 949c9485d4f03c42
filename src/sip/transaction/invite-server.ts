// INVITE server transaction: RFC 3261 §17.2.1 (Figure 7) as corrected by RFC 6026 §7.1 (Accepted
// state, Timer L). Pure: (state, event) → { state, effects }. The 100 Trying of §17.2.1 is a
// TU_RESPONSE the manager passes when the TU has not answered synchronously.
import { runTable, to } from './fsm.js';
import {
  isFailure,
  isProvisional,
  isSuccess,
  type TxEffect,
  type TxEvent,
  type TxState,
  type TxStep,
  type TxTable,
} from './types.js';

type S = TxState<unknown>;
type E = TxEvent<unknown>;

function onTuResponse(s: S, e: E): TxStep<unknown> {
  if (e.type !== 'TU_RESPONSE') return { state: s, effects: [] };
  const send: TxEffect<unknown> = { type: 'sendResponse', response: e.response, retransmission: false };
  if (isProvisional(e.status)) {
    // §17.2.1: "The TU passes any number of provisional responses to the server transaction. So long
    // as the server transaction is in the "Proceeding" state, each of these MUST be passed to the
    // transport layer for transmission."
    return { state: to(s, 'Proceeding', { lastResponse: e.response }), effects: [send] };
  }
  if (isSuccess(e.status)) {
    // RFC 6026 §7.1: "If, while in the "Proceeding" state, the TU passes a 2xx response to the server
    // transaction, the server transaction MUST pass this response to the transport layer for
    // transmission. It is not retransmitted by the server transaction; retransmissions of 2xx
    // responses are handled by the TU. The server transaction MUST then transition to the "Accepted"
    // state." ... Timer L "MUST be set to fire in 64*T1".
    return {
      state: to(s, 'Accepted', { lastResponse: e.response }),
      effects: [send, { type: 'startTimer', timer: 'L', ms: s.timers.L }],
    };
  }
  if (isFailure(e.status)) {
    // §17.2.1: "While in the "Proceeding" state, if the TU passes a response with status code from 300
    // to 699 to the server transaction, the response MUST be passed to the transport layer for
    // transmission, and the state machine MUST enter the "Completed" state. For unreliable transports,
    // timer G is set to fire in T1 seconds, and is not set to fire for reliable transports." ...
    // "When the "Completed" state is entered, timer H MUST be set to fire in 64*T1 seconds for all
    // transports."
    const effects: TxEffect<unknown>[] = [send];
    if (!s.reliable) effects.push({ type: 'startTimer', timer: 'G', ms: s.timers.G });
    effects.push({ type: 'startTimer', timer: 'H', ms: s.timers.H });
    return { state: to(s, 'Completed', { lastResponse: e.response, interval: s.timers.G }), effects };
  }
  return { state: s, effects: [] };
}

function resendLast(s: S): TxStep<unknown> {
  // §17.2.1: "If a request retransmission is received while in the "Proceeding" state, the most
  // recent provisional response that was received from the TU MUST be passed to the transport layer
  // for retransmission." ... "while in the "Completed" state, if a request retransmission is
  // received, the server SHOULD pass the response to the transport for retransmission."
  return {
    state: s,
    effects:
      s.lastResponse === undefined ? [] : [{ type: 'sendResponse', response: s.lastResponse, retransmission: true }],
  };
}

function transportError(s: S): TxStep<unknown> {
  // §17.2.4: "the server transaction ... SHOULD inform the TU of the failure" and terminate.
  return {
    state: to(s, 'Terminated'),
    effects: [{ type: 'transportError' }, { type: 'terminate', reason: 'transport error' }],
  };
}

export const INVITE_SERVER_TABLE: TxTable = {
  Init: {
    // §17.2.1: "When a server transaction is constructed for a request, it enters the "Proceeding"
    // state. ... The request MUST be passed to the TU."
    RX_REQUEST: (s) => ({ state: to(s, 'Proceeding'), effects: [{ type: 'deliverRequest' }] }),
  },
  Proceeding: {
    TU_RESPONSE: onTuResponse,
    RX_REQUEST_RETRANSMISSION: resendLast,
    TRANSPORT_ERROR: transportError,
  },
  Completed: {
    RX_REQUEST_RETRANSMISSION: resendLast,
    // §17.2.1: "If timer G fires, the response is passed to the transport layer once more for
    // retransmission, and timer G is set to fire in MIN(2*T1, T2) seconds. From then on, when timer G
    // fires, the response is passed to the transport again for transmission, and timer G is reset
    // with a value that doubles, unless that value exceeds T2, in which case it is reset with the
    // value of T2." ... "If timer H fires while in the "Completed" state, it implies that the ACK was
    // never received. In this case, the server transaction MUST transition to the "Terminated" state,
    // and MUST indicate to the TU that a transaction failure has occurred."
    TIMER: (s, e) => {
      if (e.type !== 'TIMER') return { state: s, effects: [] };
      if (e.timer === 'G' && s.lastResponse !== undefined) {
        const next = Math.min(s.interval * 2, s.timers.T2);
        return {
          state: to(s, 'Completed', { interval: next }),
          effects: [
            { type: 'sendResponse', response: s.lastResponse, retransmission: true },
            { type: 'startTimer', timer: 'G', ms: next },
          ],
        };
      }
      if (e.timer === 'H')
        return {
          state: to(s, 'Terminated'),
          effects: [
            { type: 'stopTimer', timer: 'G' },
            { type: 'timeout', timer: 'H' },
            { type: 'terminate', reason: 'Timer H' },
          ],
        };
      return { state: s, effects: [{ type: 'notPermitted', event: 'TIMER', state: s.name }] };
    },
    // "If an ACK is received while the server transaction is in the "Completed" state, the server
    // transaction MUST transition to the "Confirmed" state. As Timer G is ignored in this state, any
    // retransmissions of the response will cease." ... "When this state is entered, timer I is set to
    // fire in T4 seconds for unreliable transports, and zero seconds for reliable transports."
    RX_ACK: (s) => {
      const effects: TxEffect<unknown>[] = [
        { type: 'stopTimer', timer: 'G' },
        { type: 'stopTimer', timer: 'H' },
      ];
      if (s.timers.I === 0)
        return {
          state: to(s, 'Terminated'),
          effects: [...effects, { type: 'terminate', reason: 'Timer I (zero, reliable)' }],
        };
      return { state: to(s, 'Confirmed'), effects: [...effects, { type: 'startTimer', timer: 'I', ms: s.timers.I }] };
    },
    TU_RESPONSE: (s) => ({ state: s, effects: [] }),
    TRANSPORT_ERROR: transportError,
  },
  Confirmed: {
    // "The purpose of the "Confirmed" state is to absorb any additional ACK messages that arrive,
    // triggered from retransmissions of the final response." ... "Once timer I fires, the server MUST
    // transition to the "Terminated" state."
    RX_ACK: (s) => ({ state: s, effects: [] }),
    RX_REQUEST_RETRANSMISSION: (s) => ({ state: s, effects: [] }),
    TIMER: (s, e) =>
      e.type === 'TIMER' && e.timer === 'I'
        ? { state: to(s, 'Terminated'), effects: [{ type: 'terminate', reason: 'Timer I' }] }
        : { state: s, effects: [] },
  },
  Accepted: {
    // RFC 6026 §7.1: "While in the "Accepted" state, any retransmissions of the INVITE received will
    // match this transaction state machine and will be absorbed by the machine without changing its
    // state. These retransmissions are not passed onto the TU."
    RX_REQUEST_RETRANSMISSION: (s) => ({ state: s, effects: [] }),
    // "Any retransmission of the 2xx response passed from the TU to the transaction while in the
    // "Accepted" state MUST be passed to the transport layer for transmission."
    TU_RESPONSE: (s, e) =>
      e.type === 'TU_RESPONSE' && isSuccess(e.status)
        ? {
            state: to(s, 'Accepted', { lastResponse: e.response }),
            effects: [{ type: 'sendResponse', response: e.response, retransmission: true }],
          }
        : { state: s, effects: [] },
    // RFC 6026 Figure 7: "ACK / to TU" in "Accepted".
    RX_ACK: (s) => ({ state: s, effects: [{ type: 'deliverAck' }] }),
    // "When Timer L fires and the state machine is in the "Accepted" state, the machine MUST transition
    // to the "Terminated" state."
    TIMER: (s, e) =>
      e.type === 'TIMER' && e.timer === 'L'
        ? { state: to(s, 'Terminated'), effects: [{ type: 'terminate', reason: 'Timer L' }] }
        : { state: s, effects: [] },
    TRANSPORT_ERROR: (s) => ({ state: s, effects: [{ type: 'transportError' }] }),
  },
  Terminated: {},
};

export function inviteServerStep<R>(s: TxState<R>, e: TxEvent<R>): TxStep<R> {
  return runTable(INVITE_SERVER_TABLE, s, e);
}
