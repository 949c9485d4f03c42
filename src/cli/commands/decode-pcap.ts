// `tandem decode pcap FILE [--fcs auto|present|absent] [--pretty]`: reads a pcap or pcapng capture
// (MTP2 DLT 140 with or without FCS, MTP2 with pseudo-header DLT 139, MTP3 DLT 141, M3UA over SCTP
// over IP, ISUP bodies of SIP-I messages over UDP) and prints one JSON object per ISUP message (SI 5; BICC and other user parts are skipped):
// frame, OPC, DPC, SLS, CIC, message type and every parameter decoded (docs/isup-decode.md).
import { readFile } from 'node:fs/promises';
import { readCapture, ss7Messages, SI_ISUP, type FcsMode } from '../../ss7/capture/index.js';
import { decodeIsup, describeDecodeError, describeMessage, type Json } from '../../ss7/isup/index.js';
import { takeOption, type CliCommand } from '../command.js';

const USAGE = 'tandem decode pcap FILE [--fcs auto|present|absent] [--pretty]';

export const decodePcapCommand: CliCommand = {
  words: ['decode', 'pcap'],
  usage: USAGE,
  summary: 'print every ISUP message of a pcap/pcapng capture (MTP2, MTP3, M3UA, SIP-I) as one JSON object per line',
  async run(args) {
    const fcs = (takeOption(args, 'fcs') ?? 'auto') as FcsMode;
    const pretty = args.includes('--pretty');
    const file = args.find((a) => !a.startsWith('--'));
    if (!file || !['auto', 'present', 'absent'].includes(fcs)) {
      process.stderr.write(`usage: ${USAGE}\n`);
      return 2;
    }
    const cap = readCapture(await readFile(file));
    if (!cap.ok) {
      const e = cap.error;
      const why = e.kind === 'not-a-capture' ? `not a pcap or pcapng file (magic ${e.magic})` : e.kind === 'truncated' ? `truncated at offset ${e.offset}` : `malformed: ${e.message}`;
      process.stderr.write(`${file}: ${why}\n`);
      return 1;
    }
    // `tandem decode pcap f | head` closes the pipe early: stop quietly.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
    });
    const lines: string[] = [];
    for (const m of ss7Messages(cap.frames, { mtp2Fcs: fcs })) {
      if (m.si !== SI_ISUP) continue;
      const head: { [k: string]: Json } = { frame: m.frame, time: m.time, transport: m.transport };
      if (m.opc !== undefined) Object.assign(head, { opc: m.opc, dpc: m.dpc ?? 0, sls: m.sls ?? 0, ni: m.ni ?? 0 });
      if (m.fcs) head.fcs = m.fcs;
      const d = decodeIsup(m.userPart);
      const described = d.ok ? describeMessage(d.value) : {};
      if (m.cicAbsent) delete described.cic; // SIP-I bodies carry no CIC
      const obj = d.ok
        ? { ...head, ...described }
        : { ...head, error: { ...d.error, text: describeDecodeError(d.error) }, octets: Buffer.from(m.userPart).toString('hex') };
      lines.push(pretty ? JSON.stringify(obj, null, 2) : JSON.stringify(obj));
      if (lines.length >= 1000) process.stdout.write(lines.splice(0).join('\n') + '\n');
    }
    if (lines.length) process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
