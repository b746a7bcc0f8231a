import type { EventType } from '@kci-bridge/contracts';
import { applyDecorators, Controller, UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { PassThroughRpcFilter } from './rpc-filter.js';

/** Marks a method as the handler of one event type; it receives the whole envelope. */
export function OnEvent(type: EventType): MethodDecorator {
  return EventPattern<string>(type);
}

/** The pattern an `OnEventBatch` handler is registered under. */
export function batchPattern(type: string): string {
  return `${type}#batch`;
}

/**
 * Marks a method as the handler of batches of one event type: it receives the envelopes of up
 * to `batchSize` messages (with `JetStreamBatchContext`) and returns `BatchResults`, so one
 * transaction can serve them all. It takes precedence over an `OnEvent` handler of the type.
 */
export function OnEventBatch(type: EventType): MethodDecorator {
  return EventPattern<string>(batchPattern(type));
}

/**
 * Marks a class as a holder of event handlers. It keeps thrown errors intact for the
 * transport (RetryableError → nak, PermanentError → term), which Nest's default filter would not.
 */
export function EventController(): ClassDecorator {
  return applyDecorators(Controller(), UseFilters(new PassThroughRpcFilter()));
}
