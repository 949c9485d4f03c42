// Capture reading: pcap/pcapng files to SS7 user-part messages (MTP2, MTP3, M3UA over SCTP over IP).
export { readCapture, type CaptureFrame, type CaptureReadError, type CaptureReadResult } from './pcap-file.js';
export { ss7Messages, ss7MessagesOfFrame, SI_BICC, SI_ISUP, type Ss7Message, type ExtractOptions } from './ss7-messages.js';
export { mtp2Fcs, readSignalUnit, type FcsMode, type SignalUnit } from './mtp2-frame.js';
export { m3uaData, type M3uaPayload } from './m3ua.js';
export { DLT } from './ip-layers.js';
