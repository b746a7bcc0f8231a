import type { Envelope } from '@kci-bridge/contracts';
import { EventController, OnEvent, QueryResponder } from '@kci-bridge/messaging';
import type { OnModuleInit } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RunnerRegistry } from '../runners/runner-registry.js';
import { RunsService } from './runs.service.js';

/** The edge for commands and queries: one service call each. */
@EventController()
export class RunsHandler implements OnModuleInit {
  constructor(
    private readonly runs: RunsService,
    private readonly runners: RunnerRegistry,
    private readonly responder: QueryResponder,
  ) {}

  onModuleInit(): void {
    this.responder.answer('run.orchestrator', (q) => this.runs.describe(q.runId));
    this.responder.answer('runs.recent', (q) => this.runs.recent(q.limit));
    this.responder.answer('runners.configured', () =>
      Promise.resolve({ runners: this.runners.names() }),
    );
  }

  @OnEvent('build.requested')
  async handleBuildRequested(@Payload() envelope: Envelope<'build.requested'>): Promise<void> {
    await this.runs.request(envelope);
  }

  @OnEvent('testrun.requested')
  async handleTestRunRequested(@Payload() envelope: Envelope<'testrun.requested'>): Promise<void> {
    await this.runs.request(envelope);
  }
}
