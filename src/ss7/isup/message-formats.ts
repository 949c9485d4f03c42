// Q.763 message formats as data (Q.763 §4 message tables, codes of Table 4): for each message type its
// mandatory fixed part, mandatory variable part and the optional parameters it may carry, in the
// order Q.763 lists them. `optional: null` means the message has no optional part (no pointer).
// A national variant replaces or adds entries (see profile.ts); the codec reads only this table.
import { P } from './parameter-codes.js';

export interface MessageFormat {
  code: number;
  acronym: string;
  name: string;
  /** Where Q.763 gives the format (§4 message tables; Table 4 for the codes). */
  ref: string;
  fixed: readonly number[];
  variable: readonly number[];
  optional: readonly number[] | null;
  /** Body kept as octets: national or reserved messages whose layout Q.763 does not give (PAM, CRG, 1988 messages). */
  opaque?: boolean;
  /** Pass-along: the body is another message from its type code on (no CIC), decoded into `embedded`. */
  passAlong?: boolean;
}

const m = (
  code: number,
  acronym: string,
  name: string,
  ref: string,
  fixed: readonly number[],
  variable: readonly number[],
  optional: readonly number[] | null,
): MessageFormat => ({ code, acronym, name, ref, fixed, variable, optional });

const reserved = (code: number, acronym: string, name: string): MessageFormat => ({
  code, acronym, name, ref: 'Table 4 (reserved)', fixed: [], variable: [], optional: null, opaque: true,
});

const IAM_OPTIONAL = [
  P.transitNetworkSelection, P.callReference, P.callingPartyNumber, P.optionalForwardCallIndicators,
  P.redirectingNumber, P.redirectionInformation, P.closedUserGroupInterlockCode, P.connectionRequest,
  P.originalCalledNumber, P.userToUserInformation, P.accessTransport, P.userServiceInformation,
  P.userToUserIndicators, P.genericNumber, P.propagationDelayCounter, P.userServiceInformationPrime,
  P.networkSpecificFacility, P.genericDigits, P.originationIscPointCode, P.userTeleserviceInformation,
  P.remoteOperations, P.parameterCompatibilityInformation, P.genericNotificationIndicator, P.serviceActivation,
  P.genericReference, P.mlppPrecedence, P.transmissionMediumRequirementPrime, P.locationNumber, P.forwardGvns,
  P.ccss, P.networkManagementControls, P.circuitAssignmentMap, P.correlationId, P.callDiversionTreatmentIndicators,
  P.calledInNumber, P.callOfferingTreatmentIndicators, P.conferenceTreatmentIndicators, P.scfId,
  P.uidCapabilityIndicators, P.echoControlInformation, P.hopCounter, P.collectCallRequest, P.applicationTransport,
  P.pivotCapability, P.calledDirectoryNumber, P.originalCalledInNumber, P.callingGeodeticLocation,
  P.networkRoutingNumber, P.qorCapability, P.pivotCounter, P.pivotRoutingForwardInformation, P.redirectCapability,
  P.redirectCounter, P.redirectStatus, P.redirectForwardInformation, P.numberPortabilityForwardInformation,
];

const ACM_OPTIONAL = [
  P.optionalBackwardCallIndicators, P.callReference, P.causeIndicators, P.userToUserIndicators,
  P.userToUserInformation, P.accessTransport, P.genericNotificationIndicator, P.transmissionMediumUsed,
  P.echoControlInformation, P.accessDeliveryInformation, P.redirectionNumber, P.parameterCompatibilityInformation,
  P.callDiversionInformation, P.networkSpecificFacility, P.remoteOperations, P.serviceActivation,
  P.redirectionNumberRestriction, P.conferenceTreatmentIndicators, P.uidActionIndicators, P.applicationTransport,
  P.ccnrPossibleIndicator, P.htrInformation, P.pivotRoutingBackwardInformation, P.redirectStatus,
];

const CON_OPTIONAL = [
  P.optionalBackwardCallIndicators, P.backwardGvns, P.connectedNumber, P.callReference, P.userToUserIndicators,
  P.userToUserInformation, P.accessTransport, P.networkSpecificFacility, P.genericNotificationIndicator,
  P.remoteOperations, P.transmissionMediumUsed, P.echoControlInformation, P.accessDeliveryInformation,
  P.callHistoryInformation, P.parameterCompatibilityInformation, P.serviceActivation, P.genericNumber,
  P.redirectionNumberRestriction, P.conferenceTreatmentIndicators, P.applicationTransport, P.htrInformation,
  P.pivotRoutingBackwardInformation, P.redirectStatus,
];

// Q.763 §4 answer message (Table 22 by the order of the §4 tables). Not CON's list: no HTR information, and
// its own order (two public transcriptions of the table agree; docs/isup-codec.md "Verification against Q.763").
const ANM_OPTIONAL = [
  P.backwardCallIndicators, P.optionalBackwardCallIndicators, P.callReference, P.userToUserIndicators,
  P.userToUserInformation, P.connectedNumber, P.accessTransport, P.accessDeliveryInformation,
  P.genericNotificationIndicator, P.parameterCompatibilityInformation, P.backwardGvns, P.callHistoryInformation,
  P.genericNumber, P.transmissionMediumUsed, P.networkSpecificFacility, P.remoteOperations, P.redirectionNumber,
  P.serviceActivation, P.echoControlInformation, P.redirectionNumberRestriction, P.displayInformation,
  P.conferenceTreatmentIndicators, P.applicationTransport, P.pivotRoutingBackwardInformation, P.redirectStatus,
];

const REL_OPTIONAL = [
  P.redirectionInformation, P.redirectionNumber, P.accessTransport, P.signallingPointCode, P.userToUserInformation,
  P.automaticCongestionLevel, P.networkSpecificFacility, P.accessDeliveryInformation,
  P.parameterCompatibilityInformation, P.userToUserIndicators, P.displayInformation, P.remoteOperations,
  P.htrInformation, P.redirectCounter, P.redirectBackwardInformation,
];

const CPG_OPTIONAL = [
  P.causeIndicators, P.callReference, P.backwardCallIndicators, P.optionalBackwardCallIndicators, P.accessTransport,
  P.userToUserIndicators, P.redirectionNumber, P.userToUserInformation, P.genericNotificationIndicator,
  P.networkSpecificFacility, P.remoteOperations, P.transmissionMediumUsed, P.accessDeliveryInformation,
  P.parameterCompatibilityInformation, P.callDiversionInformation, P.serviceActivation,
  P.redirectionNumberRestriction, P.callTransferNumber, P.echoControlInformation, P.connectedNumber,
  P.backwardGvns, P.genericNumber, P.callHistoryInformation, P.conferenceTreatmentIndicators,
  P.uidActionIndicators, P.applicationTransport, P.ccnrPossibleIndicator, P.pivotRoutingBackwardInformation,
  P.redirectStatus,
];

const FAC_OPTIONAL = [
  P.messageCompatibilityInformation, P.parameterCompatibilityInformation, P.remoteOperations, P.serviceActivation,
  P.callTransferNumber, P.accessTransport, P.genericNotificationIndicator, P.redirectionNumber,
  P.pivotRoutingIndicators, P.pivotStatus, P.pivotCounter, P.pivotRoutingBackwardInformation, P.redirectStatus,
];

const MCI_PCI = [P.messageCompatibilityInformation, P.parameterCompatibilityInformation];

/** Every ITU message type of Q.763 Table 4 (ITU format). */
export const ituMessageFormats: readonly MessageFormat[] = [
  m(0x01, 'IAM', 'Initial address', 'Q.763 §4', [P.natureOfConnectionIndicators, P.forwardCallIndicators, P.callingPartysCategory, P.transmissionMediumRequirement], [P.calledPartyNumber], IAM_OPTIONAL),
  m(0x02, 'SAM', 'Subsequent address', 'Q.763 §4', [], [P.subsequentNumber], []),
  m(0x03, 'INR', 'Information request (national use)', 'Q.763 §4', [P.informationRequestIndicators], [], [P.callReference, P.networkSpecificFacility, P.parameterCompatibilityInformation]),
  m(0x04, 'INF', 'Information (national use)', 'Q.763 §4', [P.informationIndicators], [], [P.callingPartysCategory, P.callingPartyNumber, P.callReference, P.connectionRequest, P.parameterCompatibilityInformation, P.networkSpecificFacility]),
  m(0x05, 'COT', 'Continuity', 'Q.763 §4', [P.continuityIndicators], [], null),
  m(0x06, 'ACM', 'Address complete', 'Q.763 §4', [P.backwardCallIndicators], [], ACM_OPTIONAL),
  m(0x07, 'CON', 'Connect', 'Q.763 §4', [P.backwardCallIndicators], [], CON_OPTIONAL),
  m(0x08, 'FOT', 'Forward transfer', 'Q.763 §4', [], [], [P.callReference]),
  m(0x09, 'ANM', 'Answer', 'Q.763 §4', [], [], ANM_OPTIONAL),
  m(0x0c, 'REL', 'Release', 'Q.763 §4', [], [P.causeIndicators], REL_OPTIONAL),
  m(0x0d, 'SUS', 'Suspend', 'Q.763 §4', [P.suspendResumeIndicators], [], [P.callReference]),
  m(0x0e, 'RES', 'Resume', 'Q.763 §4', [P.suspendResumeIndicators], [], [P.callReference]),
  m(0x10, 'RLC', 'Release complete', 'Q.763 §4', [], [], [P.causeIndicators]),
  m(0x11, 'CCR', 'Continuity check request', 'Q.763 §4', [], [], null),
  m(0x12, 'RSC', 'Reset circuit', 'Q.763 §4', [], [], null),
  m(0x13, 'BLO', 'Blocking', 'Q.763 §4', [], [], null),
  m(0x14, 'UBL', 'Unblocking', 'Q.763 §4', [], [], null),
  m(0x15, 'BLA', 'Blocking acknowledgement', 'Q.763 §4', [], [], null),
  m(0x16, 'UBA', 'Unblocking acknowledgement', 'Q.763 §4', [], [], null),
  m(0x17, 'GRS', 'Circuit group reset', 'Q.763 §4', [], [P.rangeAndStatus], null),
  m(0x18, 'CGB', 'Circuit group blocking', 'Q.763 §4', [P.circuitGroupSupervisionMessageType], [P.rangeAndStatus], null),
  m(0x19, 'CGU', 'Circuit group unblocking', 'Q.763 §4', [P.circuitGroupSupervisionMessageType], [P.rangeAndStatus], null),
  m(0x1a, 'CGBA', 'Circuit group blocking acknowledgement', 'Q.763 §4', [P.circuitGroupSupervisionMessageType], [P.rangeAndStatus], null),
  m(0x1b, 'CGUA', 'Circuit group unblocking acknowledgement', 'Q.763 §4', [P.circuitGroupSupervisionMessageType], [P.rangeAndStatus], null),
  reserved(0x1c, 'CMR', 'Call modification request (reserved, used in 1988 version)'),
  reserved(0x1d, 'CMC', 'Call modification completed (reserved, used in 1988 version)'),
  reserved(0x1e, 'CMRJ', 'Call modification reject (reserved, used in 1988 version)'),
  m(0x1f, 'FAR', 'Facility request', 'Q.763 §4', [P.facilityIndicator], [], [P.userToUserIndicators, P.callReference, P.connectionRequest, P.parameterCompatibilityInformation]),
  m(0x20, 'FAA', 'Facility accepted', 'Q.763 §4', [P.facilityIndicator], [], [P.userToUserIndicators, P.callReference, P.connectionRequest, P.parameterCompatibilityInformation]),
  m(0x21, 'FRJ', 'Facility reject', 'Q.763 §4', [P.facilityIndicator], [P.causeIndicators], [P.userToUserIndicators]),
  reserved(0x22, 'FAD', 'Facility deactivated (reserved, used in 1984 version)'),
  reserved(0x23, 'FAI', 'Facility information (reserved, used in 1984 version)'),
  m(0x24, 'LPA', 'Loop back acknowledgement (national use)', 'Q.763 §4', [], [], null),
  reserved(0x25, 'CSVQ', 'Reserved (used in 1984 version)'),
  reserved(0x26, 'CSVS', 'Reserved (used in 1984 version)'),
  reserved(0x27, 'DRS', 'Delayed release (reserved, used in 1988 version)'),
  { ...reserved(0x28, 'PAM', 'Pass-along (national use)'), ref: 'Table 4 (carries an embedded message)', passAlong: true },
  m(0x29, 'GRA', 'Circuit group reset acknowledgement', 'Q.763 §4', [], [P.rangeAndStatus], null),
  m(0x2a, 'CQM', 'Circuit group query (national use)', 'Q.763 §4', [], [P.rangeAndStatus], null),
  m(0x2b, 'CQR', 'Circuit group query response (national use)', 'Q.763 §4', [], [P.rangeAndStatus, P.circuitStateIndicator], null),
  m(0x2c, 'CPG', 'Call progress', 'Q.763 §4', [P.eventInformation], [], CPG_OPTIONAL),
  m(0x2d, 'USR', 'User-to-user information', 'Q.763 §4', [], [P.userToUserInformation], [P.accessTransport]),
  m(0x2e, 'UCIC', 'Unequipped CIC (national use)', 'Q.763 §4', [], [], null),
  m(0x2f, 'CFN', 'Confusion', 'Q.763 §4', [], [P.causeIndicators], []),
  m(0x30, 'OLM', 'Overload (national use)', 'Q.763 §4', [], [], null),
  { ...reserved(0x31, 'CRG', 'Charge information (national use)'), ref: 'Table 4 (national format)' },
  m(0x32, 'NRM', 'Network resource management', 'Q.763 §4', [], [], [...MCI_PCI, P.echoControlInformation]),
  m(0x33, 'FAC', 'Facility', 'Q.763 §4', [], [], FAC_OPTIONAL),
  m(0x34, 'UPT', 'User part test', 'Q.763 §4', [], [], [P.parameterCompatibilityInformation]),
  m(0x35, 'UPA', 'User part available', 'Q.763 §4', [], [], [P.parameterCompatibilityInformation]),
  m(0x36, 'IDR', 'Identification request', 'Q.763 §4', [], [], [P.mcidRequestIndicators, ...MCI_PCI]),
  m(0x37, 'IRS', 'Identification response', 'Q.763 §4', [], [], [P.mcidResponseIndicators, ...MCI_PCI, P.callingPartyNumber, P.accessTransport, P.genericNumber, P.chargedPartyIdentification]),
  m(0x38, 'SGM', 'Segmentation', 'Q.763 §4', [], [], [P.accessTransport, P.userToUserInformation, P.messageCompatibilityInformation, P.genericDigits, P.genericNotificationIndicator, P.genericNumber]),
  m(0x40, 'LOP', 'Loop prevention', 'Q.763 §4', [], [], [...MCI_PCI, P.callTransferReference, P.loopPreventionIndicators]),
  m(0x41, 'APM', 'Application transport', 'Q.763 §4', [], [], [...MCI_PCI, P.applicationTransport]),
  m(0x42, 'PRI', 'Pre-release information', 'Q.763 §4', [], [], [...MCI_PCI, P.optionalForwardCallIndicators, P.optionalBackwardCallIndicators, P.applicationTransport]),
  m(0x43, 'SDN', 'Subsequent directory number (national use)', 'Q.763 §4', [], [], [P.subsequentNumber, P.messageCompatibilityInformation]),
];
