// MTP3 (Q.704, Q.707) public surface: docs/mtp3.md.
export { Mtp3, type Mtp3Options, type Mtp3LinksetOptions } from './mtp3.js';
export type { MtpUser, MtpTransferRequest, MtpTransferIndication, MtpStatusIndication, TransferResult } from './primitives.js';
export type { Mtp3Event, Mtp3EventName, Mtp3EventListener, Mtp3CounterName } from './events.js';
export { MTP3_COUNTERS, LINK_COUNTERS } from './events.js';
export { MTP3_TIMERS, defaultTimers, resolveTimers, timerTable, type Mtp3TimerKey, type Mtp3Timers } from './timers.js';
export { SI, serviceIndicatorName, encodeMsu, decodeMsu, type Msu, type RoutingLabel, type NetworkIndicator } from './label.js';
export { parsePointCode, formatPointCode383, describePointCode, POINT_CODE_MAX } from './point-code.js';
export { encodeSnm, decodeSnm, describeSnm, encodeSlt, decodeSlt, type SnmMessage, type UpuCause } from './snm-messages.js';
export { FakeClock, realClock, type Clock } from './clock.js';
export { mtp3FromConfig, type LinkToOpen } from './from-config.js';
