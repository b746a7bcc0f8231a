import type { Envelope, ParserSubmissionReplyV1 } from '@kci-bridge/contracts';
import { EventPublisher, NatsLink, describeError, inBatchOrAlone } from '@kci-bridge/messaging';
import { PINO } from '@kci-bridge/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { PARSER_CONFIG } from '../tokens.js';
import type { ParserConfig } from '../config/env.js';
import { ParsedSubmissionRepository } from './parsed-submission.repository.js';
import { mapSubmittedResults, partsOf } from '@kci-bridge/results';

@Injectable()
export class SubmissionsService {
  constructor(
    private readonly repository: ParsedSubmissionRepository,
    private readonly publisher: EventPublisher,
    private readonly link: NatsLink,
    @Inject(PARSER_CONFIG) private readonly config: ParserConfig,
    @Inject(PINO) private readonly logger: Pino,
  ) {}

  /**
   * Maps a batch of submissions to KCIDB objects, records them in one statement, and publishes
   * their objects, every publish in flight at once. Safe to repeat: the records are insert-once
   * and each part has a fixed message id, so a redelivery changes nothing. Returns one result
   * per envelope; when the batch fails, each submission is tried on its own.
   */
  async parseSubmitted(
    envelopes: readonly Envelope<'results.submitted'>[],
  ): Promise<(Error | undefined)[]> {
    const results = await inBatchOrAlone(
      envelopes,
      (some) => this.parseTogether(some),
      (e) =>
        this.logger.warn(
          { submissions: envelopes.length, err: describeError(e) },
          'parsing a batch failed; parsing its submissions one by one',
        ),
    );
    const done = envelopes.filter((_, i) => results[i] === undefined);
    if (done.length > 0) {
      // One line per batch, not per submission, naming each, so a submission id can be found in
      // the log (and test/scale counts how often each was parsed).
      this.logger.info(
        { submissions: done.length, submissionIds: done.map((e) => e.payload.submissionId) },
        'submissions parsed',
      );
    }
    return results;
  }

  private async parseTogether(envelopes: readonly Envelope<'results.submitted'>[]): Promise<void> {
    const mapped = envelopes.map((envelope) => {
      const submission = envelope.payload;
      return { envelope, ...mapSubmittedResults(submission, this.config.origin) };
    });
    await this.repository.saveOnce(
      mapped.map(({ envelope, tests, diagnostics }) => ({
        submissionId: envelope.payload.submissionId,
        buildId: envelope.payload.buildId,
        testCount: tests.length,
        objectIds: tests.map((t) => t.id),
        diagnostics,
      })),
    );
    const maxBytes = Math.floor(this.link.maxPayload / 2);
    await Promise.all(
      mapped.flatMap(({ envelope, tests }) => {
        const { submissionId } = envelope.payload;
        const parts = partsOf(tests, maxBytes);
        return parts.map((objects, part) =>
          this.publisher.publish(
            'objects.parsed',
            { submissionId, part, parts: parts.length, objects },
            { correlationId: envelope.correlationId, id: `objects-${submissionId}-${part}` },
          ),
        );
      }),
    );
  }

  /** What became of a submission, for `GET /api/v1/submissions/{id}`. */
  async describe(submissionId: string): Promise<ParserSubmissionReplyV1> {
    const found = await this.repository.find(submissionId);
    if (!found) return { found: false };
    return {
      found: true,
      buildId: found.buildId,
      testCount: found.testCount,
      parsedAt: found.parsedAt.toISOString(),
      diagnostics: found.diagnostics,
    };
  }
}
