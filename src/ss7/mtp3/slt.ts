// Signalling link test control (Q.707 §2.2, Figure 2/Q.707 SLTC): an SLTM with a test pattern is sent
// when the link has been aligned (before it is made available to traffic) and then every T2; the SLTA
// must come back within T1 with the same pattern (the caller checks the label: OPC = adjacent point,
// SLC = this link's). A test that fails is repeated once; when the repeat fails too the link is
// restarted (the caller's `failed`).
//
// States (table below): idle -> waitSlta -> (passed) periodic -> waitSlta ...

import type { Clock, TimerHandle } from './clock.js';

export type SltState = 'idle' | 'waitSlta' | 'periodic';
export type SltEvent = 'START' | 'STOP' | 'SLTA_OK' | 'SLTA_MISMATCH' | 'T1_EXPIRED' | 'T2_EXPIRED';

/** Allowed events per state; any other event is logged as not permitted and ignored (Q.707 has no
 *  action for a stray SLTA). */
export const SLT_FSM: Record<SltState, readonly SltEvent[]> = {
  idle: ['START', 'STOP'],
  waitSlta: ['STOP', 'SLTA_OK', 'SLTA_MISMATCH', 'T1_EXPIRED'],
  periodic: ['STOP', 'T2_EXPIRED', 'START'],
};

export interface SltHooks {
  sendSltm(pattern: Buffer): void;
  /** First successful test after start(): the link may carry traffic. Later successes are silent. */
  passed(): void;
  /** Test and its repetition failed (Q.707 §2.2): restart the link. */
  failed(reason: string): void;
  notPermitted(event: SltEvent, state: SltState): void;
}

export class SignallingLinkTest {
  state: SltState = 'idle';
  private timer: TimerHandle | null = null;
  private attempt = 0;
  private pattern = Buffer.alloc(0);
  private firstPassed = false;
  private serial = 0;

  constructor(
    private readonly clock: Clock,
    private readonly t1Ms: number,
    private readonly t2Ms: number,
    private readonly slc: number,
    private readonly hooks: SltHooks,
  ) {}

  /** Q.707 §2.2: test on activation/restoration. */
  start(): void {
    if (!this.permitted('START')) return;
    this.firstPassed = false;
    this.sendTest(1);
  }

  stop(): void {
    if (!this.permitted('STOP')) return;
    this.cancel();
    this.state = 'idle';
  }

  /** An SLTA arrived for this link (label already checked); true when its pattern matched. */
  onSlta(pattern: Buffer): boolean {
    const ok = this.state === 'waitSlta' && pattern.equals(this.pattern);
    if (!this.permitted(ok ? 'SLTA_OK' : 'SLTA_MISMATCH')) return false;
    this.cancel();
    if (!ok) {
      this.attemptFailed('test pattern mismatch');
      return false;
    }
    this.state = 'periodic';
    this.timer = this.clock.setTimeout(() => this.onT2(), this.t2Ms);
    if (!this.firstPassed) {
      this.firstPassed = true;
      this.hooks.passed();
    }
    return true;
  }

  private onT1(): void {
    this.timer = null;
    if (!this.permitted('T1_EXPIRED')) return;
    this.attemptFailed('T1 expired (no SLTA)');
  }

  private onT2(): void {
    this.timer = null;
    if (!this.permitted('T2_EXPIRED')) return;
    this.sendTest(1);
  }

  private attemptFailed(reason: string): void {
    if (this.attempt < 2) {
      this.sendTest(this.attempt + 1); // repeated once (Q.707 §2.2)
      return;
    }
    this.state = 'idle';
    this.hooks.failed(reason);
  }

  private sendTest(attempt: number): void {
    this.attempt = attempt;
    this.serial = (this.serial + 1) & 0xff;
    // A pattern that differs per test (so a late SLTA of an earlier test does not match): SLC, serial,
    // and fixed octets, 6 octets (Q.707 allows 0-15).
    this.pattern = Buffer.from([0x54, 0x4e, 0x44, this.slc & 0x0f, this.serial, 0xa5]);
    this.state = 'waitSlta';
    this.timer = this.clock.setTimeout(() => this.onT1(), this.t1Ms);
    this.hooks.sendSltm(this.pattern);
  }

  private cancel(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private permitted(e: SltEvent): boolean {
    if (SLT_FSM[this.state].includes(e)) return true;
    this.hooks.notPermitted(e, this.state);
    return false;
  }
}
