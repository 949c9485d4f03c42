// `tandem sip locate URI`: the targets RFC 3263 gives for a SIP or SIPS URI, in the order a call would
// try them (transport, address, port, the SRV target name and the TLS name checked), or why there are none.
import { loadConfig, ConfigError } from '../../config/load.js';
import { parseUri } from '../../sip/message/index.js';
import { NodeSipDns } from '../../sip/transport/dns.js';
import { ServerLocator } from '../../sip/transport/resolve.js';
import { takeOption, type CliCommand } from '../command.js';

const USAGE = 'tandem sip locate URI [--config FILE] [--dns-server ADDR[:PORT]]';

export const sipLocateCommand: CliCommand = {
  words: ['sip', 'locate'],
  usage: USAGE,
  summary: 'list the servers RFC 3263 (NAPTR, SRV, A/AAAA) gives for a sip:/sips: URI, in the order tried',
  async run(args) {
    const file = takeOption(args, 'config');
    const server = takeOption(args, 'dns-server');
    const target = args[0];
    if (!target) {
      process.stderr.write(`usage: ${USAGE}\n`);
      return 2;
    }
    const uri = parseUri(target);
    if (!uri.ok) {
      process.stderr.write(`${target}: not a URI: ${uri.error.reason}\n`);
      return 2;
    }
    let dnsCfg;
    try {
      dnsCfg = loadConfig({ file, args: args.slice(1) }).sip.dns;
    } catch (err) {
      if (err instanceof ConfigError) {
        process.stderr.write(`invalid config: ${err.key}: ${err.reason}\n`);
        return 1;
      }
      throw err;
    }
    const { addressOrder, servers, timeoutMs, tries, cacheSize, recordTtlSeconds, negativeTtlSeconds } = dnsCfg;
    const dns = new NodeSipDns({
      servers: server ? [server] : servers,
      timeoutMs,
      tries,
      cacheSize,
      recordTtlSeconds,
      negativeTtlSeconds,
    });
    const r = await new ServerLocator({ dns, addressOrder }).locate(uri.value);
    if (!r.ok) {
      process.stderr.write(`${target}: ${r.error}: ${r.reason}\n`);
      return 1;
    }
    r.targets.forEach((t, i) => {
      const via = t.hostName ? ` (${t.hostName}${t.serverName ? `, certificate for ${t.serverName}` : ''})` : '';
      const addr = t.address.includes(':') ? `[${t.address}]` : t.address;
      process.stdout.write(`${i + 1}. ${t.transport} ${addr}:${t.port}${via}\n`);
    });
    return 0;
  },
};
