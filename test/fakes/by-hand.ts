/**
 * What each fake's `main.ts` shares when it is run by hand: whole-number options, one log line
 * per request on stderr, its settings on stdout, a clean stop on SIGINT/SIGTERM, and exit 2 with
 * the usage on a bad option.
 */

/** A `--name N` option as a whole number, or undefined when not given. */
export function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a whole number`);
  return parsed;
}

/** Logs a fake's request line to stderr, time-stamped. */
export function logToStderr(line: string): void {
  console.error(`${new Date().toISOString()} ${line}`);
}

/** Prints `settings` (`NAME=value` lines) and keeps `fake` up until SIGINT or SIGTERM. */
export function serveUntilSignalled(fake: { close(): Promise<void> }, settings: string[]): void {
  for (const line of settings) console.log(line);
  const stop = (): void => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Runs `main`; an error is printed with the usage, and the process exits 2. */
export function runByHand(main: () => Promise<void>, usage: string): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.error(usage);
    process.exit(2);
  });
}
