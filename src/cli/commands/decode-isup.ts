// `tandem decode isup HEX [--mtp3] [--pretty]`: decodes one ISUP message (Q.763, ITU) given in hex
// from the CIC on, or with --mtp3 an MTP3 MSU (SIO, routing label, ISUP). Prints one JSON object
// (docs/isup-decode.md); exit 1 with a typed error object when the octets do not decode.
import { decodeMsu, networkIndicatorCode } from '../../ss7/mtp3/label.js';
import { decodeIsup, describeDecodeError, describeMessage, type Json } from '../../ss7/isup/index.js';
import type { CliCommand } from '../command.js';

const USAGE = 'tandem decode isup HEX [--mtp3] [--pretty]';

export function parseHex(text: string): Uint8Array | undefined {
  const h = text.replace(/0x/gi, '').replace(/[\s:,.-]/g, '');
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) return undefined;
  return Uint8Array.from(Buffer.from(h, 'hex'));
}

export const decodeIsupCommand: CliCommand = {
  words: ['decode', 'isup'],
  usage: USAGE,
  summary: 'decode an ISUP message given in hex (from the CIC, or an MTP3 MSU with --mtp3) and print it as JSON',
  async run(args) {
    const mtp3 = args.includes('--mtp3');
    const pretty = args.includes('--pretty');
    const hexArgs = args.filter((a) => !a.startsWith('--'));
    const octets = parseHex(hexArgs.join(''));
    if (!hexArgs.length || !octets) {
      process.stderr.write(`usage: ${USAGE}\n(HEX: octets in hex; spaces and colons allowed)\n`);
      return 2;
    }
    let out: { [k: string]: Json } = {};
    let isup = octets;
    if (mtp3) {
      const m = decodeMsu(Buffer.from(octets));
      if (!m.ok) {
        process.stdout.write(JSON.stringify({ error: { kind: 'truncated', where: 'SIO and routing label', have: octets.length } }) + '\n');
        return 1;
      }
      const { sio, label, data } = m.value;
      out = { si: sio.si, ni: networkIndicatorCode(sio.ni), opc: label.opc, dpc: label.dpc, sls: label.sls };
      if (sio.si !== 5) {
        process.stdout.write(JSON.stringify({ ...out, error: { kind: 'not-isup', reason: `service indicator ${sio.si} is not ISUP (5)` } }) + '\n');
        return 1;
      }
      isup = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    }
    const d = decodeIsup(isup);
    if (!d.ok) {
      process.stdout.write(JSON.stringify({ ...out, error: { ...d.error, text: describeDecodeError(d.error) } }) + '\n');
      return 1;
    }
    const obj = { ...out, ...describeMessage(d.value) };
    process.stdout.write((pretty ? JSON.stringify(obj, null, 2) : JSON.stringify(obj)) + '\n');
    return 0;
  },
};
