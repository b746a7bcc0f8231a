import { PINO } from '@kci-bridge/service-kit';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';
import { bearerOf, clearedCookies, sessionOf } from '../auth/status-session.js';
import { toProblem } from '../errors/problem.js';
import { errorPage, loginPage } from './status-layout.view.js';
import { sendHtml, secureCookies } from './status-http.js';

/**
 * The status page's errors as pages, not problem+json: no or a bad token is the sign-in form
 * (401, and a dead session cookie is dropped), anything else an error page with a way back.
 */
@Catch()
@Injectable()
export class StatusPageFilter implements ExceptionFilter {
  constructor(@Inject(PINO) private readonly logger: Pino) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, internal } = toProblem(exception);
    if (internal !== undefined) {
      this.logger.error({ errorId: problem.error_id, err: internal }, 'unhandled error');
    }
    if (problem.status === 401) {
      const session = sessionOf(req.headers);
      // A first visit (no credentials at all) is no error; a refused token or session is.
      const attempted =
        req.method === 'POST' || session !== undefined || bearerOf(req.headers) !== undefined;
      if (session) void reply.header('set-cookie', clearedCookies(secureCookies(req)));
      sendHtml(reply, 401, loginPage({ text: problem.detail, error: attempted }));
      return;
    }
    if (problem.retry_after !== undefined)
      void reply.header('retry-after', String(problem.retry_after));
    sendHtml(
      reply,
      problem.status,
      errorPage(problem.status, problem.title, problem.detail, problem.error_id),
    );
  }
}
