// Runs one step of a transaction machine table. An event a state does not list yields a
// `notPermitted` effect (logged by the manager) and leaves the state unchanged (CONVENTIONS.md 1).
import { deriveTimers, type BaseTimers, type TimerValues } from './timers.js';
import type { TxEvent, TxKind, TxState, TxStateName, TxStep, TxTable } from './types.js';

/** The state before the first event; `derived` (deriveTimers(base, reliable)) may be passed in cached. */
export function initialState<R>(kind: TxKind, reliable: boolean, base: BaseTimers, derived?: TimerValues): TxState<R> {
  return {
    kind,
    name: 'Init',
    reliable,
    timers: derived ?? deriveTimers(base, reliable),
    interval: base.T1,
    lastResponse: undefined,
  };
}

export function runTable<R>(table: TxTable, s: TxState<R>, e: TxEvent<R>): TxStep<R> {
  const handler = table[s.name]?.[e.type];
  if (!handler) return { state: s, effects: [{ type: 'notPermitted', event: e.type, state: s.name }] };
  return handler(s as TxState<unknown>, e as TxEvent<unknown>) as TxStep<R>;
}

export function to<R>(s: TxState<R>, name: TxStateName, patch: Partial<TxState<R>> = {}): TxState<R> {
  return { ...s, ...patch, name };
}

/** The names of the states a table lists (for documentation and tests). */
export function tableStates(table: TxTable): TxStateName[] {
  return Object.keys(table) as TxStateName[];
}
