import { createHash, randomUUID } from 'node:crypto';
import type { BuildRequestedV1, RunnerName, TestRunRequestedV1 } from '@kci-bridge/contracts';
import { RUNNER_NAMES } from '@kci-bridge/contracts';
import { EventPublisher, QueryClient } from '@kci-bridge/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '../config/env.js';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import { GATEWAY_CONFIG } from '../tokens.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import type { BootRunDto, BuildRunDto, TestsRunDto } from './run-requests.dto.js';

export interface RunAccepted {
  id: string;
  status: 'accepted';
  replayed: boolean;
  links: { self: string };
}

const BASE_CONFIG = /^([a-z0-9_.-]*config|https?:\/\/[^\s]+)$/;
const RUNNERS_TTL_MS = 15_000;

/** Turns run requests into commands, once per idempotency key, for configured runners only. */
@Injectable()
export class RunsService {
  private runners: { names: string[]; at: number } | undefined;

  constructor(
    private readonly publisher: EventPublisher,
    private readonly queries: QueryClient,
    private readonly keys: IdempotencyRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async requestBuild(body: BuildRunDto, idempotencyKey: string | undefined): Promise<RunAccepted> {
    const runner = await this.configuredRunner(body.runner);
    const fragments = body.fragments ?? [];
    const kconfig = body.kconfig !== undefined ? [body.kconfig, ...fragments] : fragments;
    if (kconfig.length === 0 || !BASE_CONFIG.test(kconfig[0] ?? '')) {
      throw new ApiError(ApiErrorCode.INVALID_FIELDS, 'a build needs a base config', [
        {
          field: 'kconfig',
          message:
            'kconfig is required: TuxMake takes the first entry as the base config (a *config target such as defconfig, or a URL), then applies the fragments',
        },
      ]);
    }
    return this.accept('builds/run', body, idempotencyKey, (runId, requestedAt) => {
      const payload: BuildRequestedV1 = {
        runId,
        requestedAt,
        runner,
        tree: body.tree,
        branch: body.branch,
        arch: body.arch ?? 'riscv',
        toolchain: body.toolchain,
        kconfig,
        ...(body.commit !== undefined ? { commit: body.commit } : {}),
        ...(body.tree_name !== undefined ? { treeName: body.tree_name } : {}),
      };
      return this.publisher.publish('build.requested', payload, {
        id: runId,
        correlationId: runId,
      });
    });
  }

  async requestTests(
    body: TestsRunDto | BootRunDto,
    kind: 'tests' | 'boot',
    idempotencyKey: string | undefined,
  ): Promise<RunAccepted> {
    const runner = await this.configuredRunner(body.runner);
    const tests = kind === 'tests' ? (body as TestsRunDto).tests.filter((t) => t !== 'boot') : [];
    const endpoint = kind === 'tests' ? 'tests/run' : 'boot-test/run';
    return this.accept(endpoint, body, idempotencyKey, (runId, requestedAt) => {
      const payload: TestRunRequestedV1 = {
        runId,
        requestedAt,
        runner,
        kind,
        buildId: body.build_id,
        kernelImageUrl: body.kernel_image_url,
        tests,
        collection: kind === 'tests' ? (body as TestsRunDto).collection : 'boot',
        device: body.device ?? 'qemu-riscv64',
        ...(body.modules_url !== undefined ? { modulesUrl: body.modules_url } : {}),
      };
      return this.publisher.publish('testrun.requested', payload, {
        id: runId,
        correlationId: runId,
      });
    });
  }

  /**
   * Publishes a run command unless an identical request (same Idempotency-Key, or the same body
   * within the window) already did; then it answers with that run.
   */
  private async accept(
    endpoint: string,
    body: object,
    idempotencyKey: string | undefined,
    publish: (runId: string, requestedAt: string) => Promise<unknown>,
  ): Promise<RunAccepted> {
    const requestHash = createHash('sha256')
      .update(`${endpoint}\n${JSON.stringify(body)}`)
      .digest('hex');
    if (idempotencyKey === undefined && this.config.idempotencyWindowMs === 0) {
      // Body de-duplication is off: every request is a new run.
      const runId = randomUUID();
      await publish(runId, new Date().toISOString());
      return accepted(runId, false);
    }
    const key =
      idempotencyKey !== undefined ? `key:${endpoint}:${idempotencyKey}` : `body:${requestHash}`;
    const window =
      idempotencyKey !== undefined
        ? this.config.idempotencyKeyTtlMs
        : this.config.idempotencyWindowMs;
    const reservation = await this.keys.reserve(key, randomUUID(), requestHash, window);
    if (reservation.kind === 'existing') {
      if (reservation.requestHash !== requestHash) {
        throw new ApiError(
          ApiErrorCode.INVALID_FIELDS,
          'Idempotency-Key reused for a different request',
          [
            {
              field: 'Idempotency-Key',
              message: 'this key was used for a different request body; use a new key',
            },
          ],
        );
      }
      // An earlier attempt may have died between reserving and publishing: publishing again is
      // safe, JetStream drops a repeated message id.
      if (!reservation.published) await publish(reservation.runId, new Date().toISOString());
      await this.keys.markPublished(key);
      return accepted(reservation.runId, true);
    }
    try {
      await publish(reservation.runId, new Date().toISOString());
    } catch (e) {
      await this.keys.release(key, reservation.runId);
      throw e;
    }
    await this.keys.markPublished(key);
    return accepted(reservation.runId, false);
  }

  /** The runner, if this bridge has it configured; else a 422 naming those it has. */
  private async configuredRunner(name: string): Promise<RunnerName> {
    if (!this.runners || Date.now() - this.runners.at > RUNNERS_TTL_MS) {
      const reply = await this.queries.ask('runners.configured', {});
      this.runners = { names: reply.runners, at: Date.now() };
    }
    const configured = this.runners.names;
    const known = RUNNER_NAMES.find((r) => r === name);
    if (!known || !configured.includes(known)) {
      const list =
        configured.length > 0
          ? configured.join(', ')
          : 'none (set TUXSUITE_* or KCI_LAVA_* on the runner-orchestrator)';
      throw new ApiError(
        ApiErrorCode.INVALID_FIELDS,
        `runner ${JSON.stringify(name)} is not available`,
        [
          {
            field: 'runner',
            message: `${known ? 'not configured' : 'unknown runner'} "${name}"; configured runners: ${list}`,
          },
        ],
      );
    }
    return known;
  }
}

function accepted(id: string, replayed: boolean): RunAccepted {
  return { id, status: 'accepted', replayed, links: { self: `/api/v1/runs/${id}` } };
}
