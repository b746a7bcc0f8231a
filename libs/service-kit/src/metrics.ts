import { Controller, Get, Header, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Each service's Prometheus registry (prom-client, the de-facto Node client): process metrics,
 * HTTP latency, events handled by outcome, plus the service's own gauges.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly eventsHandled: Counter<'type' | 'outcome'>;
  readonly eventDuration: Histogram<'type'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'kci_' });
    this.httpDuration = new Histogram({
      name: 'kci_http_request_duration_seconds',
      help: 'HTTP request latency by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.eventsHandled = new Counter({
      name: 'kci_events_handled_total',
      help: 'Events handled by type and outcome (ack, nak, term)',
      labelNames: ['type', 'outcome'],
      registers: [this.registry],
    });
    this.eventDuration = new Histogram({
      name: 'kci_event_handling_seconds',
      help: 'Time to handle one event, by type',
      labelNames: ['type'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers: [this.registry],
    });
  }

  /** A gauge whose value is read at scrape time (e.g. an outbox depth from SQL). */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    collect: (g: Gauge<L>) => Promise<void>,
  ): void {
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        await collect(this);
      },
    });
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter<L>({ name, help, labelNames, registers: [this.registry] });
  }
}

/** `GET /metrics` in Prometheus text format. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
