import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parseDocument, stringify } from 'yaml';
import { isRecord } from '../http.js';
import {
  JobTemplateError,
  PLACEHOLDERS,
  expandTestActions,
  placeholderValues,
  readKciBlock,
  substitute,
  type JobRenderInput,
} from './job-values.js';
import { testDefinition } from './lava-tests.js';

export {
  JobTemplateError,
  PLACEHOLDERS,
  compressionOf,
  type JobRenderInput,
} from './job-values.js';

/**
 * LAVA job definitions from YAML templates, one per device (`<device>.yaml`). A template is a LAVA
 * job with `{{ name }}` placeholders where values go, and an optional `kci:` block of template
 * settings. Values are never pasted into YAML text: each placeholder becomes an inert token, the
 * template is parsed, and the tokens in the parsed tree are replaced by the values as data, so a
 * value with quotes, newlines or YAML syntax stays one string. The result is checked, given its
 * `notify` and `metadata`, serialised, and parsed again to prove it says the same.
 */

const DEVICE = /^[a-z0-9][a-z0-9_.-]{0,99}$/;
const ACTIONS = new Set(['deploy', 'boot', 'test', 'command']);

/** Reads `<device>.yaml` from the configured folder, else from the shipped one. */
export async function loadJobTemplate(device: string, dirs: (string | URL)[]): Promise<string> {
  // The name becomes a file name: nothing that could leave the folder.
  if (!DEVICE.test(device)) throw new JobTemplateError(`"${device}" is not a device name`);
  const tried: string[] = [];
  for (const dir of dirs) {
    const file = new URL(`${device}.yaml`, toDirUrl(dir));
    try {
      return await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      tried.push(file.pathname);
    }
  }
  throw new JobTemplateError(
    `no LAVA job template for device "${device}" (looked for ${tried.join(', ')})`,
  );
}

/** Renders a template for one run into the job definition to submit. */
export function renderJobDefinition(template: string, input: JobRenderInput): string {
  const nonce = randomBytes(9).toString('hex');
  const token = (name: string): string => `kci-placeholder-${nonce}-${name}`;
  // Comments are replaced too and then vanish; a name we do not know fails only if it is used.
  const unknown: string[] = [];
  const text = template.replace(/\{\{([^{}]*)\}\}/g, (_m, inner: string) => {
    const name = inner.trim();
    if ((PLACEHOLDERS as readonly string[]).includes(name)) return token(name);
    unknown.push(name);
    return `kci-placeholder-${nonce}-unknown${unknown.length - 1}`;
  });
  // LAVA reads job definitions with PyYAML, i.e. YAML 1.1 (`on`, `1:20` and `0755` are not strings).
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0)
    throw new JobTemplateError(`template is not valid YAML: ${doc.errors[0]?.message}`);
  const job: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isRecord(job)) throw new JobTemplateError('template is not a YAML mapping');

  const kci = readKciBlock(job.kci, nonce);
  delete job.kci;
  const values = placeholderValues(input, kci);
  const tokens = new Map(PLACEHOLDERS.map((name) => [token(name), name]));
  const definitions = input.tests.map((name) =>
    testDefinition(name, kci.testDefinitions, kci.testParameters),
  );
  job.actions = expandTestActions(job.actions, token('test_definitions'), definitions);
  const rendered = substitute(job, { nonce, tokens, values, unknown });
  if (!isRecord(rendered)) throw new JobTemplateError('template is not a YAML mapping');

  checkStructure(rendered, input.deviceType);
  rendered.notify = {
    criteria: { status: 'finished' },
    callbacks: [
      {
        url: values.callback_url,
        method: 'POST',
        dataset: 'all',
        'content-type': 'json',
        token: values.token_description,
      },
    ],
  };
  rendered.metadata = { ...templateMetadata(rendered.metadata), kci_run_id: input.runId };

  const out = stringify(rendered, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
  const again: unknown = parseDocument(out, { version: '1.1', uniqueKeys: true }).toJS();
  if (!isDeepStrictEqual(again, rendered) || out.includes(nonce)) {
    throw new JobTemplateError('the rendered job does not read back as rendered');
  }
  return out;
}

function checkStructure(job: Record<string, unknown>, deviceType: string): void {
  const fail = (why: string): never => {
    throw new JobTemplateError(`rendered job is not a LAVA job: ${why}`);
  };
  if (job.device_type !== deviceType)
    fail(`device_type is ${JSON.stringify(job.device_type)}, expected "${deviceType}"`);
  if (typeof job.job_name !== 'string' || job.job_name === '') fail('job_name must be a string');
  if (typeof job.visibility !== 'string' && !isRecord(job.visibility))
    fail('visibility is missing');
  if (!isRecord(job.timeouts) || !isRecord(job.timeouts.job)) fail('timeouts.job is missing');
  if (!Array.isArray(job.actions) || job.actions.length === 0)
    return fail('actions must be a non-empty list');
  const kinds = job.actions.map((action: unknown, i) => {
    const keys = isRecord(action) ? Object.keys(action) : [];
    const kind = keys[0];
    if (
      keys.length !== 1 ||
      kind === undefined ||
      !ACTIONS.has(kind) ||
      !isRecord((action as Record<string, unknown>)[kind])
    ) {
      return fail(`actions[${i}] must be one of deploy, boot, test, command`);
    }
    const body = (action as Record<string, Record<string, unknown>>)[kind];
    if (kind === 'test' && (!Array.isArray(body?.definitions) || body.definitions.length === 0)) {
      return fail(`actions[${i}] is a test without definitions`);
    }
    return kind;
  });
  if (!kinds.includes('deploy') || !kinds.includes('boot'))
    fail('a job needs a deploy and a boot action');
}

/** LAVA keeps metadata as strings; a template's own entries are kept. */
function templateMetadata(metadata: unknown): Record<string, string> {
  if (metadata === undefined || metadata === null) return {};
  if (!isRecord(metadata) || !Object.values(metadata).every((v) => typeof v === 'string')) {
    throw new JobTemplateError('metadata must map names to strings');
  }
  return metadata as Record<string, string>;
}

function toDirUrl(dir: string | URL): URL {
  if (dir instanceof URL) return dir;
  return pathToFileURL(`${resolve(dir)}/`);
}
