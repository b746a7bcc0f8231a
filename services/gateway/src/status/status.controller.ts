import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthRequest } from '../auth/auth.guard.js';
import { CurrentCaller } from '../auth/caller.decorator.js';
import type { Caller } from '../auth/scopes.js';
import { NoToken, RequiresScope } from '../auth/scopes.js';
import {
  clearedCookies,
  csrfMatches,
  csrfTokenOf,
  flashCookie,
  flashOf,
  flashShown,
  newSessionCookie,
} from '../auth/status-session.js';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import { StatusPageFilter } from './status-page.filter.js';
import {
  assertSameOrigin,
  formField,
  redirectToStatus,
  secureCookies,
  sendHtml,
} from './status-http.js';
import { STATUS_SCOPE, StatusService } from './status.service.js';
import { statusPage } from './status.view.js';

type StatusRequest = FastifyRequest & AuthRequest;

/**
 * The status page: HTML for people, behind the API's tokens. A browser signs in once with a token
 * (kept in a session cookie); forms carry the session's CSRF token and answer with a redirect.
 */
@ApiExcludeController()
@Controller('status')
@UseFilters(StatusPageFilter)
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Get()
  @RequiresScope(STATUS_SCOPE)
  async page(
    @Req() req: StatusRequest,
    @Res() reply: FastifyReply,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const overview = await this.status.overview();
    const flash = flashOf(req.headers);
    if (flash) void reply.header('set-cookie', flashShown(secureCookies(req)));
    const csrf = req.statusSession ? csrfTokenOf(req.statusSession) : undefined;
    sendHtml(reply, 200, statusPage({ overview, caller, csrf, flash, now: new Date() }));
  }

  @Post('login')
  @NoToken()
  async login(@Req() req: StatusRequest, @Res() reply: FastifyReply): Promise<void> {
    assertSameOrigin(req);
    const token = formField(req.body, 'token')?.trim() ?? '';
    if (token === '' || token.length > 1_000) {
      throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'Enter an API token.');
    }
    await this.status.signIn(token);
    redirectToStatus(reply, [newSessionCookie(token, secureCookies(req))]);
  }

  @Post('logout')
  @NoToken()
  logout(@Req() req: StatusRequest, @Res() reply: FastifyReply): void {
    assertSameOrigin(req);
    redirectToStatus(reply, clearedCookies(secureCookies(req)));
  }

  @Post('dead-letters/:id/retry')
  // admin, as the API's retry: an event dead letter may be a run command.
  @RequiresScope('admin')
  async retry(
    @Param('id') id: string,
    @Req() req: StatusRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    assertSameOrigin(req);
    // A session cookie rides along on any request the browser makes; only a form from our page
    // knows the CSRF token. A request with an Authorization header cannot be forged by a page.
    if (req.statusSession && !csrfMatches(req.statusSession, formField(req.body, 'csrf'))) {
      throw new ApiError(
        ApiErrorCode.FORBIDDEN,
        'This form did not come from your status page (its CSRF token is missing or wrong). Reload the page and try again.',
      );
    }
    const result = await this.status.retry(id);
    redirectToStatus(reply, [
      flashCookie(result.ok ? 'ok' : 'error', result.text, secureCookies(req)),
    ]);
  }
}
