import { isRecord } from '../http.js';
import { DEFAULT_TEST_DEFINITIONS, testFamily, type TestFamily } from './lava-tests.js';

// The values side of job templates: the template's `kci:` block, each placeholder's value for a
// run, and their substitution into the parsed template (see job-template.ts).

export const PLACEHOLDERS = [
  'job_name',
  'device_type',
  'run_id',
  'kernel_url',
  'kernel_compression',
  'modules_url',
  'modules_compression',
  'rootfs_url',
  'rootfs_compression',
  'dtb_url',
  'kselftest_url',
  'callback_url',
  'token_description',
  'test_definitions',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** What one run puts into its template. */
export interface JobRenderInput {
  runId: string;
  /** Our device name (the template's file name), e.g. `qemu-riscv64`. */
  device: string;
  /** The LAVA device type it maps to, e.g. `qemu`. */
  deviceType: string;
  kernelImageUrl: string;
  modulesUrl?: string;
  /** Test names without `boot` (boot-only: empty). */
  tests: string[];
  callbackUrl: string;
  tokenDescription: string;
  /** Overrides the template's `kci.rootfs_url`. */
  rootfsUrl?: string;
}

/** A template that cannot be loaded or rendered, or a value it cannot take. */
export class JobTemplateError extends Error {
  override name = 'JobTemplateError';
}

const KCI_KEYS = new Set([
  'rootfs_url',
  'dtb_path',
  'kselftest_path',
  'test_definitions',
  'test_parameters',
]);
const JOB_NAME_MAX = 200; // LAVA's TestJob.description

export interface KciBlock {
  rootfsUrl?: string;
  dtbPath?: string;
  kselftestPath: string;
  testDefinitions: { repository: string; revision: string };
  testParameters: Partial<Record<TestFamily, Record<string, string>>>;
}

/** The template's own settings: literal values only, checked here so a typo fails loudly. */
export function readKciBlock(block: unknown, nonce: string): KciBlock {
  const out: KciBlock = {
    kselftestPath: 'kselftest.tar.xz',
    testDefinitions: { ...DEFAULT_TEST_DEFINITIONS },
    testParameters: {},
  };
  if (block === undefined || block === null) return out;
  if (!isRecord(block)) throw new JobTemplateError('kci: must be a mapping');
  if (JSON.stringify(block).includes(nonce))
    throw new JobTemplateError('kci: takes no placeholders');
  for (const key of Object.keys(block)) {
    if (!KCI_KEYS.has(key))
      throw new JobTemplateError(
        `kci.${key} is not a template setting (known: ${[...KCI_KEYS].join(', ')})`,
      );
  }
  const str = (value: unknown, name: string): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '')
      throw new JobTemplateError(`kci.${name} must be a string`);
    return value;
  };
  const rootfsUrl = str(block.rootfs_url, 'rootfs_url');
  const dtbPath = str(block.dtb_path, 'dtb_path');
  if (rootfsUrl !== undefined) out.rootfsUrl = rootfsUrl;
  if (dtbPath !== undefined) out.dtbPath = relativePath(dtbPath, 'dtb_path');
  out.kselftestPath = relativePath(
    str(block.kselftest_path, 'kselftest_path') ?? out.kselftestPath,
    'kselftest_path',
  );
  if (block.test_definitions !== undefined) {
    const td = block.test_definitions;
    if (!isRecord(td)) throw new JobTemplateError('kci.test_definitions must be a mapping');
    out.testDefinitions = {
      repository:
        str(td.repository, 'test_definitions.repository') ?? out.testDefinitions.repository,
      revision: str(td.revision, 'test_definitions.revision') ?? out.testDefinitions.revision,
    };
  }
  if (block.test_parameters !== undefined) {
    if (!isRecord(block.test_parameters))
      throw new JobTemplateError('kci.test_parameters must be a mapping');
    for (const [family, params] of Object.entries(block.test_parameters)) {
      if (family !== 'ltp' && family !== 'kselftest')
        throw new JobTemplateError(`kci.test_parameters.${family}: no such test family`);
      if (!isRecord(params) || !Object.values(params).every((v) => typeof v === 'string')) {
        throw new JobTemplateError(`kci.test_parameters.${family} must map names to strings`);
      }
      out.testParameters[family] = params as Record<string, string>;
    }
  }
  return out;
}

export function placeholderValues(
  input: JobRenderInput,
  kci: KciBlock,
): Record<Placeholder, string | undefined> {
  const kernel = httpUrl(input.kernelImageUrl, 'kernel image URL');
  const modules =
    input.modulesUrl === undefined ? undefined : httpUrl(input.modulesUrl, 'modules URL');
  const rootfsSource = input.rootfsUrl ?? kci.rootfsUrl;
  const rootfs = rootfsSource === undefined ? undefined : httpUrl(rootfsSource, 'rootfs URL');
  const needsKselftest = input.tests.some((t) => testFamily(t) === 'kselftest');
  const label = input.tests.length > 0 ? input.tests.join(', ') : 'boot';
  return {
    job_name: `kci-bridge ${input.runId} ${input.device}: ${label}`.slice(0, JOB_NAME_MAX),
    device_type: input.deviceType,
    run_id: input.runId,
    kernel_url: kernel,
    kernel_compression: compressionOf(kernel),
    modules_url: modules,
    modules_compression: modules === undefined ? undefined : compressionOf(modules),
    rootfs_url: rootfs,
    rootfs_compression: rootfs === undefined ? undefined : compressionOf(rootfs),
    dtb_url: kci.dtbPath === undefined ? undefined : new URL(kci.dtbPath, kernel).href,
    kselftest_url: needsKselftest ? new URL(kci.kselftestPath, kernel).href : undefined,
    callback_url: httpUrl(input.callbackUrl, 'callback URL'),
    token_description: input.tokenDescription,
    test_definitions: undefined, // expanded into test actions, never a value
  };
}

/**
 * Placeholders that may have no value: the key holding one goes, a mapping whose `url` goes
 * goes with it (an image without a URL), and so does a mapping left empty.
 */
const OPTIONAL = new Set<Placeholder>([
  'kernel_compression',
  'modules_url',
  'modules_compression',
  'rootfs_compression',
  'dtb_url',
  'kselftest_url',
]);
const ABSENT = Symbol('absent');

/** One `test` action per requested test, cloned from the template's action whose definitions are `{{ test_definitions }}`. */
export function expandTestActions(
  actions: unknown,
  tdToken: string,
  definitions: unknown[],
): unknown {
  if (!Array.isArray(actions)) return actions;
  const out: unknown[] = [];
  let found = false;
  for (const action of actions) {
    const test = isRecord(action) && isRecord(action.test) ? action.test : undefined;
    if (test === undefined || test.definitions !== tdToken) {
      out.push(action);
      continue;
    }
    found = true;
    for (const definition of definitions)
      out.push({ test: { ...structuredClone(test), definitions: [definition] } });
  }
  if (definitions.length > 0 && !found) {
    throw new JobTemplateError(
      'tests were requested but the template has no test action with definitions: {{ test_definitions }}',
    );
  }
  return out;
}

export interface Substitution {
  nonce: string;
  tokens: Map<string, Placeholder>;
  values: Record<Placeholder, string | undefined>;
  /** What stood between the braces of placeholders that are not ours, by index. */
  unknown: string[];
}

export function substitute(node: unknown, s: Substitution): unknown {
  if (typeof node === 'string') {
    const whole = s.tokens.get(node);
    if (whole !== undefined) return valueOf(whole, s, true);
    if (!node.includes(s.nonce)) return node;
    let out = node;
    for (const [token, name] of s.tokens) {
      if (out.includes(token)) out = out.split(token).join(String(valueOf(name, s, false)));
    }
    if (out.includes(s.nonce)) {
      const index = Number(new RegExp(`${s.nonce}-unknown(\\d+)`).exec(out)?.[1]);
      throw new JobTemplateError(
        `unknown placeholder {{ ${s.unknown[index] ?? '?'} }} (known: ${PLACEHOLDERS.join(', ')})`,
      );
    }
    return out;
  }
  if (Array.isArray(node))
    return node.map((item) => substitute(item, s)).filter((item) => item !== ABSENT);
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  let removed = false;
  for (const [key, value] of Object.entries(node)) {
    if (key.includes(s.nonce)) throw new JobTemplateError('a placeholder cannot be a key');
    const v = substitute(value, s);
    if (v === ABSENT && key === 'url') return ABSENT;
    if (v === ABSENT) removed = true;
    else out[key] = v;
  }
  // A block emptied by removals (e.g. `overlays:` without modules) goes too.
  return removed && Object.keys(out).length === 0 ? ABSENT : out;
}

function valueOf(name: Placeholder, s: Substitution, whole: boolean): string | typeof ABSENT {
  if (name === 'test_definitions') {
    throw new JobTemplateError(
      '{{ test_definitions }} can only be the definitions of a test action',
    );
  }
  const value = s.values[name];
  if (value !== undefined) return value;
  if (name === 'rootfs_url')
    throw new JobTemplateError('the template needs a rootfs: set the rootfs URL or kci.rootfs_url');
  if (!OPTIONAL.has(name) || !whole)
    throw new JobTemplateError(`{{ ${name} }} has no value for this run`);
  return ABSENT;
}

function httpUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new JobTemplateError(`${what} ${JSON.stringify(value)} is not a URL`);
  }
  // LAVA fetches what it is given from the dispatcher: file:// and the like would read its disk.
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new JobTemplateError(`${what} must be http(s)`);
  return url.href;
}

function relativePath(path: string, name: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/') || path.split('/').includes('..')) {
    throw new JobTemplateError(`kci.${name} must be a path relative to the kernel image`);
  }
  return path;
}

/** LAVA's `compression` word for a file, from its name. */
export function compressionOf(url: string): string | undefined {
  const path = new URL(url).pathname.toLowerCase();
  if (path.endsWith('.gz') || path.endsWith('.tgz')) return 'gz';
  if (path.endsWith('.xz') || path.endsWith('.txz')) return 'xz';
  if (path.endsWith('.zst')) return 'zstd';
  if (path.endsWith('.bz2')) return 'bz2';
  return undefined;
}
