import type { Envelope } from '@kci-bridge/contracts';
import { EventController, OnEvent } from '@kci-bridge/messaging';
import { Payload } from '@nestjs/microservices';
import { RunResultsService } from './run-results.service.js';

@EventController()
export class RunFinishedHandler {
  constructor(private readonly runs: RunResultsService) {}

  @OnEvent('run.finished')
  async handleRunFinished(@Payload() envelope: Envelope<'run.finished'>): Promise<void> {
    await this.runs.parseRun(envelope);
  }
}
