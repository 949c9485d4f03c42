// Indicator parameters of Q.763 §3, one field table each (bits numbered 1-8 as in Q.763, octets 0-based).
// Each table covers every bit; spare bits are fields named spare… so re-encoding is exact.
import { bf, bitfieldParam } from './bitfields.js';

const yesNo = (no: string, yes: string) => ({ 0: no, 1: yes });

/** End-to-end method indicator (Q.763 §3.23 CB, §3.5 HG). */
const endToEndMethod = {
  0: 'no end-to-end method available (only link-by-link method available)',
  1: 'pass-along method available (national use)',
  2: 'SCCP method available',
  3: 'pass-along and SCCP methods available (national use)',
};
/** SCCP method indicator (Q.763 §3.23 KJ, §3.5 PO). */
const sccpMethod = {
  0: 'no indication',
  1: 'connectionless method available (national use)',
  2: 'connection oriented method available',
  3: 'connectionless and connection oriented methods available (national use)',
};
const interworking = yesNo('no interworking encountered (No. 7 signalling all the way)', 'interworking encountered');
const endToEndInfo = yesNo('no end-to-end information available', 'end-to-end information available');
const isupIndicator = yesNo('ISDN user part not used all the way', 'ISDN user part used all the way');
const simpleSegmentation = yesNo(
  'no additional information will be sent',
  'additional information will be sent in a segmentation message',
);

export const natureOfConnectionIndicators = bitfieldParam(0x06, 'Nature of connection indicators', '3.35', 1, [
  bf('satellite', 0, 1, 2, {
    0: 'no satellite circuit in the connection',
    1: 'one satellite circuit in the connection',
    2: 'two satellite circuits in the connection',
    3: 'spare',
  }),
  bf('continuityCheck', 0, 3, 2, {
    0: 'continuity check not required',
    1: 'continuity check required on this circuit',
    2: 'continuity check performed on a previous circuit',
    3: 'spare',
  }),
  bf('echoControlDevice', 0, 5, 1, yesNo('outgoing echo control device not included', 'outgoing echo control device included')),
  bf('spare', 0, 6, 3),
], { fixedLength: 1 });

export const forwardCallIndicators = bitfieldParam(0x07, 'Forward call indicators', '3.23', 2, [
  bf('nationalInternational', 0, 1, 1, yesNo('call to be treated as a national call', 'call to be treated as an international call')),
  bf('endToEndMethod', 0, 2, 2, endToEndMethod),
  bf('interworking', 0, 4, 1, interworking),
  bf('endToEndInformation', 0, 5, 1, endToEndInfo),
  bf('isupIndicator', 0, 6, 1, isupIndicator),
  bf('isupPreference', 0, 7, 2, {
    0: 'ISDN user part preferred all the way',
    1: 'ISDN user part not required all the way',
    2: 'ISDN user part required all the way',
    3: 'spare',
  }),
  bf('isdnAccess', 1, 1, 1, yesNo('originating access non-ISDN', 'originating access ISDN')),
  bf('sccpMethod', 1, 2, 2, sccpMethod),
  bf('portedNumberTranslation', 1, 4, 1, yesNo('number not translated', 'number translated')),
  bf('qorAttempt', 1, 5, 1, yesNo('no QoR routing attempt in progress', 'QoR routing attempt in progress')),
  bf('spareNational', 1, 6, 3),
], { fixedLength: 2 });

export const optionalForwardCallIndicators = bitfieldParam(0x08, 'Optional forward call indicators', '3.38', 1, [
  bf('closedUserGroupCall', 0, 1, 2, {
    0: 'non-CUG call',
    1: 'spare',
    2: 'closed user group call, outgoing access allowed',
    3: 'closed user group call, outgoing access not allowed',
  }),
  bf('simpleSegmentation', 0, 3, 1, simpleSegmentation),
  bf('spare', 0, 4, 4),
  bf('connectedLineIdentityRequest', 0, 8, 1, yesNo('not requested', 'requested')),
]);

/** Calling party's category (Q.763 §3.11). */
const categoryNames: Record<number, string> = {
  0: 'calling party\'s category unknown at this time (national use)',
  1: 'operator, language French',
  2: 'operator, language English',
  3: 'operator, language German',
  4: 'operator, language Russian',
  5: 'operator, language Spanish',
  6: 'available to Administrations for selecting a particular language by mutual agreement',
  7: 'available to Administrations for selecting a particular language by mutual agreement',
  8: 'available to Administrations for selecting a particular language by mutual agreement',
  9: 'reserved (national use)',
  10: 'ordinary calling subscriber',
  11: 'calling subscriber with priority',
  12: 'data call (voice band data)',
  13: 'test call',
  14: 'spare',
  15: 'payphone',
};
for (let c = 224; c <= 254; c++) categoryNames[c] = 'reserved for national use';

export const callingPartysCategory = bitfieldParam(0x09, "Calling party's category", '3.11', 1, [
  bf('category', 0, 1, 8, categoryNames),
], { fixedLength: 1 });

/** Transmission medium requirement codes (Q.763 §3.54), shared by TMR prime and TMU. */
const mediumNames: Record<number, string> = {
  0: 'speech',
  1: 'spare',
  2: '64 kbit/s unrestricted',
  3: '3.1 kHz audio',
  4: 'reserved for alternate speech (service 2)/64 kbit/s unrestricted (service 1)',
  5: 'reserved for alternate 64 kbit/s unrestricted (service 1)/speech (service 2)',
  6: '64 kbit/s preferred',
  7: '2 x 64 kbit/s unrestricted',
  8: '384 kbit/s unrestricted',
  9: '1536 kbit/s unrestricted',
  10: '1920 kbit/s unrestricted',
};
for (let c = 16; c <= 42; c++) mediumNames[c] = 'N x 64 kbit/s unrestricted (multirate, Q.763 §3.54)';

export const transmissionMediumRequirement = bitfieldParam(0x02, 'Transmission medium requirement', '3.54', 1, [
  bf('medium', 0, 1, 8, mediumNames),
], { fixedLength: 1 });
export const transmissionMediumRequirementPrime = bitfieldParam(0x3e, 'Transmission medium requirement prime', '3.55', 1, [
  bf('medium', 0, 1, 8, mediumNames),
]);
export const transmissionMediumUsed = bitfieldParam(0x35, 'Transmission medium used', '3.56', 1, [
  bf('medium', 0, 1, 8, mediumNames),
]);

export const backwardCallIndicators = bitfieldParam(0x11, 'Backward call indicators', '3.5', 2, [
  bf('charge', 0, 1, 2, { 0: 'no indication', 1: 'no charge', 2: 'charge', 3: 'spare' }),
  bf('calledPartyStatus', 0, 3, 2, { 0: 'no indication', 1: 'subscriber free', 2: 'connect when free (national use)', 3: 'spare' }),
  bf('calledPartyCategory', 0, 5, 2, { 0: 'no indication', 1: 'ordinary subscriber', 2: 'payphone', 3: 'spare' }),
  bf('endToEndMethod', 0, 7, 2, endToEndMethod),
  bf('interworking', 1, 1, 1, interworking),
  bf('endToEndInformation', 1, 2, 1, endToEndInfo),
  bf('isupIndicator', 1, 3, 1, isupIndicator),
  bf('holding', 1, 4, 1, yesNo('holding not requested', 'holding requested')),
  bf('isdnAccess', 1, 5, 1, yesNo('terminating access non-ISDN', 'terminating access ISDN')),
  bf('echoControlDevice', 1, 6, 1, yesNo('incoming echo control device not included', 'incoming echo control device included')),
  bf('sccpMethod', 1, 7, 2, sccpMethod),
], { fixedLength: 2 });

export const optionalBackwardCallIndicators = bitfieldParam(0x29, 'Optional backward call indicators', '3.37', 1, [
  bf('inbandInformation', 0, 1, 1, yesNo('no indication', 'in-band information or an appropriate pattern is now available')),
  bf('callDiversionMayOccur', 0, 2, 1, yesNo('no indication', 'call diversion may occur')),
  bf('simpleSegmentation', 0, 3, 1, simpleSegmentation),
  bf('mlppUser', 0, 4, 1, yesNo('no indication', 'MLPP user')),
  bf('spareNational', 0, 5, 4),
]);

export const eventInformation = bitfieldParam(0x24, 'Event information', '3.21', 1, [
  bf('event', 0, 1, 7, {
    0: 'spare',
    1: 'ALERTING',
    2: 'PROGRESS',
    3: 'in-band information or an appropriate pattern is now available',
    4: 'call forwarded on busy (national use)',
    5: 'call forwarded on no reply (national use)',
    6: 'call forwarded unconditional (national use)',
  }),
  bf('eventPresentationRestricted', 0, 8, 1, yesNo('no indication', 'presentation restricted')),
], { fixedLength: 1 });

export const circuitGroupSupervisionMessageType = bitfieldParam(0x15, 'Circuit group supervision message type', '3.13', 1, [
  bf('type', 0, 1, 2, {
    0: 'maintenance oriented',
    1: 'hardware failure oriented',
    2: 'reserved for national use (used in 1984 version)',
    3: 'spare',
  }),
  bf('spare', 0, 3, 6),
], { fixedLength: 1 });

export const redirectionInformation = bitfieldParam(0x13, 'Redirection information', '3.45', 2, [
  bf('redirecting', 0, 1, 3, {
    0: 'no redirection (national use)',
    1: 'call rerouted (national use)',
    2: 'call rerouted, all redirection information presentation restricted (national use)',
    3: 'call diverted',
    4: 'call diverted, all redirection information presentation restricted',
    5: 'call rerouted, redirection number presentation restricted (national use)',
    6: 'call diversion, redirection number presentation restricted (national use)',
    7: 'spare',
  }),
  bf('spare1', 0, 4, 1),
  bf('originalRedirectionReason', 0, 5, 4, {
    0: 'unknown/not available',
    1: 'user busy (national use)',
    2: 'no reply (national use)',
    3: 'unconditional (national use)',
  }),
  bf('redirectionCounter', 1, 1, 3),
  bf('spare2', 1, 4, 1),
  bf('redirectingReason', 1, 5, 4, {
    0: 'unknown/not available',
    1: 'user busy',
    2: 'no reply',
    3: 'unconditional',
    4: 'deflection during alerting',
    5: 'deflection immediate response',
    6: 'mobile subscriber not reachable',
  }),
]);

export const hopCounter = bitfieldParam(0x3d, 'Hop counter', '3.80', 1, [bf('hopCounter', 0, 1, 5), bf('spare', 0, 6, 3)]);

export const continuityIndicators = bitfieldParam(0x10, 'Continuity indicators', '3.18', 1, [
  bf('continuity', 0, 1, 1, yesNo('continuity check failed', 'continuity check successful')),
  bf('spare', 0, 2, 7),
], { fixedLength: 1 });

export const informationRequestIndicators = bitfieldParam(0x0e, 'Information request indicators', '3.29', 2, [
  bf('callingPartyAddressRequest', 0, 1, 1, yesNo('calling party address not requested', 'calling party address requested')),
  bf('holding', 0, 2, 1, yesNo('holding not requested', 'holding requested')),
  bf('spare1', 0, 3, 1),
  bf('callingPartyCategoryRequest', 0, 4, 1, yesNo("calling party's category not requested", "calling party's category requested")),
  bf('chargeInformationRequest', 0, 5, 1, yesNo('charge information not requested', 'charge information requested')),
  bf('spare2', 0, 6, 2),
  bf('maliciousCallIdentificationRequest', 0, 8, 1, yesNo('not requested', 'requested (reserved, used in 1992 version)')),
  bf('spare3', 1, 1, 4),
  bf('spareNational', 1, 5, 4),
], { fixedLength: 2 });

export const informationIndicators = bitfieldParam(0x0f, 'Information indicators', '3.28', 2, [
  bf('callingPartyAddressResponse', 0, 1, 2, {
    0: 'calling party address not included',
    1: 'calling party address not available',
    2: 'spare',
    3: 'calling party address included',
  }),
  bf('holdProvided', 0, 3, 1, yesNo('hold not provided', 'hold provided')),
  bf('spare1', 0, 4, 2),
  bf('callingPartyCategoryResponse', 0, 6, 1, yesNo("calling party's category not included", "calling party's category included")),
  bf('chargeInformationResponse', 0, 7, 1, yesNo('charge information not included', 'charge information included')),
  bf('solicitedInformation', 0, 8, 1, yesNo('solicited', 'unsolicited')),
  bf('spare2', 1, 1, 4),
  bf('spareNational', 1, 5, 4),
], { fixedLength: 2 });

export const suspendResumeIndicators = bitfieldParam(0x22, 'Suspend/resume indicators', '3.52', 1, [
  bf('initiated', 0, 1, 1, yesNo('ISDN subscriber initiated', 'network initiated')),
  bf('spare', 0, 2, 7),
], { fixedLength: 1 });

export const facilityIndicator = bitfieldParam(0x18, 'Facility indicator', '3.22', 1, [
  bf('facility', 0, 1, 8, { 0: 'spare', 1: 'spare', 2: 'user-to-user service' }),
], { fixedLength: 1 });

const uusService = { 0: 'no information', 1: 'spare', 2: 'request, not essential', 3: 'request, essential' };
export const userToUserIndicators = bitfieldParam(0x2a, 'User-to-user indicators', '3.60', 1, [
  bf('type', 0, 1, 1, yesNo('request', 'response')),
  bf('service1', 0, 2, 2, uusService),
  bf('service2', 0, 4, 2, uusService),
  bf('service3', 0, 6, 2, uusService),
  bf('networkDiscard', 0, 8, 1, yesNo('no information', 'user-to-user information discarded by the network')),
]);

export const automaticCongestionLevel = bitfieldParam(0x27, 'Automatic congestion level', '3.4', 1, [
  bf('level', 0, 1, 8, { 0: 'spare', 1: 'congestion level 1 exceeded', 2: 'congestion level 2 exceeded' }),
]);

export const mcidRequestIndicators = bitfieldParam(0x3b, 'MCID request indicators', '3.31', 1, [
  bf('mcidRequest', 0, 1, 1, yesNo('MCID not requested', 'MCID requested')),
  bf('holding', 0, 2, 1, yesNo('holding not requested', 'holding requested')),
  bf('spare', 0, 3, 6),
]);

export const mcidResponseIndicators = bitfieldParam(0x3c, 'MCID response indicators', '3.32', 1, [
  bf('mcidResponse', 0, 1, 1, yesNo('MCID not included', 'MCID included')),
  bf('holdProvided', 0, 2, 1, yesNo('hold not provided', 'hold provided')),
  bf('spare', 0, 3, 6),
]);

const ecdInfo = {
  0: 'no information',
  1: 'echo control device not included and not available',
  2: 'echo control device included',
  3: 'echo control device not included but available',
};
const ecdRequest = { 0: 'no information', 1: 'echo control device activation request', 2: 'echo control device deactivation request', 3: 'spare' };
export const echoControlInformation = bitfieldParam(0x37, 'Echo control information', '3.19', 1, [
  bf('outgoingDeviceInformation', 0, 1, 2, ecdInfo),
  bf('incomingDeviceInformation', 0, 3, 2, ecdInfo),
  bf('outgoingDeviceRequest', 0, 5, 2, ecdRequest),
  bf('incomingDeviceRequest', 0, 7, 2, ecdRequest),
]);

export const genericNotificationIndicator = bitfieldParam(0x2c, 'Generic notification indicator', '3.25', 1, [
  bf('notification', 0, 1, 7, {
    0: 'user suspended',
    1: 'user resumed',
    2: 'bearer service change',
    3: 'discriminator for extension to ASN.1 encoded component',
    4: 'call completion delay',
    0x42: 'conference established',
    0x43: 'conference disconnected',
    0x44: 'other party added',
    0x45: 'isolated',
    0x46: 'reattached',
    0x47: 'other party isolated',
    0x48: 'other party reattached',
    0x49: 'other party split',
    0x4a: 'other party disconnected',
    0x4b: 'conference floating',
    0x60: 'call is a waiting call',
    0x68: 'diversion activated',
    0x69: 'call transfer, alerting',
    0x6a: 'call transfer, active',
    0x79: 'remote hold',
    0x7a: 'remote retrieval',
    0x7b: 'call is diverting',
  }),
  bf('extension', 0, 8, 1),
]);

export const callDiversionInformation = bitfieldParam(0x36, 'Call diversion information', '3.6', 1, [
  bf('notificationSubscriptionOptions', 0, 1, 3, {
    0: 'unknown',
    1: 'presentation not allowed',
    2: 'presentation allowed with redirection number',
    3: 'presentation allowed without redirection number',
  }),
  bf('redirectingReason', 0, 4, 4, {
    0: 'unknown',
    1: 'user busy',
    2: 'no reply',
    3: 'unconditional',
    4: 'deflection during alerting',
    5: 'deflection immediate response',
    6: 'mobile subscriber not reachable',
  }),
  bf('spare', 0, 8, 1),
]);

export const accessDeliveryInformation = bitfieldParam(0x2e, 'Access delivery information', '3.2', 1, [
  bf('accessDelivery', 0, 1, 1, yesNo('set-up message generated', 'no set-up message generated')),
  bf('spare', 0, 2, 7),
]);

export const redirectionNumberRestriction = bitfieldParam(0x40, 'Redirection number restriction', '3.47', 1, [
  bf('presentation', 0, 1, 2, { 0: 'presentation allowed', 1: 'presentation restricted', 2: 'spare', 3: 'spare' }),
  bf('spare', 0, 3, 6),
]);

export const loopPreventionIndicators = bitfieldParam(0x44, 'Loop prevention indicators', '3.67', 1, [
  bf('type', 0, 1, 1, yesNo('request', 'response')),
  bf('response', 0, 2, 2, { 0: 'insufficient information', 1: 'no loop exists', 2: 'simultaneous transfer', 3: 'spare' }),
  bf('spare', 0, 4, 5),
]);

const oneBit = (code: number, name: string, ref: string, field: string, no: string, yes: string) =>
  bitfieldParam(code, name, ref, 1, [bf(field, 0, 1, 1, yesNo(no, yes)), bf('spare', 0, 2, 7)]);

export const ccss = oneBit(0x4b, 'CCSS', '3.63', 'ccssCall', 'no indication', 'CCSS call');
export const collectCallRequest = oneBit(0x79, 'Collect call request', '3.81', 'collectCallRequest', 'no indication', 'collect call requested');
export const ccnrPossibleIndicator = oneBit(0x7a, 'CCNR possible indicator', '3.83', 'ccnrPossible', 'CCNR not possible', 'CCNR possible');

const acceptance = (code: number, name: string, ref: string, field: string, values: Record<number, string>) =>
  bitfieldParam(code, name, ref, 1, [bf(field, 0, 1, 2, values), bf('spare', 0, 3, 5), bf('extension', 0, 8, 1)]);

export const callDiversionTreatmentIndicators = acceptance(0x6e, 'Call diversion treatment indicators', '3.72', 'callToBeDiverted', {
  0: 'no indication',
  1: 'call diversion allowed',
  2: 'call diversion not allowed',
  3: 'spare',
});
export const callOfferingTreatmentIndicators = acceptance(0x70, 'Call offering treatment indicators', '3.74', 'callToBeOffered', {
  0: 'no indication',
  1: 'call offering not allowed',
  2: 'call offering allowed',
  3: 'spare',
});
export const conferenceTreatmentIndicators = acceptance(0x72, 'Conference treatment indicators', '3.76', 'conferenceAcceptance', {
  0: 'no indication',
  1: 'accept conference request',
  2: 'reject conference request',
  3: 'spare',
});

export const uidActionIndicators = bitfieldParam(0x74, 'UID action indicators', '3.78', 1, [
  bf('throughConnectionInstruction', 0, 1, 1, yesNo('no indication', 'through-connect in both directions')),
  bf('t9Instruction', 0, 2, 1, yesNo('no indication', 'stop or do not start T9 timer')),
  bf('spare', 0, 3, 5),
  bf('extension', 0, 8, 1),
]);
export const uidCapabilityIndicators = bitfieldParam(0x75, 'UID capability indicators', '3.79', 1, [
  bf('throughConnection', 0, 1, 1, yesNo('no indication', 'through-connection modification possible')),
  bf('t9', 0, 2, 1, yesNo('no indication', 'stopping of T9 timer possible')),
  bf('spare', 0, 3, 5),
  bf('extension', 0, 8, 1),
]);

export const pivotCapability = bitfieldParam(0x7b, 'Pivot capability', '3.84', 1, [
  bf('pivotPossible', 0, 1, 3, {
    0: 'no indication',
    1: 'pivot routing possible before ACM',
    2: 'pivot routing possible before ANM',
    3: 'pivot routing possible any time during the call',
  }),
  bf('spare', 0, 4, 3),
  bf('interworkingToRedirection', 0, 7, 1, yesNo('allowed (forward)', 'not allowed (forward)')),
  bf('spare2', 0, 8, 1),
]);

const counter5 = (code: number, name: string, ref: string, field: string) =>
  bitfieldParam(code, name, ref, 1, [bf(field, 0, 1, 5), bf('spare', 0, 6, 3)]);
export const pivotCounter = counter5(0x87, 'Pivot counter', '3.93', 'pivotCounter');
export const redirectCounter = counter5(0x77, 'Redirect counter', '3.97', 'redirectCounter');

export const networkManagementControls = bitfieldParam(0x5b, 'Network management controls', '3.68', 1, [
  bf('temporaryAlternativeRouting', 0, 1, 1, yesNo('no indication', 'TAR controlled call')),
  bf('spare', 0, 2, 6),
  bf('extension', 0, 8, 1),
]);

export const mlppPrecedence = bitfieldParam(0x3a, 'MLPP precedence', '3.34', 1, [
  bf('precedenceLevel', 0, 1, 4, { 0: 'flash override', 1: 'flash', 2: 'immediate', 3: 'priority', 4: 'routine' }),
  bf('spare', 0, 5, 1),
  bf('lookAheadForBusy', 0, 6, 2, { 0: 'LFB allowed', 1: 'path reserved (national use)', 2: 'LFB not allowed', 3: 'spare' }),
  bf('spare2', 0, 8, 1),
]);

export const genericDigits = bitfieldParam(0xc1, 'Generic digits', '3.24', 1, [
  bf('typeOfDigits', 0, 1, 5, {
    0: 'reserved for account code',
    1: 'reserved for authorisation code',
    2: 'reserved for private network travelling class mark',
    3: 'reserved for business communication group identity',
  }),
  bf('encodingScheme', 0, 6, 3, { 0: 'BCD even', 1: 'BCD odd', 2: 'IA5 character', 3: 'binary coded' }),
]);

export const callTransferReference = bitfieldParam(0x43, 'Call transfer reference', '3.65', 1, [bf('reference', 0, 1, 8)]);
