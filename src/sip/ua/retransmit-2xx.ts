// The UAS core's 2xx retransmission (RFC 3261 §13.3.1.4): the transaction layer does not retransmit a
// 2xx to INVITE (RFC 6026 Accepted), the UA core does, until the ACK arrives or 64*T1 passes.
import type { SipResponse } from '../message/types.js';
import type { ServerTransaction } from '../transaction/manager.js';
import type { TimerHandle, TimerService } from '../transaction/clock.js';
import type { BaseTimers } from '../transaction/timers.js';

export class TwoXxRetransmitter {
  private interval: number;
  private retrans: TimerHandle | undefined;
  private wait: TimerHandle | undefined;

  /**
   * §13.3.1.4: "The 2xx response is passed to the transport with an interval that starts at T1 seconds and
   * doubles for each retransmission until it reaches T2 seconds ... If the server retransmits the 2xx
   * response for 64*T1 seconds without receiving an ACK, the dialog is confirmed, but the session SHOULD be
   * terminated." `onNoAck` is called then.
   */
  constructor(
    private readonly clock: TimerService,
    private readonly base: BaseTimers,
    readonly response: SipResponse,
    private readonly stx: ServerTransaction,
    /** CSeq number of the INVITE: the ACK that stops us carries it. */
    readonly cseq: number,
    onNoAck: () => void,
  ) {
    this.interval = base.T1;
    this.tick();
    this.wait = clock.set(64 * base.T1, () => {
      this.wait = undefined;
      this.stop();
      onNoAck();
    });
  }

  private tick(): void {
    this.retrans = this.clock.set(this.interval, () => {
      this.stx.respond(this.response);
      this.interval = Math.min(this.interval * 2, this.base.T2);
      this.tick();
    });
  }

  stop(): void {
    if (this.retrans) this.clock.clear(this.retrans);
    if (this.wait) this.clock.clear(this.wait);
    this.retrans = undefined;
    this.wait = undefined;
  }
}
