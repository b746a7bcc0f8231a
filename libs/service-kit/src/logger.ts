import type { LoggerService } from '@nestjs/common';
import { currentCorrelationId } from '@kci-bridge/messaging';
import type { Logger as Pino } from 'pino';
import { pino } from 'pino';

/** JSON logs on stdout, each line with the service name and the current correlation id. */
export function createLogger(service: string, level: string): Pino {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const correlationId = currentCorrelationId();
      return correlationId ? { correlationId } : {};
    },
    redact: {
      paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
  });
}

function split(params: unknown[]): { context?: string; extra: Record<string, unknown> } {
  const extra: Record<string, unknown> = {};
  let context: string | undefined;
  for (const p of params) {
    if (typeof p === 'string') context = p;
    else if (p && typeof p === 'object') Object.assign(extra, p);
  }
  return { context, extra };
}

/** Nest's logger interface over pino, so framework messages are JSON lines too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    const { context, extra } = split(params);
    this.pino.info({ context, ...extra }, String(message));
  }
  error(message: unknown, ...params: unknown[]): void {
    const { context, extra } = split(
      params.filter((p) => typeof p !== 'string' || !p.includes('\n    at ')),
    );
    const err = message instanceof Error ? { err: message } : {};
    this.pino.error(
      { context, ...extra, ...err },
      message instanceof Error ? message.message : String(message),
    );
  }
  warn(message: unknown, ...params: unknown[]): void {
    const { context, extra } = split(params);
    this.pino.warn({ context, ...extra }, String(message));
  }
  debug(message: unknown, ...params: unknown[]): void {
    const { context, extra } = split(params);
    this.pino.debug({ context, ...extra }, String(message));
  }
  verbose(message: unknown, ...params: unknown[]): void {
    const { context, extra } = split(params);
    this.pino.trace({ context, ...extra }, String(message));
  }
}
