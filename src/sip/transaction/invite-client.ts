// INVITE client transaction: RFC 3261 §17.1.1 (Figure 5) as corrected by RFC 6026 §7.2 (Accepted
// state, Timer M). Pure: (state, event) → { state, effects }.
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

function onResponse(s: S, e: E): TxStep<unknown> {
  if (e.type !== 'RX_RESPONSE') return { state: s, effects: [] };
  const stopRetrans: TxEffect<unknown>[] =
    s.name === 'Calling'
      ? [
          { type: 'stopTimer', timer: 'A' },
          { type: 'stopTimer', timer: 'B' },
        ]
      : [];
  if (isProvisional(e.status)) {
    // §17.1.1.2: "If the client transaction receives a provisional response while in the "Calling"
    // state, it transitions to the "Proceeding" state. ... Furthermore, the provisional response MUST
    // be passed to the TU. Any further provisional responses MUST be passed up to the TU while in the
    // "Proceeding" state."
    return { state: to(s, 'Proceeding'), effects: [...stopRetrans, { type: 'deliverResponse', response: e.response }] };
  }
  if (isSuccess(e.status)) {
    // RFC 6026 §7.2: "If, while in the "Calling" or "Proceeding" state, a 2xx response is received,
    // the client transaction MUST transition to the "Accepted" state, and Timer M MUST be started with
    // a value of 64*T1. The 2xx response MUST be passed up to the TU."
    return {
      state: to(s, 'Accepted'),
      effects: [
        ...stopRetrans,
        { type: 'startTimer', timer: 'M', ms: s.timers.M },
        { type: 'deliverResponse', response: e.response },
      ],
    };
  }
  if (isFailure(e.status)) {
    // §17.1.1.2: "When in either the "Calling" or "Proceeding" states, reception of a response with
    // status code from 300-699 MUST cause the client transaction to transition to "Completed". The
    // client transaction MUST pass the received response up to the TU, and the client transaction MUST
    // generate an ACK request, even if the transport is reliable ... The client transaction SHOULD start
    // timer D when it enters the "Completed" state, with a value of at least 32 seconds for unreliable
    // transports, and a value of zero seconds for reliable transports."
    const effects: TxEffect<unknown>[] = [
      ...stopRetrans,
      { type: 'sendAck', response: e.response },
      { type: 'deliverResponse', response: e.response },
    ];
    if (s.timers.D === 0)
      return {
        state: to(s, 'Terminated'),
        effects: [...effects, { type: 'terminate', reason: 'Timer D (zero, reliable)' }],
      };
    return { state: to(s, 'Completed'), effects: [...effects, { type: 'startTimer', timer: 'D', ms: s.timers.D }] };
  }
  return { state: s, effects: [] };
}

function transportError(s: S): TxStep<unknown> {
  // §17.1.4: "the client transaction SHOULD inform the TU that a transport failure has occurred, and
  // the client transaction SHOULD transition directly to the "Terminated" state."
  return {
    state: to(s, 'Terminated'),
    effects: [{ type: 'transportError' }, { type: 'terminate', reason: 'transport error' }],
  };
}

export const INVITE_CLIENT_TABLE: TxTable = {
  Init: {
    // §17.1.1.2: "The "Calling" state MUST be entered when the TU initiates a new client transaction
    // with an INVITE request. The client transaction MUST pass the request to the transport layer for
    // transmission. If an unreliable transport is being used, the client transaction MUST start timer A
    // with a value of T1. ... For any transport, the client transaction MUST start timer B with a value
    // of 64*T1 seconds."
    TU_REQUEST: (s) => {
      const effects: TxEffect<unknown>[] = [{ type: 'sendRequest', retransmission: false }];
      if (!s.reliable) effects.push({ type: 'startTimer', timer: 'A', ms: s.timers.A });
      effects.push({ type: 'startTimer', timer: 'B', ms: s.timers.B });
      return { state: to(s, 'Calling', { interval: s.timers.A }), effects };
    },
  },
  Calling: {
    // §17.1.1.2: "When timer A fires, the client transaction MUST retransmit the request by passing it
    // to the transport layer, and MUST reset the timer with a value of 2*T1."
    TIMER: (s, e) => {
      if (e.type !== 'TIMER') return { state: s, effects: [] };
      if (e.timer === 'A') {
        const next = s.interval * 2;
        return {
          state: to(s, 'Calling', { interval: next }),
          effects: [
            { type: 'sendRequest', retransmission: true },
            { type: 'startTimer', timer: 'A', ms: next },
          ],
        };
      }
      if (e.timer === 'B') {
        // "If the client transaction is still in the "Calling" state when timer B fires, the client
        // transaction SHOULD inform the TU that a timeout has occurred."
        return {
          state: to(s, 'Terminated'),
          effects: [
            { type: 'stopTimer', timer: 'A' },
            { type: 'timeout', timer: 'B' },
            { type: 'terminate', reason: 'Timer B' },
          ],
        };
      }
      return { state: s, effects: [{ type: 'notPermitted', event: 'TIMER', state: s.name }] };
    },
    RX_RESPONSE: onResponse,
    TRANSPORT_ERROR: transportError,
  },
  Proceeding: {
    RX_RESPONSE: onResponse,
    TRANSPORT_ERROR: transportError,
  },
  Completed: {
    // §17.1.1.2: "Any retransmissions of the final response that are received while in the
    // "Completed" state MUST cause the ACK to be re-passed to the transport layer for retransmission,
    // but the newly received response MUST NOT be passed up to the TU."
    RX_RESPONSE: (s, e) => {
      if (e.type === 'RX_RESPONSE' && isFailure(e.status))
        return { state: s, effects: [{ type: 'sendAck', response: e.response }] };
      return { state: s, effects: [] };
    },
    // "If timer D fires while the client transaction is in the "Completed" state, the client
    // transaction MUST move to the terminated state."
    TIMER: (s, e) =>
      e.type === 'TIMER' && e.timer === 'D'
        ? { state: to(s, 'Terminated'), effects: [{ type: 'terminate', reason: 'Timer D' }] }
        : { state: s, effects: [] },
    // §17.1.1.2 (Figure 5): "Transport Err. Inform TU" from Completed too.
    TRANSPORT_ERROR: transportError,
  },
  Accepted: {
    // RFC 6026 §7.2: "Any 2xx responses that match this client transaction and that are received while
    // in the "Accepted" state MUST be passed up directly to the TU. The client transaction MUST NOT
    // generate an ACK to the 2xx response -- its handling is delegated to the TU."
    RX_RESPONSE: (s, e) =>
      e.type === 'RX_RESPONSE' && isSuccess(e.status)
        ? { state: s, effects: [{ type: 'deliverResponse', response: e.response }] }
        : { state: s, effects: [] },
    // "If Timer M fires while the client transaction is in the "Accepted" state, the client
    // transaction MUST move to the "Terminated" state."
    TIMER: (s, e) =>
      e.type === 'TIMER' && e.timer === 'M'
        ? { state: to(s, 'Terminated'), effects: [{ type: 'terminate', reason: 'Timer M' }] }
        : { state: s, effects: [] },
    TRANSPORT_ERROR: (s) => ({ state: s, effects: [] }),
  },
  Terminated: {},
};

export function inviteClientStep<R>(s: TxState<R>, e: TxEvent<R>): TxStep<R> {
  return runTable(INVITE_CLIENT_TABLE, s, e);
}
