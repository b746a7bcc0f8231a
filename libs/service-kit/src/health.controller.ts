import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { ServiceSettings } from './config.js';
import { Readiness } from './readiness.js';
import { SETTINGS } from './tokens.js';

/** The one thing the controller needs of the HTTP reply (Fastify's or Express's). */
interface StatusSetter {
  status(code: number): unknown;
}

type ReadyBody =
  | { status: 'ready'; service: string }
  | { status: 'not ready'; service: string; problems: Record<string, string> };

/** `/health/live` (the process answers) and `/health/ready` (NATS, Postgres and the service's own checks). */
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: Readiness,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  @Get('live')
  live(): { status: 'ok'; service: string } {
    return { status: 'ok', service: this.settings.name };
  }

  /** 200 when ready, else 503 with each problem by check name (no exception: filters keep the body). */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: StatusSetter): Promise<ReadyBody> {
    const problems = await this.readiness.problems();
    if (Object.keys(problems).length > 0) {
      reply.status(503);
      return { status: 'not ready', service: this.settings.name, problems };
    }
    return { status: 'ready', service: this.settings.name };
  }
}
