import { randomUUID } from 'node:crypto';
import type { SyncScope } from '@kci-bridge/contracts';
import { EventPublisher } from '@kci-bridge/messaging';
import { Controller, HttpCode, Post } from '@nestjs/common';
import { RequiresScope } from '../auth/scopes.js';

interface SyncAccepted {
  id: string;
  status: 'accepted';
  scope: SyncScope;
}

/** `POST /api/v1/sync/{results,builds}`: re-submit what is pending or failed-retryable in a scope. */
@Controller('api/v1/sync')
@RequiresScope('sync')
export class SyncController {
  constructor(private readonly publisher: EventPublisher) {}

  @Post('results')
  @HttpCode(202)
  results(): Promise<SyncAccepted> {
    return this.request('results');
  }

  @Post('builds')
  @HttpCode(202)
  builds(): Promise<SyncAccepted> {
    return this.request('builds');
  }

  private async request(scope: SyncScope): Promise<SyncAccepted> {
    const id = randomUUID();
    await this.publisher.publish(
      'sync.requested',
      { scope, requestedBy: 'api' },
      { id, correlationId: id },
    );
    return { id, status: 'accepted', scope };
  }
}
