// The embedded default configuration: what `tandem start` runs with no --config. One virtual E1
// span wired over loopback to the built-in exchange simulator's span in the same process, with the
// SS7 signalling link on TS16 of both: gateway point code 1, simulator point code 2 (docs/ss7.md).
export const embeddedConfig = {
  spans: [{ name: 'e1-0', driver: 'virtual', local: '127.0.0.1:40000', remote: '127.0.0.1:40001', crc4: true }],
  ss7: {
    pointCode: 1,
    linksets: [{ name: 'ls-sim', adjacentPointCode: 2, links: [{ span: 'e1-0', timeslot: 16, slc: 0 }] }],
  },
  lab: {
    spans: [{ name: 'lab-0', driver: 'virtual', local: '127.0.0.1:40001', remote: '127.0.0.1:40000', crc4: true }],
    ss7: {
      pointCode: 2,
      linksets: [{ name: 'ls-gw', adjacentPointCode: 1, links: [{ span: 'lab-0', timeslot: 16, slc: 0 }] }],
    },
  },
} as const;
