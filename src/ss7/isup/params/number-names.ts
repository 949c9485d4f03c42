// Value names of the address parameters' indicators (Q.763 §3.9, §3.10, §3.26, §3.90).

/** Nature of address indicator (Q.763 §3.9 c, §3.10 b); codes 5-8 apply to called/redirection numbers. */
export const natureOfAddressNames: Readonly<Record<number, string>> = {
  0: 'spare',
  1: 'subscriber number (national use)',
  2: 'unknown (national use)',
  3: 'national (significant) number',
  4: 'international number',
  5: 'network-specific number (national use)',
  6: 'network routing number in national (significant) number format (national use)',
  7: 'network routing number in network-specific number format (national use)',
  8: 'network routing number concatenated with Called Directory Number (national use)',
  ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [112 + i, 'reserved for national use'])),
};

/** Numbering plan indicator (Q.763 §3.9 e). */
export const numberingPlanNames: Readonly<Record<number, string>> = {
  0: 'spare',
  1: 'ISDN (Telephony) numbering plan (ITU-T E.164)',
  2: 'spare',
  3: 'Data numbering plan (ITU-T X.121) (national use)',
  4: 'Telex numbering plan (ITU-T F.69) (national use)',
  5: 'reserved for national use',
  6: 'reserved for national use',
  7: 'spare',
};

/** Internal network number indicator (Q.763 §3.9 d). */
export const innNames: Readonly<Record<number, string>> = {
  0: 'routing to internal network number allowed',
  1: 'routing to internal network number not allowed',
};

/** Calling party number incomplete indicator (Q.763 §3.10 c). */
export const niNames: Readonly<Record<number, string>> = { 0: 'complete', 1: 'incomplete' };

/** Address presentation restricted indicator (Q.763 §3.10 e). */
export const presentationNames: Readonly<Record<number, string>> = {
  0: 'presentation allowed',
  1: 'presentation restricted',
  2: 'address not available (national use)',
  3: 'reserved for restriction by the network',
};

/** Screening indicator (Q.763 §3.10 f). */
export const screeningNames: Readonly<Record<number, string>> = {
  0: 'reserved (user provided, not verified)',
  1: 'user provided, verified and passed',
  2: 'reserved (user provided, verified and failed)',
  3: 'network provided',
};

/** Odd/even indicator (Q.763 §3.9 a). */
export const oddEvenNames: Readonly<Record<number, string>> = {
  0: 'even number of address signals',
  1: 'odd number of address signals',
};

/** Number qualifier indicator of the generic number (Q.763 §3.26 a). */
export const numberQualifierNames: Readonly<Record<number, string>> = {
  0: 'reserved (dialled digits) (national use)',
  1: 'additional called number (national use)',
  2: 'reserved (supplemental user provided calling number - failed network screening) (national use)',
  3: 'reserved (supplemental user provided calling number - not screened) (national use)',
  4: 'reserved (redirecting terminating number) (national use)',
  5: 'additional connected number',
  6: 'additional calling party number',
  7: 'reserved for additional original called number',
  8: 'reserved for additional redirecting number',
  9: 'reserved for additional redirection number',
  10: 'reserved (used in 1992 version)',
};

/** Address signal names (Q.763 §3.9 f): digits 0-9, codes 11, 12 and 15 (ST). */
export function addressSignalName(code: number): string {
  if (code <= 9) return String(code);
  if (code === 11) return 'code 11';
  if (code === 12) return 'code 12';
  if (code === 15) return 'ST';
  return 'spare';
}
