import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { ServiceSettings } from './config.js';
import { Readiness } from './readiness.js';
import { SETTINGS } from './tokens.js';

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

  @Get('ready')
  async ready(): Promise<{ status: 'ready'; service: string }> {
    const problems = await this.readiness.problems();
    if (Object.keys(problems).length > 0) {
      throw new ServiceUnavailableException({
        status: 'not ready',
        service: this.settings.name,
        problems,
      });
    }
    return { status: 'ready', service: this.settings.name };
  }
}
