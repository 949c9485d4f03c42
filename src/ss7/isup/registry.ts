// The ITU parameter registry: one entry per Q.763 parameter (code, name, decode, encode, describe).
import type { ParamEntry } from './types.js';
import { causeIndicators } from './params/cause.js';
import { numberParams } from './params/numbers.js';
import { octetParams, octetsParam } from './params/octets.js';
import { parameterCompatibilityInformation, messageCompatibilityInformation } from './params/compat.js';
import { rangeAndStatus } from './params/range.js';
import { userServiceInformation, userServiceInformationPrime } from './params/bearer.js';
import * as ind from './params/indicators.js';
import { applicationTransport } from './params/application-transport.js';

/** Every ITU parameter entry. */
export const ituParameters: readonly ParamEntry[] = [
  ...numberParams,
  causeIndicators,
  ...octetParams,
  octetsParam(0x42, 'Generic reference (reserved)', 'Table 5'),
  parameterCompatibilityInformation,
  messageCompatibilityInformation,
  rangeAndStatus,
  userServiceInformation,
  userServiceInformationPrime,
  ...Object.values(ind),
  applicationTransport,
] as ParamEntry[];

/** Builds a code → entry map; later entries replace earlier ones (national variants). */
export function parameterMap(entries: readonly ParamEntry[]): ReadonlyMap<number, ParamEntry> {
  const map = new Map<number, ParamEntry>();
  for (const e of entries) map.set(e.code, e);
  return map;
}
