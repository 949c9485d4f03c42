// A CLI command: its words ("config check"), a one-line summary, usage and a run function that
// returns the process exit code. Commands live one per file in src/cli/commands/.
export interface CliCommand {
  /** The command's words, e.g. ["config", "check"]. */
  words: string[];
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

/** Takes "--name value" (or "--name=value") out of args; returns the value or undefined. */
export function takeOption(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === `--${name}`) {
      const v = args[i + 1];
      if (v === undefined) throw new Error(`--${name} needs a value`);
      args.splice(i, 2);
      return v;
    }
    if (a.startsWith(`--${name}=`)) {
      args.splice(i, 1);
      return a.slice(name.length + 3);
    }
  }
  return undefined;
}
