// Test driver for the pure transaction machines: runs a machine under a FakeClock, performs timer
// effects, and prints one transcript line per step (CONVENTIONS.md 16: golden transcripts).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { FakeClock, type TimerHandle } from '../../../../src/sip/transaction/clock.js';
import { initialState } from '../../../../src/sip/transaction/fsm.js';
import { inviteClientStep } from '../../../../src/sip/transaction/invite-client.js';
import { inviteServerStep } from '../../../../src/sip/transaction/invite-server.js';
import { nonInviteClientStep } from '../../../../src/sip/transaction/non-invite-client.js';
import { nonInviteServerStep } from '../../../../src/sip/transaction/non-invite-server.js';
import { DEFAULT_BASE_TIMERS, type BaseTimers, type TimerName } from '../../../../src/sip/transaction/timers.js';
import type { TxEffect, TxEvent, TxKind, TxState, TxStep } from '../../../../src/sip/transaction/types.js';

/** Responses are just their status code in these tests. */
export type R = number;

const STEP: Record<TxKind, (s: TxState<R>, e: TxEvent<R>) => TxStep<R>> = {
  ict: inviteClientStep,
  nict: nonInviteClientStep,
  ist: inviteServerStep,
  nist: nonInviteServerStep,
};

function fmtEffect(e: TxEffect<R>): string {
  switch (e.type) {
    case 'sendRequest':
      return e.retransmission ? 'send request (retransmission)' : 'send request';
    case 'sendAck':
      return `send ACK for ${e.response}`;
    case 'sendResponse':
      return `send ${e.response}${e.retransmission ? ' (retransmission)' : ''}`;
    case 'startTimer':
      return `start Timer ${e.timer} ${e.ms} ms`;
    case 'stopTimer':
      return `stop Timer ${e.timer}`;
    case 'deliverResponse':
      return `deliver ${e.response} to TU`;
    case 'deliverRequest':
      return 'deliver request to TU';
    case 'deliverAck':
      return 'deliver ACK to TU';
    case 'timeout':
      return `inform TU: timeout (Timer ${e.timer})`;
    case 'transportError':
      return 'inform TU: transport error';
    case 'notPermitted':
      return `event ${e.event} not permitted in state ${e.state}`;
    case 'terminate':
      return `terminate (${e.reason})`;
  }
}

function fmtEvent(e: TxEvent<R>): string {
  switch (e.type) {
    case 'TIMER':
      return `Timer ${e.timer} fires`;
    case 'RX_RESPONSE':
      return `RX_RESPONSE ${e.status}`;
    case 'TU_RESPONSE':
      return `TU_RESPONSE ${e.status}`;
    default:
      return e.type;
  }
}

export class Harness {
  readonly clock = new FakeClock();
  readonly lines: string[] = [];
  readonly effects: { at: number; effect: TxEffect<R> }[] = [];
  state: TxState<R>;
  private readonly timers = new Map<TimerName, TimerHandle>();

  constructor(
    readonly kind: TxKind,
    reliable: boolean,
    base: BaseTimers = DEFAULT_BASE_TIMERS,
  ) {
    this.state = initialState<R>(kind, reliable, base);
    this.lines.push(
      `# ${kind} over ${reliable ? 'a reliable transport' : 'UDP'}, T1=${base.T1} T2=${base.T2} T4=${base.T4}`,
    );
  }

  fire(e: TxEvent<R>): void {
    const from = this.state.name;
    const step = STEP[this.kind](this.state, e);
    this.state = step.state;
    const fx = step.effects.map(fmtEffect).join('; ');
    this.lines.push(`t=${this.clock.now()} ${from} --${fmtEvent(e)}--> ${step.state.name}${fx ? ': ' + fx : ''}`);
    for (const eff of step.effects) {
      this.effects.push({ at: this.clock.now(), effect: eff });
      if (eff.type === 'startTimer') {
        const old = this.timers.get(eff.timer);
        if (old) this.clock.clear(old);
        const timer = eff.timer;
        this.timers.set(
          timer,
          this.clock.set(eff.ms, () => {
            this.timers.delete(timer);
            this.fire({ type: 'TIMER', timer });
          }),
        );
      } else if (eff.type === 'stopTimer' || eff.type === 'terminate') {
        const names = eff.type === 'stopTimer' ? [eff.timer] : [...this.timers.keys()];
        for (const n of names) {
          const h = this.timers.get(n);
          if (h) this.clock.clear(h);
          this.timers.delete(n);
        }
      }
    }
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /** Times at which effects of a type happened (e.g. retransmissions). */
  timesOf(pred: (e: TxEffect<R>) => boolean): number[] {
    return this.effects.filter((x) => pred(x.effect)).map((x) => x.at);
  }

  transcript(): string {
    return this.lines.join('\n') + '\n';
  }
}

/** Compares with golden/<name>.txt; UPDATE_GOLDEN=1 rewrites it. Returns [actual, expected]. */
export function golden(name: string, actual: string): [string, string] {
  const file = new URL(`./golden/${name}.txt`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    writeFileSync(file, actual);
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`golden file ${name}.txt did not exist; written — check it and rerun`);
  }
  return [actual, readFileSync(file, 'utf8')];
}
