// Non-INVITE client transaction: RFC 3261 §17.1.2 (Figure 6). Pure: (state, event) → { state, effects }.
import { runTable, to } from './fsm.js';
import { isProvisional, type TxEffect, type TxEvent, type TxState, type TxStep, type TxTable } from './types.js';

type S = TxState<unknown>;
type E = TxEvent<unknown>;

function onTimer(s: S, e: E): TxStep<unknown> {
  if (e.type !== 'TIMER') return { state: s, effects: [] };
  if (e.timer === 'E') {
    // §17.1.2.2: "If timer E fires while still in this state [Trying], the timer is reset, but this
    // time with a value of MIN(2*T1, T2)." ... "If Timer E fires while in the "Proceeding" state, the
    // request MUST be passed to the transport layer for retransmission, and Timer E MUST be reset with
    // a value of T2 seconds."
    const next = s.name === 'Proceeding' ? s.timers.T2 : Math.min(s.interval * 2, s.timers.T2);
    return {
      state: to(s, s.name, { interval: next }),
      effects: [
        { type: 'sendRequest', retransmission: true },
        { type: 'startTimer', timer: 'E', ms: next },
      ],
    };
  }
  if (e.timer === 'F') {
    // "If Timer F fires while the client transaction is still in the "Trying" state, the client
    // transaction SHOULD inform the TU about the timeout, and then it SHOULD enter the "Terminated"
    // state." (likewise from "Proceeding")
    return {
      state: to(s, 'Terminated'),
      effects: [
        { type: 'stopTimer', timer: 'E' },
        { type: 'timeout', timer: 'F' },
        { type: 'terminate', reason: 'Timer F' },
      ],
    };
  }
  return { state: s, effects: [{ type: 'notPermitted', event: 'TIMER', state: s.name }] };
}

function onResponse(s: S, e: E): TxStep<unknown> {
  if (e.type !== 'RX_RESPONSE') return { state: s, effects: [] };
  if (isProvisional(e.status)) {
    // "If a provisional response is received while in the "Trying" state, the response MUST be passed
    // to the TU, and then the client transaction SHOULD move to the "Proceeding" state."
    return { state: to(s, 'Proceeding'), effects: [{ type: 'deliverResponse', response: e.response }] };
  }
  // "If a final response (status codes 200-699) is received while in the "Trying" state [or
  // "Proceeding"], the response MUST be passed to the TU, and the client transaction MUST transition
  // to the "Completed" state." ... "Once the client transaction enters the "Completed" state, it MUST
  // set Timer K to fire in T4 seconds for unreliable transports, and zero seconds for reliable
  // transports."
  const effects: TxEffect<unknown>[] = [
    { type: 'stopTimer', timer: 'E' },
    { type: 'stopTimer', timer: 'F' },
    { type: 'deliverResponse', response: e.response },
  ];
  if (s.timers.K === 0)
    return {
      state: to(s, 'Terminated'),
      effects: [...effects, { type: 'terminate', reason: 'Timer K (zero, reliable)' }],
    };
  return { state: to(s, 'Completed'), effects: [...effects, { type: 'startTimer', timer: 'K', ms: s.timers.K }] };
}

function transportError(s: S): TxStep<unknown> {
  // §17.1.4: inform the TU and move to "Terminated".
  return {
    state: to(s, 'Terminated'),
    effects: [{ type: 'transportError' }, { type: 'terminate', reason: 'transport error' }],
  };
}

export const NON_INVITE_CLIENT_TABLE: TxTable = {
  Init: {
    // §17.1.2.2: "The "Trying" state is entered when the TU initiates a new client transaction with a
    // request. When entering this state, the client transaction SHOULD set timer F to fire in 64*T1
    // seconds. The request MUST be passed to the transport layer for transmission. If an unreliable
    // transport is in use, the client transaction MUST set timer E to fire in T1 seconds."
    TU_REQUEST: (s) => {
      const effects: TxEffect<unknown>[] = [
        { type: 'sendRequest', retransmission: false },
        { type: 'startTimer', timer: 'F', ms: s.timers.F },
      ];
      if (!s.reliable) effects.push({ type: 'startTimer', timer: 'E', ms: s.timers.E });
      return { state: to(s, 'Trying', { interval: s.timers.E }), effects };
    },
  },
  Trying: { TIMER: onTimer, RX_RESPONSE: onResponse, TRANSPORT_ERROR: transportError },
  Proceeding: { TIMER: onTimer, RX_RESPONSE: onResponse, TRANSPORT_ERROR: transportError },
  Completed: {
    // "The client transaction enters the "Completed" state ... to buffer any additional response
    // retransmissions that may be received" (absorbed).
    RX_RESPONSE: (s) => ({ state: s, effects: [] }),
    // "If Timer K fires while in this state, the client transaction MUST transition to the
    // "Terminated" state."
    TIMER: (s, e) =>
      e.type === 'TIMER' && e.timer === 'K'
        ? { state: to(s, 'Terminated'), effects: [{ type: 'terminate', reason: 'Timer K' }] }
        : { state: s, effects: [] },
    TRANSPORT_ERROR: (s) => ({ state: s, effects: [] }),
  },
  Terminated: {},
};

export function nonInviteClientStep<R>(s: TxState<R>, e: TxEvent<R>): TxStep<R> {
  return runTable(NON_INVITE_CLIENT_TABLE, s, e);
}
