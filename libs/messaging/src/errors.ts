/**
 * How a handler tells the transport what became of a message. Returning normally means
 * handled (ack). The rule for each outcome is written once, in `outcome.ts`.
 */

/** A transient failure (a server down, a timeout): the message is redelivered later. */
export class RetryableError extends Error {
  constructor(
    message: string,
    /** Earliest redelivery, e.g. from a Retry-After; the backoff applies when absent. */
    readonly delayMs?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RetryableError';
  }
}

/** A message that can never succeed: it is terminated and recorded as a dead letter with the reason. */
export class PermanentError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** NATS is unreachable: the gateway turns this into 503. */
export class MessagingUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MessagingUnavailableError';
  }
}
