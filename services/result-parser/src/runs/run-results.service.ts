import type { Envelope, RunFinishedV1 } from '@kci-bridge/contracts';
import type { NormalisedResult } from '@kci-bridge/results';
import { parseLavaResults, parseTuxsuiteResults } from '@kci-bridge/results';
import { EventPublisher, NatsLink } from '@kci-bridge/messaging';
import { PINO } from '@kci-bridge/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import type { ParserConfig } from '../config/env.js';
import { ParsedSubmissionRepository } from '../submissions/parsed-submission.repository.js';
import { partsOf } from '@kci-bridge/results';
import { PARSER_CONFIG, RESULTS_FETCHER } from '../tokens.js';
import { FetchRefused, ResultsFetcher } from './results-fetcher.client.js';
import { mapBuildRun, mapTestRun } from './run-results.mapper.js';

/** Turns a finished run into KCIDB objects: a checkout and a build, or one test per case. */
@Injectable()
export class RunResultsService {
  constructor(
    private readonly repository: ParsedSubmissionRepository,
    private readonly publisher: EventPublisher,
    private readonly link: NatsLink,
    @Inject(RESULTS_FETCHER) private readonly fetcher: ResultsFetcher,
    @Inject(PARSER_CONFIG) private readonly config: ParserConfig,
    @Inject(PINO) private readonly logger: Pino,
  ) {}

  async parseRun(envelope: Envelope<'run.finished'>): Promise<void> {
    const event = envelope.payload;
    const diagnostics: string[] = [];
    let mapped;
    if (event.request.kind === 'build') {
      mapped = mapBuildRun(event, this.config.origin);
    } else {
      const results = await this.results(event, diagnostics);
      mapped = mapTestRun(event, this.config.origin, results);
    }
    diagnostics.push(...mapped.diagnostics);
    const all = [
      ...(mapped.objects.checkouts ?? []),
      ...(mapped.objects.builds ?? []),
      ...(mapped.objects.tests ?? []),
    ];
    await this.repository.saveOnce([
      {
        submissionId: event.runId,
        buildId:
          event.request.kind === 'build'
            ? (mapped.objects.builds?.[0]?.id ?? '')
            : event.request.test.buildId,
        testCount: mapped.objects.tests?.length ?? 0,
        objectIds: all.map((o) => o.id),
        diagnostics,
      },
    ]);
    const maxBytes = Math.floor(this.link.maxPayload / 2);
    const parts = [
      ...(mapped.objects.checkouts || mapped.objects.builds
        ? [
            {
              ...(mapped.objects.checkouts ? { checkouts: mapped.objects.checkouts } : {}),
              ...(mapped.objects.builds ? { builds: mapped.objects.builds } : {}),
            },
          ]
        : []),
      ...partsOf(mapped.objects.tests ?? [], maxBytes),
    ];
    for (const [part, objects] of parts.entries()) {
      await this.publisher.publish(
        'objects.parsed',
        { submissionId: event.runId, part, parts: parts.length, objects },
        { correlationId: envelope.correlationId, id: `objects-${event.runId}-${part}` },
      );
    }
    this.logger.info(
      { runId: event.runId, objects: all.length, diagnostics: diagnostics.length },
      'run parsed',
    );
  }

  /** Per-case results: fetched (TuxSuite results.json) or inline (LAVA); undefined when none are available. */
  private async results(
    event: RunFinishedV1,
    diagnostics: string[],
  ): Promise<NormalisedResult[] | undefined> {
    const r = event.result;
    if (!r || event.request.kind === 'build') return undefined;
    const expected = ['boot', ...event.request.test.tests];
    let outcome;
    if (r.inlineResults) {
      outcome = parseLavaResults(r.inlineResults, r.runnerResult);
    } else if (r.resultsUrl) {
      try {
        outcome = parseTuxsuiteResults(await this.fetcher.json(r.resultsUrl), {
          testNames: expected,
        });
      } catch (e) {
        if (!(e instanceof FetchRefused)) throw e;
        diagnostics.push(e.message);
        return [];
      }
    } else {
      diagnostics.push('the runner gave no results document');
      return [];
    }
    diagnostics.push(...outcome.diagnostics);
    return outcome.results;
  }
}
