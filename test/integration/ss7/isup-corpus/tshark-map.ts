// What tshark (Wireshark 4.x packet-isup.c / packet-q931.c) shows for each field of a parameter,
// computed from our decoded value. One case per tshark field name; a field tshark shows that has no
// case here makes the corpus test fail, so no field goes unchecked silently.
import { P, type IsupParameter, type ParamValue } from '../../../../src/ss7/isup/index.js';
import { ituProfile } from '../../../../src/ss7/isup/profile.js';

type V = number | string;

/** Fields that describe layout, not content (checked elsewhere or meaningless alone). */
export const IGNORED = new Set(['isup.mandatory_variable_parameter_pointer', 'isup.called_tree', 'isup.calling_tree']);

/** tshark's expert-info entries (notes such as "status subfield is not present") are not fields. */
export const isIgnored = (name: string): boolean => IGNORED.has(name) || name.startsWith('_ws.');

const colonHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');

function fields(v: ParamValue): Record<string, number> {
  return v.kind === 'fields' ? v.fields : {};
}

/** Q.931 octet 3/4/5 fields of a bearer-capability-coded octet string (USI, or an LLC/BC IE's contents). */
function bearerFields(name: string, octets: Uint8Array): V[] | undefined {
  const r = ituProfile.parameters.get(P.userServiceInformation)?.decode(octets);
  if (!r?.ok || r.value.kind !== 'bearer-capability') return undefined;
  const b = r.value;
  switch (name) {
    case 'q931.extension_ind': {
      const e = [b.octet3Extension.length ? 0 : 1, b.octet4Extension.length ? 0 : 1];
      for (const l of b.layers) e.push(((l.octets[0] as number) >> 7) & 1);
      return e;
    }
    case 'q931.coding_standard':
      return [b.codingStandard];
    case 'q931.information_transfer_capability':
      return [b.transferCapability];
    case 'q931.transfer_mode':
      return [b.transferMode];
    case 'q931.information_transfer_rate':
      return [b.transferRate];
    case 'q931.layer_ident':
      return b.layers.map((l) => l.layer);
    case 'q931.uil1':
      return b.layers.filter((l) => l.layer === 1).map((l) => l.protocol);
    default:
      return undefined;
  }
}

function numberField(name: string, p: IsupParameter): V[] | undefined {
  const v = p.value;
  if (v.kind !== 'number') return undefined;
  const digitNibbles = Array.from(v.digits, (c) => parseInt(c, 16));
  switch (name) {
    case 'isup.isdn_odd_even_indicator':
      return [v.oddEven];
    case 'isup.called_party_nature_of_address_indicator':
    case 'isup.calling_party_nature_of_address_indicator':
      return [v.natureOfAddress];
    case 'isup.inn_indicator':
      return v.inn === undefined ? undefined : [v.inn];
    case 'isup.ni_indicator':
      return v.ni === undefined ? undefined : [v.ni];
    case 'isup.numbering_plan_indicator':
      return [v.numberingPlan];
    case 'isup.address_presentation_restricted_indicator':
      return v.presentation === undefined ? undefined : [v.presentation];
    case 'isup.screening_indicator':
    case 'isup.screening_indicator_enhanced':
      return v.screening === undefined ? undefined : [v.screening];
    case 'isup.number_qualifier_indicator':
      return v.qualifier === undefined ? undefined : [v.qualifier];
    case 'isup.called':
    case 'isup.calling':
    case 'isup.location_number':
    case 'isup.redirection_number':
    case 'isup.redirecting':
    case 'isup.original_called_number':
    case 'isup.connected_number':
    case 'isup.generic_number':
    case 'isup.subsequent_number':
    case 'e164.msisdn':
    case 'e164.called_party_number.digits':
    case 'e164.calling_party_number.digits':
      return [v.digits];
    case 'isup.called_party_odd_address_signal_digit':
    case 'isup.calling_party_odd_address_signal_digit':
      return digitNibbles.filter((_, i) => i % 2 === 0);
    case 'isup.called_party_even_address_signal_digit':
    case 'isup.calling_party_even_address_signal_digit':
      return digitNibbles.filter((_, i) => i % 2 === 1);
    default:
      return undefined;
  }
}

const FIELD_OF: Record<string, [number, string][]> = {
  'isup.satellite_indicator': [[P.natureOfConnectionIndicators, 'satellite']],
  'isup.continuity_check_indicator': [[P.natureOfConnectionIndicators, 'continuityCheck']],
  'isup.echo_control_device_indicator': [[P.natureOfConnectionIndicators, 'echoControlDevice']],
  'isup.forw_call_natnl_inatnl_call_indicator': [[P.forwardCallIndicators, 'nationalInternational']],
  'isup.forw_call_end_to_end_method_indicator': [[P.forwardCallIndicators, 'endToEndMethod']],
  'isup.forw_call_interworking_indicator': [[P.forwardCallIndicators, 'interworking']],
  'isup.forw_call_end_to_end_information_indicator': [[P.forwardCallIndicators, 'endToEndInformation']],
  'isup.forw_call_isdn_user_part_indicator': [[P.forwardCallIndicators, 'isupIndicator']],
  'isup.forw_call_preferences_indicator': [[P.forwardCallIndicators, 'isupPreference']],
  'isup.forw_call_isdn_access_indicator': [[P.forwardCallIndicators, 'isdnAccess']],
  'isup.forw_call_sccp_method_indicator': [[P.forwardCallIndicators, 'sccpMethod']],
  'isup.forw_call_ported_num_trans_indicator': [[P.forwardCallIndicators, 'portedNumberTranslation']],
  'isup.forw_call_qor_attempt_indicator': [[P.forwardCallIndicators, 'qorAttempt']],
  'isup.calling_partys_category': [[P.callingPartysCategory, 'category']],
  'isup.transmission_medium_requirement': [[P.transmissionMediumRequirement, 'medium']],
  'isup.charge_indicator': [[P.backwardCallIndicators, 'charge']],
  'isup.called_partys_status_indicator': [[P.backwardCallIndicators, 'calledPartyStatus']],
  'isup.called_partys_category_indicator': [[P.backwardCallIndicators, 'calledPartyCategory']],
  'isup.backw_call_end_to_end_method_indicator': [[P.backwardCallIndicators, 'endToEndMethod']],
  'isup.backw_call_interworking_indicator': [[P.backwardCallIndicators, 'interworking']],
  'isup.backw_call_end_to_end_information_indicator': [[P.backwardCallIndicators, 'endToEndInformation']],
  'isup.backw_call_isdn_user_part_indicator': [[P.backwardCallIndicators, 'isupIndicator']],
  'isup.backw_call_holding_indicator': [[P.backwardCallIndicators, 'holding']],
  'isup.backw_call_isdn_access_indicator': [[P.backwardCallIndicators, 'isdnAccess']],
  'isup.backw_call_echo_control_device_indicator': [[P.backwardCallIndicators, 'echoControlDevice']],
  'isup.backw_call_sccp_method_indicator': [[P.backwardCallIndicators, 'sccpMethod']],
  'isup.clg_call_ind': [[P.optionalForwardCallIndicators, 'closedUserGroupCall']],
  'isup.simple_segmentation_ind': [[P.optionalForwardCallIndicators, 'simpleSegmentation'], [P.optionalBackwardCallIndicators, 'simpleSegmentation']],
  'isup.connected_line_identity_request_ind': [[P.optionalForwardCallIndicators, 'connectedLineIdentityRequest']],
  'isup.event_ind': [[P.eventInformation, 'event']],
  'isup.event_presentation_restr_ind': [[P.eventInformation, 'eventPresentationRestricted']],
  'isup.hop_counter': [[P.hopCounter, 'hopCounter']],
  'isup.inband_information_ind': [[P.optionalBackwardCallIndicators, 'inbandInformation']],
  'isup.call_diversion_may_occur_ind': [[P.optionalBackwardCallIndicators, 'callDiversionMayOccur']],
  'isup.mlpp_user': [[P.optionalBackwardCallIndicators, 'mlppUser']],
  'isup.notification_indicator': [[P.genericNotificationIndicator, 'notification']],
  'isup.cgs_message_type': [[P.circuitGroupSupervisionMessageType, 'type']],
  'isup.continuity_indicator': [[P.continuityIndicators, 'continuity']],
  'isup.UUI_res_service1': [[P.userToUserIndicators, 'service1']],
  'isup.UUI_res_service2': [[P.userToUserIndicators, 'service2']],
  'isup.UUI_res_service3': [[P.userToUserIndicators, 'service3']],
  'isup.UUI_req_service1': [[P.userToUserIndicators, 'service1']],
  'isup.UUI_req_service2': [[P.userToUserIndicators, 'service2']],
  'isup.UUI_req_service3': [[P.userToUserIndicators, 'service3']],
  'isup.UUI_network_discard_ind': [[P.userToUserIndicators, 'networkDiscard']],
  'isup.call_identity': [[P.callReference, 'callIdentity']],
  'isup.redirecting_ind': [[P.redirectionInformation, 'redirecting']],
  'isup.original_redirection_reason': [[P.redirectionInformation, 'originalRedirectionReason']],
  'isup.redirection_counter': [[P.redirectionInformation, 'redirectionCounter']],
  'isup.redirection_reason': [[P.redirectionInformation, 'redirectingReason']],
  'isup.transmission_medium_requirement_prime': [[P.transmissionMediumRequirementPrime, 'medium']],
  'isup.OECD_inf_ind_vals': [[P.echoControlInformation, 'outgoingDeviceInformation']],
  'isup.IECD_inf_ind_vals': [[P.echoControlInformation, 'incomingDeviceInformation']],
  'isup.OECD_req_ind_vals': [[P.echoControlInformation, 'outgoingDeviceRequest']],
  'isup.IECD_req_ind_vals': [[P.echoControlInformation, 'incomingDeviceRequest']],
  'isup.calling_party_address_response_indicator': [[P.informationIndicators, 'callingPartyAddressResponse']],
  'isup.hold_provided_indicator': [[P.informationIndicators, 'holdProvided']],
  'isup.calling_partys_category_response_indicator': [[P.informationIndicators, 'callingPartyCategoryResponse']],
  'isup.charge_information_response_indicator': [[P.informationIndicators, 'chargeInformationResponse']],
  'isup.solicited_indicator': [[P.informationIndicators, 'solicitedInformation']],
  'isup.calling_party_address_request_indicator': [[P.informationRequestIndicators, 'callingPartyAddressRequest']],
  'isup.info_req_holding_indicator': [[P.informationRequestIndicators, 'holding']],
  'isup.calling_partys_category_request_indicator': [[P.informationRequestIndicators, 'callingPartyCategoryRequest']],
  'isup.charge_information_request_indicator': [[P.informationRequestIndicators, 'chargeInformationRequest']],
  'isup.malicious_call_ident_request_indicator': [[P.informationRequestIndicators, 'maliciousCallIdentificationRequest']],
  'isup.call_transfer_identity': [[P.callTransferReference, 'reference']],
  'isup.loop_prevention_indicator_type': [[P.loopPreventionIndicators, 'type']],
  'isup.loop_prevention_response_ind': [[P.loopPreventionIndicators, 'response']],
  'isup.suspend_resume_indicator': [[P.suspendResumeIndicators, 'initiated']],
  'isup.app_context_identifier': [[P.applicationTransport, 'contextId']],
  'isup.app_Send_notification_ind': [[P.applicationTransport, 'sendNotification']],
  'isup.app_Release_call_indicator': [[P.applicationTransport, 'releaseCall']],
  'isup.APM_Sequence_ind': [[P.applicationTransport, 'sequence']],
  'isup.apm_segmentation_ind': [[P.applicationTransport, 'segmentation']],
  'isup.APM_slr': [[P.applicationTransport, 'segmentationLocalReference']],
};

/** The values tshark should show for field `name` of parameter `p` (encoded as `octets`), or undefined if unmapped. */
export function expectedValues(name: string, p: IsupParameter, octets: Uint8Array): V[] | undefined {
  const v = p.value;
  if (name === 'isup.parameter_type') return [p.code];
  if (name === 'isup.parameter_length') return [octets.length];
  const f = FIELD_OF[name]?.find(([code]) => code === p.code);
  if (f && f[1] in fields(v)) return [fields(v)[f[1]] as number];
  const special = specialField(name, p, octets);
  if (special) return special;
  const n = numberField(name, p);
  if (n) return n;
  if (p.code === P.causeIndicators && v.kind === 'cause') {
    switch (name) {
      case 'isup.cause_indicators':
        return [colonHex(octets)];
      case 'q931.cause_location':
        return [v.location];
      case 'q931.coding_standard':
        return [v.codingStandard];
      case 'isup.cause_indicator':
        return [v.cause];
      case 'q931.extension_ind':
        return v.ext1a === undefined ? [v.ext1, v.ext2] : [v.ext1, v.ext1a, v.ext2];
      case 'q931.information_element':
      case 'q931.cause_call.message_type':
        // Diagnostics of cause 97/99/103 name the message or parameter(s) (Q.850 Table 1 diagnostics).
        return Array.from(v.diagnostics);
      case 'q931.cause_call.diagnostic':
        return [colonHex(v.diagnostics)];
      case 'q931.cause.recommendation':
        return v.recommendation === undefined ? undefined : [v.recommendation];
    }
  }
  if (p.code === P.userServiceInformation && v.kind === 'bearer-capability') {
    if (name === 'isup.user_service_information') return [colonHex(octets)];
    return bearerFields(name, octets);
  }
  if (p.code === P.accessTransport && v.kind === 'octets') {
    if (name === 'isup.access_transport_parameter_field') return [colonHex(octets)];
    // Q.931 information elements inside: identifier, length, and bearer-coded contents (LLC 0x7c, BC 0x04).
    const ies: { id: number; body: Uint8Array }[] = [];
    for (let i = 0; i + 1 < octets.length; ) {
      const len = octets[i + 1] as number;
      ies.push({ id: octets[i] as number, body: octets.subarray(i + 2, i + 2 + len) });
      i += 2 + len;
    }
    if (name === 'q931.information_element') return ies.map((e) => e.id);
    if (name === 'q931.information_element_len') return ies.map((e) => e.body.length);
    const out: V[] = [];
    for (const e of ies) {
      if (e.id !== 0x7c && e.id !== 0x04) return undefined;
      const r = bearerFields(name, e.body);
      if (!r) return undefined;
      out.push(...r);
    }
    return out;
  }
  if (p.code === P.propagationDelayCounter && v.kind === 'integer' && name === 'isup.propagation_delay_counter') return [v.value];
  if (p.unknown && v.kind === 'octets' && name === 'isup.parameter_value') return [colonHex(v.octets)];
  if (p.code === P.parameterCompatibilityInformation && v.kind === 'parameter-compatibility') {
    const e = v.entries;
    const flag = (k: string) => e.map((x) => x.instructions.flags[k] as number);
    switch (name) {
      case 'isup.upgraded_parameter':
        return e.map((x) => x.parameter);
      case 'isup.instruction_indicators':
        return e.map((x) => x.instructions.octets[0] as number);
      case 'isup.transit_at_intermediate_exchange_ind':
        return flag('transitAtIntermediateExchange');
      case 'isup.Release_call_ind':
        return flag('releaseCall');
      case 'isup.Send_notification_ind':
        return flag('sendNotification');
      case 'isup.Discard_message_ind_value':
        return flag('discardMessage');
      case 'isup.Discard_parameter_ind':
        return flag('discardParameter');
      case 'isup.Pass_on_not_possible_ind':
        return flag('passOnNotPossible');
      case 'isup.extension_ind':
        return e.map((x) => ((x.instructions.octets[0] as number) >> 7) & 1);
    }
  }
  return undefined;
}

/** Normalises a PDML `show` for comparison with an expected value of the same type. */
export function shown(show: string, like: V): V {
  if (typeof like === 'number') return show.startsWith('0x') ? parseInt(show, 16) : Number(show);
  return show;
}

/** Fields tshark shows as raw octets or with its own reading of a parameter. */
function specialField(name: string, p: IsupParameter, octets: Uint8Array): V[] | undefined {
  const v = p.value;
  switch (name) {
    case 'isup.range_indicator':
      // tshark shows the number of circuits, range + 1 (Q.763 §3.43).
      return v.kind === 'range-status' ? [v.range + 1] : undefined;
    case 'isup.UUI_type':
      // tshark 4.0 adds the type field twice to the tree.
      return p.code === P.userToUserIndicators && v.kind === 'fields' ? [v.fields.type as number, v.fields.type as number] : undefined;
    case 'isup.status_subfield_not_present':
      return v.kind === 'range-status' && !v.status ? [''] : undefined;
    case 'isup.bitbucket':
      return v.kind === 'range-status' && v.status ? Array.from(v.status) : undefined;
    case 'isup.call_diversion_information':
    case 'isup.echo_control_information':
    case 'isup.mcid_request_indicators':
    case 'isup.mcid_response_indicators':
    case 'isup.app_transport_param_field':
      return [octets[0] as number];
    case 'isup.app_transport_instruction_indicator':
      return p.code === P.applicationTransport && v.kind === 'fields' ? [octets[v.fields.ext1 === 0 ? 2 : 1] as number] : undefined;
    case 'isup.apm_seg_indicator':
      return p.code === P.applicationTransport && v.kind === 'fields' ? [octets[v.fields.ext1 === 0 ? 3 : 2] as number] : undefined;
    case 'isup.apm_user_info_field':
      return v.kind === 'fields' ? [v.extra.length ? colonHex(v.extra) : ''] : undefined;
    case 'isup.message_compatibility_information':
      return v.kind === 'message-compatibility' ? [v.instructions.octets[0] as number] : undefined;
    case 'isup.Pass_on_not_possible_val':
    case 'isup.broadband_narrowband_interworking_ind2':
    case 'isup.transit_at_intermediate_exchange_ind':
    case 'isup.Release_call_ind':
    case 'isup.Send_notification_ind':
    case 'isup.Discard_message_ind_value': {
      if (v.kind !== 'message-compatibility') return undefined;
      const key = {
        'isup.Pass_on_not_possible_val': 'passOnNotPossible',
        'isup.broadband_narrowband_interworking_ind2': 'broadbandNarrowbandInterworking',
        'isup.transit_at_intermediate_exchange_ind': 'transitAtIntermediateExchange',
        'isup.Release_call_ind': 'releaseCall',
        'isup.Send_notification_ind': 'sendNotification',
        'isup.Discard_message_ind_value': 'discardMessage',
      }[name] as string;
      return [v.instructions.flags[key] as number];
    }
    case 'isup.extension_ind':
      if (v.kind === 'message-compatibility') return Array.from(v.instructions.octets, (b) => b >> 7);
      if (p.code === P.genericNotificationIndicator && v.kind === 'fields') return [v.fields.extension as number];
      if (p.code === P.applicationTransport && v.kind === 'fields') {
        return ['ext1', 'ext1a', 'ext2', 'ext3', 'ext3a'].filter((k) => k in v.fields).map((k) => v.fields[k] as number);
      }
      return undefined;
    case 'isup.signalling_point_code':
      // tshark 4.0 reads the call reference's point code most significant octet first; Q.763 §3.8 and
      // §3.50 code it least significant octet first, as we decode it. Compare the octets tshark read.
      return p.code === P.callReference ? [(((octets[3] as number) << 8) | (octets[4] as number)) & 0x3fff] : undefined;
    case 'isup.network_identity':
      return p.code === P.closedUserGroupInterlockCode ? [Buffer.from(octets.subarray(0, 2)).toString('hex')] : undefined;
    case 'isup.binary_code':
      return p.code === P.closedUserGroupInterlockCode ? [((octets[2] as number) << 8) | (octets[3] as number)] : undefined;
    case 'isup.user_to_user_info':
      return [colonHex(octets)];
    case 'q931.user.protocol_discriminator':
      return p.code === P.userToUserInformation ? [octets[0] as number] : undefined;
    case 'q931.user.string':
      return p.code === P.userToUserInformation ? [Buffer.from(octets.subarray(1)).toString('latin1')] : undefined;
    case 'isup.mtc_blocking_state':
      return p.code === P.circuitStateIndicator ? Array.from(octets, (b) => b & 3) : undefined;
    case 'isup.call_processing_state':
    case 'isup.hw_blocking_state': {
      // Q.763 §3.14: call processing and hardware blocking states apply when bits BA are not 00;
      // tshark shows them only where the call processing state is not 00.
      if (p.code !== P.circuitStateIndicator) return undefined;
      const shownOctets = Array.from(octets).filter((b) => (b & 3) !== 0 && (b & 0x0c) !== 0);
      return shownOctets.map((b) => (name === 'isup.call_processing_state' ? (b >> 2) & 3 : (b >> 4) & 3));
    }
    default:
      return undefined;
  }
}
