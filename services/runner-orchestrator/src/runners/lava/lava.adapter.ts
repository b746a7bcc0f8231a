import { timingSafeEqual } from 'node:crypto';
import type {
  CallbackOutcome,
  CallbackTarget,
  IncomingCallback,
  KnownRun,
  Launched,
  RunKind,
  RunnerAdapter,
  RunnerJobState,
  RunnerName,
  TestSpec,
} from '../runner-adapter.js';
import { RunnerError } from '../runner-adapter.js';
import { loadJobTemplate, renderJobDefinition } from './job-template.js';
import { testFamily } from './lava-tests.js';
import { isRecord } from '../http.js';
import { LavaClient } from './lava.client.js';
import { DEFAULT_LAVA_TEMPLATES_DIR, type LavaSettings } from './lava.settings.js';
import { mapLavaCallback, mapLavaJob } from './lava.status.js';

/**
 * Runs boot and test jobs on a LAVA lab (runners.md §4). Job definitions are often public, so a
 * callback is trusted for three things together: the unguessable per-run URL it came to (the
 * orchestrator checks the run exists), the lab token's value in `Authorization`, and the job id
 * being the one launched for that run.
 */
export class LavaAdapter implements RunnerAdapter {
  readonly name: RunnerName = 'lava';
  private readonly client: LavaClient;

  constructor(
    private readonly settings: LavaSettings,
    fetchFn?: typeof fetch,
  ) {
    this.client = new LavaClient(settings, fetchFn);
  }

  launchBuild(): Promise<Launched> {
    return Promise.reject(new RunnerError('lava', 'LAVA does not build kernels', false));
  }

  async launchTests(spec: TestSpec, callback: CallbackTarget): Promise<Launched> {
    const refuse = (why: string): never => {
      throw new RunnerError('lava', why, false);
    };
    const deviceType = Object.hasOwn(this.settings.deviceTypes, spec.device)
      ? this.settings.deviceTypes[spec.device]
      : undefined;
    if (deviceType === undefined) {
      const known = Object.keys(this.settings.deviceTypes).join(', ') || 'none';
      return refuse(`device "${spec.device}" is not configured for LAVA (configured: ${known})`);
    }
    const tests = spec.kind === 'boot' ? [] : spec.tests.filter((t) => t !== 'boot');
    const unsupported = tests.filter((t) => testFamily(t) === undefined);
    if (unsupported.length > 0) {
      refuse(
        `LAVA has no test definition for ${unsupported.map((t) => `"${t}"`).join(', ')} ` +
          '(supported: ltp-<runtest>, kselftest-<collection>)',
      );
    }
    let definition: string;
    try {
      const dirs = [
        ...(this.settings.templatesDir !== undefined ? [this.settings.templatesDir] : []),
        DEFAULT_LAVA_TEMPLATES_DIR,
      ];
      const template = await loadJobTemplate(spec.device, dirs);
      definition = renderJobDefinition(template, {
        runId: spec.runId,
        device: spec.device,
        deviceType,
        kernelImageUrl: spec.kernelImageUrl,
        ...(spec.modulesUrl !== undefined ? { modulesUrl: spec.modulesUrl } : {}),
        tests,
        callbackUrl: callback.url,
        tokenDescription: this.settings.callbackTokenDescription,
        ...(this.settings.rootfsUrl !== undefined ? { rootfsUrl: this.settings.rootfsUrl } : {}),
      });
    } catch (err) {
      // A template or value problem: retrying the same run will not fix it.
      return refuse(
        `cannot make the LAVA job: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const id = await this.client.submit(definition);
    return { jobId: id, jobUrl: this.client.jobUrl(id) };
  }

  verifyCallback(run: KnownRun, incoming: IncomingCallback): Promise<CallbackOutcome> {
    try {
      return Promise.resolve(this.verify(run, incoming));
    } catch (err) {
      return Promise.resolve({
        verified: false,
        status: 400,
        reason: `unreadable callback: ${String(err)}`,
      });
    }
  }

  async fetchStatus(_kind: RunKind, jobId: string): Promise<RunnerJobState> {
    const job = await this.client.job(jobId);
    // The callback carried the results; here they are one more request, once the job is done.
    const results = job.state === 'Finished' ? await this.client.resultsYaml(jobId) : undefined;
    return mapLavaJob(job, this.client.logUrl(jobId), results);
  }

  private verify(run: KnownRun, incoming: IncomingCallback): CallbackOutcome {
    const presented = header(incoming.headers, 'authorization');
    if (presented === undefined)
      return { verified: false, status: 401, reason: 'missing Authorization header' };
    const { callbackTokenDescription: description, callbackTokenValue: value } = this.settings;
    if (presented === description && description !== value) {
      // LAVA sends the description itself when the submitter has no token by that description.
      return {
        verified: false,
        status: 401,
        reason: `LAVA sent the token description "${description}" instead of its value: the submitting user has no auth token with that description`,
      };
    }
    if (!sameSecret(presented, value))
      return { verified: false, status: 401, reason: 'wrong LAVA callback token' };
    const type = header(incoming.headers, 'content-type') ?? '';
    if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type.trim())) {
      return {
        verified: false,
        status: 415,
        reason: `callback content type is "${type}": set "content-type: json" in the job's notify callback (form bodies lose results)`,
      };
    }
    let body: unknown;
    try {
      body = JSON.parse(incoming.rawBody.toString('utf8'));
    } catch {
      return { verified: false, status: 400, reason: 'the callback body is not JSON' };
    }
    if (!isRecord(body))
      return { verified: false, status: 400, reason: 'the callback body is not a JSON object' };
    const id =
      typeof body.id === 'number' || typeof body.id === 'string' ? String(body.id) : undefined;
    if (id === undefined || id === '')
      return { verified: false, status: 400, reason: 'the callback has no job id' };
    if (run.jobId === null || id !== run.jobId) {
      const ours =
        run.jobId === null ? 'this run has not been launched' : `this run's job is ${run.jobId}`;
      return {
        verified: false,
        status: 403,
        reason: `callback is about job ${id}, not this run's job (${ours})`,
      };
    }
    const runIdInJob = metadataValue(body.metadata, 'kci_run_id');
    if (runIdInJob !== undefined && runIdInJob !== run.runId) {
      return {
        verified: false,
        status: 403,
        reason: `job ${id} was launched for run ${runIdInJob}`,
      };
    }
    return { verified: true, jobId: id, job: mapLavaCallback(body, this.client.logUrl(id)) };
  }
}

/** LAVA stores `metadata` as a list of one-key mappings, or sends a mapping. */
function metadataValue(metadata: unknown, key: string): string | undefined {
  const entries = Array.isArray(metadata) ? metadata : [metadata];
  for (const entry of entries) {
    if (isRecord(entry) && Object.hasOwn(entry, key)) return String(entry[key]);
  }
  return undefined;
}

function header(headers: IncomingCallback['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.length === 1) return value[0];
    return undefined;
  }
  return undefined;
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return expected !== '' && a.length === b.length && timingSafeEqual(a, b);
}
