import { Controller, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { RunsService } from '../runs/runs.service.js';

interface RawRequest {
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

interface Reply {
  status(code: number): unknown;
}

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Where runners report: `/callbacks/{tuxsuite,lava}/{runId}`, outside `/api/v1`. Authenticated
 * by the runner's signature or the run's secret, never by API tokens; the body stays raw bytes
 * because signatures are computed over them.
 */
@Controller('callbacks')
export class CallbacksController {
  constructor(private readonly runs: RunsService) {}

  @Post(':runner/:runId')
  @HttpCode(200)
  async receive(
    @Param('runner') runner: string,
    @Param('runId') runId: string,
    @Req() req: RawRequest,
    @Headers() headers: Record<string, string | string[] | undefined>,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<{ message: string }> {
    if (!RUN_ID.test(runId)) {
      reply.status(404);
      return { message: `no ${runner} run ${runId}` };
    }
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const answer = await this.runs.callback(runner, runId, { headers, rawBody });
    reply.status(answer.status);
    return answer.body;
  }
}
