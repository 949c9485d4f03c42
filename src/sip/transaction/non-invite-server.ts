// Non-INVITE server transaction: RFC 3261 §17.2.2 (Figure 8). Pure: (state, event) → { state, effects }.
import { runTable, to } from './fsm.js';
import { isProvisional, type TxEvent, type TxState, type TxStep, type TxTable } from './types.js';

type S = TxState<unknown>;
type E = TxEvent<unknown>;

function onTuResponse(s: S, e: E): TxStep<unknown> {
  if (e.type !== 'TU_RESPONSE') return { state: s, effects: [] };
  const send = { type: 'sendResponse' as const, response: e.response, retransmission: false };
  // §17.2.2: "While in the "Trying" state, if the TU passes a provisional response to the server
  // transaction, the server transaction MUST enter the "Proceeding" state. The response MUST be passed
  // to the transport layer for transmission."
  if (isProvisional(e.status)) return { state: to(s, 'Proceeding', { lastResponse: e.response }), effects: [send] };
  // "If the TU passes a final response (status codes 200-699) to the server while in the
  // "Proceeding" state, the transaction MUST enter the "Completed" state, and the response MUST be
  // passed to the transport layer for transmission." ... "When the server transaction enters the
  // "Completed" state, it MUST set Timer J to fire in 64*T1 seconds for unreliable transports, and zero
  // seconds for reliable transports."
  if (s.timers.J === 0)
    return {
      state: to(s, 'Terminated', { lastResponse: e.response }),
      effects: [send, { type: 'terminate', reason: 'Timer J (zero, reliable)' }],
    };
  return {
    state: to(s, 'Completed', { lastResponse: e.response }),
    effects: [send, { type: 'startTimer', timer: 'J', ms: s.timers.J }],
  };
}

function transportError(s: S): TxStep<unknown> {
  // §17.2.4: inform the TU and move to "Terminated".
  return {
    state: to(s, 'Terminated'),
    effects: [{ type: 'transportError' }, { type: 'terminate', reason: 'transport error' }],
  };
}

export const NON_INVITE_SERVER_TABLE: TxTable = {
  Init: {
    // §17.2.2: "The state machine is initialized in the "Trying" state and is passed a request other
    // than INVITE or ACK when initialized. This request is passed up to the TU."
    RX_REQUEST: (s) => ({ state: to(s, 'Trying'), effects: [{ type: 'deliverRequest' }] }),
  },
  Trying: {
    TU_RESPONSE: onTuResponse,
    // "Once in the "Trying" state, any further request retransmissions are discarded."
    RX_REQUEST_RETRANSMISSION: (s) => ({ state: s, effects: [] }),
    TRANSPORT_ERROR: transportError,
  },
  Proceeding: {
    TU_RESPONSE: onTuResponse,
    // "If a retransmission of the request is received while in the "Proceeding" state, the most
    // recently sent provisional response MUST be passed to the transport layer for retransmission."
    RX_REQUEST_RETRANSMISSION: (s) => ({
      state: s,
      effects:
        s.lastResponse === undefined ? [] : [{ type: 'sendResponse', response: s.lastResponse, retransmission: true }],
    }),
    TRANSPORT_ERROR: transportError,
  },
  Completed: {
    // "While in the "Completed" state, the server transaction MUST pass the final response to the
    // transport layer for retransmission whenever a retransmission of the request is received. Any
    // other final responses passed by the TU to the server transaction MUST be discarded while in the
    // "Completed" state."
    RX_REQUEST_RETRANSMISSION: (s) => ({
      state: s,
      effects:
        s.lastResponse === undefined ? [] : [{ type: 'sendResponse', response: s.lastResponse, retransmission: true }],
    }),
    TU_RESPONSE: (s) => ({ state: s, effects: [] }),
    // "The server transaction remains in this state until Timer J fires, at which point it MUST
    // transition to the "Terminated" state."
    TIMER: (s, e) =>
      e.type === 'TIMER' && e.timer === 'J'
        ? { state: to(s, 'Terminated'), effects: [{ type: 'terminate', reason: 'Timer J' }] }
        : { state: s, effects: [] },
    TRANSPORT_ERROR: transportError,
  },
  Terminated: {},
};

export function nonInviteServerStep<R>(s: TxState<R>, e: TxEvent<R>): TxStep<R> {
  return runTable(NON_INVITE_SERVER_TABLE, s, e);
}
