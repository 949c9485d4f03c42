// The embedded default configuration: what `tandem start` runs with no --config. One virtual E1
// span wired over loopback to the built-in exchange simulator's span in the same process.
export const embeddedConfig = {
  spans: [{ name: 'e1-0', driver: 'virtual', local: '127.0.0.1:40000', remote: '127.0.0.1:40001', crc4: true }],
  lab: {
    spans: [{ name: 'lab-0', driver: 'virtual', local: '127.0.0.1:40001', remote: '127.0.0.1:40000', crc4: true }],
  },
} as const;
