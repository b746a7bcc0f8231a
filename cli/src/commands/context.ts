import type { CliEnv } from '../config/env.js';
import type { Io } from '../io.js';
import type { GlobalOptions } from '../options/common-options.js';
import type { Output } from '../output/output.js';

/** What a command runs with: the outside world, scrubbed output, the environment, global options. */
export interface CommandContext {
  io: Io;
  output: Output;
  env: CliEnv;
  globals: GlobalOptions;
  /** A line on stderr under --verbose, else nothing. */
  verbose: (line: string) => void;
}
