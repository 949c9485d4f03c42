// What tshark (Wireshark 4.x packet-isup.c / packet-q931.c) shows for each field of a parameter,
// computed from our decoded value. One case per tshark field name; a field tshark shows that has no
// case here makes the corpus test fail, so no field goes unchecked silently.
import { P, type IsupParameter, type ParamValue } from '../../../../src/ss7/isup/index.js';
import { ituProfile } from '../../../../src/ss7/isup/profile.js';

type V = number | string;

/** Fields that describe layout, not content (checked elsewhere or meaningless alone). */
export const IGNORED = new Set(['isup.mandatory_variable_parameter_pointer', 'isup.called_tree', 'isup.calling_tree']);

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
      return v.screening === undefined ? undefined : [v.screening];
    case 'isup.called':
    case 'isup.calling':
    case 'isup.location_number':
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

const FIELD_OF: Record<string, [number, string]> = {
  'isup.satellite_indicator': [P.natureOfConnectionIndicators, 'satellite'],
  'isup.continuity_check_indicator': [P.natureOfConnectionIndicators, 'continuityCheck'],
  'isup.echo_control_device_indicator': [P.natureOfConnectionIndicators, 'echoControlDevice'],
  'isup.forw_call_natnl_inatnl_call_indicator': [P.forwardCallIndicators, 'nationalInternational'],
  'isup.forw_call_end_to_end_method_indicator': [P.forwardCallIndicators, 'endToEndMethod'],
  'isup.forw_call_interworking_indicator': [P.forwardCallIndicators, 'interworking'],
  'isup.forw_call_end_to_end_information_indicator': [P.forwardCallIndicators, 'endToEndInformation'],
  'isup.forw_call_isdn_user_part_indicator': [P.forwardCallIndicators, 'isupIndicator'],
  'isup.forw_call_preferences_indicator': [P.forwardCallIndicators, 'isupPreference'],
  'isup.forw_call_isdn_access_indicator': [P.forwardCallIndicators, 'isdnAccess'],
  'isup.forw_call_sccp_method_indicator': [P.forwardCallIndicators, 'sccpMethod'],
  'isup.forw_call_ported_num_trans_indicator': [P.forwardCallIndicators, 'portedNumberTranslation'],
  'isup.forw_call_qor_attempt_indicator': [P.forwardCallIndicators, 'qorAttempt'],
  'isup.calling_partys_category': [P.callingPartysCategory, 'category'],
  'isup.transmission_medium_requirement': [P.transmissionMediumRequirement, 'medium'],
  'isup.charge_indicator': [P.backwardCallIndicators, 'charge'],
  'isup.called_partys_status_indicator': [P.backwardCallIndicators, 'calledPartyStatus'],
  'isup.called_partys_category_indicator': [P.backwardCallIndicators, 'calledPartyCategory'],
  'isup.backw_call_end_to_end_method_indicator': [P.backwardCallIndicators, 'endToEndMethod'],
  'isup.backw_call_interworking_indicator': [P.backwardCallIndicators, 'interworking'],
  'isup.backw_call_end_to_end_information_indicator': [P.backwardCallIndicators, 'endToEndInformation'],
  'isup.backw_call_isdn_user_part_indicator': [P.backwardCallIndicators, 'isupIndicator'],
  'isup.backw_call_holding_indicator': [P.backwardCallIndicators, 'holding'],
  'isup.backw_call_isdn_access_indicator': [P.backwardCallIndicators, 'isdnAccess'],
  'isup.backw_call_echo_control_device_indicator': [P.backwardCallIndicators, 'echoControlDevice'],
  'isup.backw_call_sccp_method_indicator': [P.backwardCallIndicators, 'sccpMethod'],
  'isup.clg_call_ind': [P.optionalForwardCallIndicators, 'closedUserGroupCall'],
  'isup.simple_segmentation_ind': [P.optionalForwardCallIndicators, 'simpleSegmentation'],
  'isup.connected_line_identity_request_ind': [P.optionalForwardCallIndicators, 'connectedLineIdentityRequest'],
  'isup.event_ind': [P.eventInformation, 'event'],
  'isup.event_presentation_indicator': [P.eventInformation, 'eventPresentationRestricted'],
  'isup.hop_counter': [P.hopCounter, 'hopCounter'],
};

/** The values tshark should show for field `name` of parameter `p` (encoded as `octets`), or undefined if unmapped. */
export function expectedValues(name: string, p: IsupParameter, octets: Uint8Array): V[] | undefined {
  const v = p.value;
  if (name === 'isup.parameter_type') return [p.code];
  if (name === 'isup.parameter_length') return [octets.length];
  const f = FIELD_OF[name];
  if (f) return f[0] === p.code && f[1] in fields(v) ? [fields(v)[f[1]] as number] : undefined;
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
        // Diagnostics of cause 97/99/103 name the message or parameter(s) (Q.850 Table 1 diagnostics).
        return Array.from(v.diagnostics);
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
