import { PINO } from '@kci-bridge/service-kit';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import type { GatewayConfig } from '../config/env.js';
import { GATEWAY_CONFIG } from '../tokens.js';
import { IdempotencyRepository } from './idempotency.repository.js';

const EVERY_MS = 10 * 60_000;

/**
 * Deletes idempotency reservations past their use, at start and every ten minutes. Each replica
 * does it; the delete is idempotent, so they need no coordination.
 */
@Injectable()
export class IdempotencyPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly keys: IdempotencyRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(PINO) private readonly logger: Pino,
  ) {}

  onApplicationBootstrap(): void {
    void this.prune();
    this.timer = setInterval(() => void this.prune(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async prune(): Promise<void> {
    try {
      const n = await this.keys.prune(
        this.config.idempotencyKeyTtlMs,
        this.config.idempotencyWindowMs,
      );
      if (n > 0) this.logger.info({ pruned: n }, 'idempotency reservations pruned');
    } catch (e) {
      // PostgreSQL down: the next round catches up.
      this.logger.warn({ err: e }, 'pruning idempotency reservations failed');
    }
  }
}
