import { timingSafeEqual, type KeyObject } from 'node:crypto';
import type {
  BuildSpec,
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
import { TuxsuiteClient, type TuxBuildEntry, type TuxTestRequest } from './tuxsuite.client.js';
import type { TuxsuiteSettings } from './tuxsuite.settings.js';
import { TUXSUITE_SECRET_HEADER, TUXSUITE_SIGNATURE_HEADER } from './tuxsuite.settings.js';
import { publicKeyFromOpenSsh, verifyTuxsuiteSignature } from './tuxsuite.signature.js';
import { mapTuxsuiteStatus, parseTuxsuiteCallback } from './tuxsuite.status.js';

const FULL_SHA = /^[0-9a-f]{40}$/;

/** Runs builds and tests on TuxSuite and reads its callbacks (runners.md §1–2). */
export class TuxsuiteAdapter implements RunnerAdapter {
  readonly name: RunnerName = 'tuxsuite';
  private readonly client: TuxsuiteClient;
  private readonly key: KeyObject | undefined;

  /** Throws if `publicKey` is set but unreadable: a bad key is a configuration mistake. */
  constructor(settings: TuxsuiteSettings, fetchFn?: typeof fetch) {
    this.client = new TuxsuiteClient(settings, fetchFn);
    this.key =
      settings.publicKey === undefined ? undefined : publicKeyFromOpenSsh(settings.publicKey);
  }

  async launchBuild(spec: BuildSpec, callback: CallbackTarget): Promise<Launched> {
    if (spec.kconfig.length === 0) {
      throw new RunnerError(
        'tuxsuite',
        'kconfig is empty: its first entry must be a base config',
        false,
      );
    }
    let ref: Pick<TuxBuildEntry, 'git_ref' | 'git_sha'>;
    if (spec.commit !== undefined) {
      const sha = spec.commit.toLowerCase();
      if (!FULL_SHA.test(sha)) {
        throw new RunnerError(
          'tuxsuite',
          `commit "${spec.commit}" is not a full 40-character SHA`,
          false,
        );
      }
      ref = { git_sha: sha };
    } else {
      ref = { git_ref: spec.branch };
    }
    const entry: TuxBuildEntry = {
      client_token: spec.runId,
      git_repo: spec.tree,
      ...ref,
      target_arch: spec.arch,
      toolchain: spec.toolchain,
      kconfig: spec.kconfig,
      environment: {},
      targets: [],
      make_variables: {},
      is_public: true,
      callback: callback.url,
      callback_headers: { [TUXSUITE_SECRET_HEADER]: callback.secret },
    };
    const { uid } = await this.client.submitBuild(entry);
    return { jobId: uid, jobUrl: this.client.objectUrl('builds', uid) };
  }

  async launchTests(spec: TestSpec, callback: CallbackTarget): Promise<Launched> {
    // Boot always runs first on TuxSuite; the client strips it too.
    const tests = spec.kind === 'boot' ? [] : spec.tests.filter((t) => t !== 'boot');
    const request: TuxTestRequest = {
      device: spec.device,
      kernel: spec.kernelImageUrl,
      ...(spec.modulesUrl !== undefined ? { modules: spec.modulesUrl } : {}),
      ...(tests.length > 0 ? { tests } : {}),
      parameters: null,
      rootfs: null,
      dtb: null,
      bios: null,
      ap_romfw: null,
      fip: null,
      mcp_fw: null,
      mcp_romfw: null,
      scp_fw: null,
      scp_romfw: null,
      lava_test_plans_project: null,
      lab: null,
      is_public: true,
      callback: callback.url,
      callback_headers: { [TUXSUITE_SECRET_HEADER]: callback.secret },
    };
    const { uid } = await this.client.submitTest(request);
    return { jobId: uid, jobUrl: this.client.objectUrl('tests', uid) };
  }

  verifyCallback(run: KnownRun, incoming: IncomingCallback): Promise<CallbackOutcome> {
    try {
      return Promise.resolve(this.verify(run, incoming));
    } catch (err) {
      // Never throws: whatever slipped through is a body we cannot read.
      return Promise.resolve({
        verified: false,
        status: 400,
        reason: `unreadable callback: ${String(err)}`,
      });
    }
  }

  async fetchStatus(kind: RunKind, jobId: string): Promise<RunnerJobState> {
    const status = await this.client.get(kind === 'build' ? 'builds' : 'tests', jobId);
    return mapTuxsuiteStatus(kind === 'build' ? 'build' : 'test', status);
  }

  private verify(run: KnownRun, incoming: IncomingCallback): CallbackOutcome {
    // (a) Who sent it: the group's signature, or else the run's secret.
    let text: string;
    if (this.key !== undefined) {
      const signature = header(incoming.headers, TUXSUITE_SIGNATURE_HEADER);
      if (signature === undefined) {
        return {
          verified: false,
          status: 401,
          reason: `missing ${TUXSUITE_SIGNATURE_HEADER} header`,
        };
      }
      const signed = verifyTuxsuiteSignature(this.key, incoming.rawBody, signature);
      if (signed === undefined) {
        return {
          verified: false,
          status: 401,
          reason: 'the TuxSuite signature does not match the body',
        };
      }
      text = signed.signedText;
    } else {
      const presented = header(incoming.headers, TUXSUITE_SECRET_HEADER);
      if (presented === undefined) {
        return { verified: false, status: 401, reason: `missing ${TUXSUITE_SECRET_HEADER} header` };
      }
      if (!sameSecret(presented, run.secret)) {
        return { verified: false, status: 401, reason: `wrong ${TUXSUITE_SECRET_HEADER}` };
      }
      text = incoming.rawBody.toString('utf8');
    }
    // (b) What it says, read only once we trust who said it.
    const parsed = parseTuxsuiteCallback(text);
    if (!parsed.ok) return { verified: false, status: 400, reason: parsed.reason };
    const { kind, status } = parsed.callback;
    // (c) A valid callback about another job (a replay from another run) changes nothing here.
    if (run.jobId === null || status.uid !== run.jobId) {
      const ours =
        run.jobId === null ? 'this run has not been launched' : `this run's job is ${run.jobId}`;
      return {
        verified: false,
        status: 403,
        reason: `callback is about job ${status.uid}, not this run's job (${ours})`,
      };
    }
    return { verified: true, jobId: status.uid, job: mapTuxsuiteStatus(kind, status) };
  }
}

/** One header value, whatever the case of its name; a repeated header is refused as ambiguous. */
function header(headers: IncomingCallback['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.length === 1) return value[0];
    return undefined;
  }
  return undefined;
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // timingSafeEqual needs equal lengths; the length of a random secret is no secret.
  return expected !== '' && a.length === b.length && timingSafeEqual(a, b);
}
