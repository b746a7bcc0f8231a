import type { Envelope, ParserSubmissionReplyV1 } from '@kci-bridge/contracts';
import { EventPublisher, NatsLink } from '@kci-bridge/messaging';
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
   * Maps a submission to KCIDB objects, records it, and publishes the objects. Safe to repeat:
   * the record is insert-once and each part has a fixed message id, so a redelivery changes nothing.
   */
  async parseSubmitted(envelope: Envelope<'results.submitted'>): Promise<void> {
    const submission = envelope.payload;
    const { tests, diagnostics } = mapSubmittedResults(submission, this.config.origin);
    await this.repository.saveOnce({
      submissionId: submission.submissionId,
      buildId: submission.buildId,
      testCount: tests.length,
      objectIds: tests.map((t) => t.id),
      diagnostics,
    });
    const parts = partsOf(tests, Math.floor(this.link.maxPayload / 2));
    for (const [part, objects] of parts.entries()) {
      await this.publisher.publish(
        'objects.parsed',
        { submissionId: submission.submissionId, part, parts: parts.length, objects },
        { correlationId: envelope.correlationId, id: `objects-${submission.submissionId}-${part}` },
      );
    }
    this.logger.info(
      {
        submissionId: submission.submissionId,
        tests: tests.length,
        parts: parts.length,
        diagnostics: diagnostics.length,
      },
      'submission parsed',
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
