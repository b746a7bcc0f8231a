/** A failure the CLI reports as one clear message (no stack trace) and an exit code. */
export class DevstackError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'DevstackError';
  }
}
