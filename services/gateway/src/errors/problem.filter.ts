import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Logger as Pino } from 'pino';
import { toProblem } from './problem.js';

/** The gateway's single exception filter: every error becomes `application/problem+json`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Pino) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { problem, internal } = toProblem(exception);
    if (internal !== undefined) {
      this.logger.error({ errorId: problem.error_id, err: internal }, 'unhandled error');
    }
    if (problem.retry_after !== undefined)
      void reply.header('retry-after', String(problem.retry_after));
    if (problem.status === 401) void reply.header('www-authenticate', 'Bearer realm="kci-bridge"');
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json')
      .send(problem);
  }
}
