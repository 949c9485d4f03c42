// Every CLI command, in the order `tandem --help` lists them. Add a command: one file in this folder
// and one line here.
import type { CliCommand } from '../command.js';
import { start } from './start.js';
import { configCheck, configPrint } from './config.js';
import { decodeIsupCommand } from './decode-isup.js';
import { decodePcapCommand } from './decode-pcap.js';
import { timersMtp3Command } from './timers-mtp3.js';
import { sipLocateCommand } from './sip-locate.js';

export const commands: CliCommand[] = [start, configCheck, configPrint, decodeIsupCommand, decodePcapCommand, timersMtp3Command, sipLocateCommand];
