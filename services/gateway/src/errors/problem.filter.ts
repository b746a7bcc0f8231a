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
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json')
      .send(problem);
  }
}
