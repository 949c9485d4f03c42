// What the MTP3 functional blocks share: own identity, clock, timers, logging, events and counters,
// and the entry points they call on each other. Mtp3 (mtp3.ts) implements it; the blocks (signalling
// link management, signalling traffic management in the linkset, route management, HMDC/HMDT/HMRT)
// receive it so each stays one concept in one file.

import type { Logger } from '../../log/logger.js';
import type { Clock } from './clock.js';
import type { Mtp3CounterName, Mtp3Event } from './events.js';
import type { NetworkIndicator } from './label.js';
import type { Linkset } from './linkset.js';
import type { SignallingLink } from './signalling-link.js';
import type { Mtp3Timers } from './timers.js';

export interface Mtp3Context {
  readonly pointCode: number;
  readonly ni: NetworkIndicator;
  readonly clock: Clock;
  readonly timers: Mtp3Timers;
  readonly log: Logger;
  /** Q.704 §9 MTP restart (TRA) on; off for adjacent points that do not implement it. */
  readonly restartProcedure: boolean;
  emit(e: Mtp3Event): void;
  count(name: Mtp3CounterName, n?: number): void;
  /** HMDC entry (Figure 23/Q.704 "message discrimination"): an MSU received on a link. */
  received(link: SignallingLink, msu: Buffer): void;
  /** A linkset became available or unavailable (signalling route management reacts). */
  linksetChanged(ls: Linkset): void;
}
