/**
 * What TuxSuite's REST API accepts and how it names things, kept apart from the server so the
 * rules read in one place. Source: the tuxsuite Python client 1.44.4 and TuxSuite docs, summarised
 * in shared/reference/runners.md §1 (request fields §1.3/§1.5, statuses §1.4/§1.6, TuxMake §6).
 * Validation wording is ours: the real server's messages were not available.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Json } from './wire.js';

export type JsonObject = { [key: string]: Json };

/** `target_arch` values TuxSuite builds (runners.md §1.3). */
// prettier-ignore
export const TARGET_ARCHES = [
  'i386', 'x86_64', 'arm', 'arm64', 'mips', 'riscv', 'arc', 's390',
  'powerpc', 'sparc', 'parisc', 'sh', 'hexagon', 'um', 'm68k', 'loongarch',
] as const;

/** TuxTest devices (runners.md §1.5), aliases included. */
// prettier-ignore
export const DEVICES = [
  'qemu-arm64', 'qemu-arm64be', 'qemu-armv5', 'qemu-armv7', 'qemu-armv7be', 'qemu-i386',
  'qemu-mips32', 'qemu-mips32el', 'qemu-mips64', 'qemu-mips64el', 'qemu-ppc32', 'qemu-ppc64',
  'qemu-ppc64le', 'qemu-riscv64', 'qemu-s390', 'qemu-sh4', 'qemu-sparc64', 'qemu-x86_64',
  'qemu-arm', 'qemu-mips', 'qemu-powerpc', 'qemu-riscv', 'fvp-aemva', 'fvp-lava',
] as const;

/** TuxSuite's toolchain names (runners.md §6): gcc-N, clang-N, *-nightly, clang-android, rust*. */
const TOOLCHAIN =
  /^(gcc|clang|llvm|korg-gcc|korg-clang)(-(\d+|nightly|android))?$|^rust(gcc|clang|llvm)?$/;
const MAKE_VARIABLES = new Set(
  'C W LLVM LLVM_IAS LD AR NM STRIP OBJCOPY OBJDUMP READELF HOSTAR HOSTLD'.split(' '),
);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The kernel file TuxMake leaves for each architecture (runners.md §6); others: Image.gz. */
export function kernelImageName(arch: string): string {
  if (arch === 'x86_64' || arch === 'i386') return 'bzImage';
  if (arch === 'arm') return 'zImage';
  if (arch === 'mips' || arch === 'arc') return 'uImage.gz';
  return 'Image.gz';
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KSUID_EPOCH_SECONDS = 1_400_000_000;

/** A KSUID (4-byte timestamp + 16 random bytes, base62, 27 chars), as TuxSuite uids are. */
export function newUid(now = Date.now()): string {
  const seconds = Math.floor(now / 1000) - KSUID_EPOCH_SECONDS;
  const stamp = Buffer.alloc(4);
  stamp.writeUInt32BE(seconds >>> 0);
  let n = BigInt(`0x${Buffer.concat([stamp, randomBytes(16)]).toString('hex')}`);
  let out = '';
  while (n > 0n) {
    out = BASE62[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(27, '0');
}

export const UID = /^[0-9A-Za-z]{27}$/;

/** Python's `datetime.isoformat()` of a naive UTC time: microseconds, no timezone. */
export function isoNoTimezone(date = new Date()): string {
  const micros = String(randomInt(1000)).padStart(3, '0');
  return `${date.toISOString().slice(0, 23)}${micros}`;
}

/** A status field known to hold a string, as a string ('' otherwise). */
export function text(value: Json | undefined): string {
  return typeof value === 'string' ? value : '';
}

export type Checked = { ok: true; value: JsonObject } | { ok: false; error: string };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: Json | undefined): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');
const isStringMap = (value: Json | undefined): boolean =>
  isObject(value) && Object.values(value).every((item) => typeof item === 'string');
const isHttpUrl = (value: Json | undefined): boolean =>
  typeof value === 'string' && /^https?:\/\/[^\s/]+/.test(value);

/** Checks shared by builds and tests: optional fields' types, callback and its headers. */
function commonError(entry: JsonObject): string | undefined {
  if (entry.callback !== undefined && !isHttpUrl(entry.callback)) {
    return 'callback must be an http(s) URL';
  }
  const headers = entry.callback_headers;
  if (headers !== undefined) {
    if (!isStringMap(headers)) return 'callback_headers must map header names to strings';
    const bad = Object.keys(headers as JsonObject).find((name) => !HEADER_NAME.test(name));
    if (bad !== undefined) return `callback_headers: invalid header name ${JSON.stringify(bad)}`;
  }
  if (entry.is_public !== undefined && typeof entry.is_public !== 'boolean') {
    return 'is_public must be a boolean';
  }
  if (entry.notify_emails !== undefined && !isStringList(entry.notify_emails)) {
    return 'notify_emails must be a list of strings';
  }
  return undefined;
}

/** One entry of `POST /builds` `{"builds": [...]}` (runners.md §1.3). */
export function checkBuildEntry(entry: Json): Checked {
  if (!isObject(entry)) return { ok: false, error: 'each build must be an object' };
  const fail = (error: string): Checked => ({ ok: false, error });
  const { git_repo: repo, git_ref: ref, git_sha: sha } = entry;
  if (repo === undefined || repo === null || repo === '') return fail('git_repo is required');
  if (typeof repo !== 'string' || !/^(git:\/\/|https?:\/\/)/.test(repo)) {
    return fail('git_repo must start with git://, http:// or https://');
  }
  const hasRef = ref !== undefined && ref !== null && ref !== '';
  const hasSha = sha !== undefined && sha !== null && sha !== '';
  if (hasRef === hasSha) return fail('exactly one of git_ref or git_sha is required');
  if (hasSha && (typeof sha !== 'string' || !/^[0-9a-f]{40}$/.test(sha))) {
    return fail('git_sha must be a full 40-character SHA');
  }
  if (hasRef && (typeof ref !== 'string' || ref.length > 128 || !/^[/\w.-]+$/.test(ref))) {
    return fail('git_ref must be at most 128 characters of [/A-Za-z0-9_.-]');
  }
  const arch = entry.target_arch;
  if (typeof arch !== 'string' || !(TARGET_ARCHES as readonly string[]).includes(arch)) {
    return fail(`target_arch must be one of: ${TARGET_ARCHES.join(', ')}`);
  }
  if (entry.toolchain === undefined || entry.toolchain === null || entry.toolchain === '') {
    return fail('toolchain is required');
  }
  if (typeof entry.toolchain !== 'string' || !TOOLCHAIN.test(entry.toolchain)) {
    return fail(`toolchain ${JSON.stringify(entry.toolchain)} is not supported`);
  }
  const kconfig = entry.kconfig;
  if (kconfig === undefined || kconfig === null) return fail('kconfig is required');
  if (!isStringList(kconfig) || kconfig.length === 0 || kconfig.some((k) => k === '')) {
    return fail('kconfig must be a non-empty list of strings');
  }
  if (entry.environment !== undefined && !isStringMap(entry.environment)) {
    return fail('environment must map names to strings');
  }
  if (entry.targets !== undefined && !isStringList(entry.targets)) {
    return fail('targets must be a list of strings');
  }
  const variables = entry.make_variables;
  if (variables !== undefined) {
    if (!isStringMap(variables)) return fail('make_variables must map names to strings');
    const bad = Object.keys(variables as JsonObject).find((name) => !MAKE_VARIABLES.has(name));
    if (bad !== undefined) return fail(`make_variables: ${bad} is not allowed`);
  }
  const token = entry.client_token;
  if (token !== undefined && (typeof token !== 'string' || !/^[a-z0-9-]+$/.test(token))) {
    return fail('client_token must be [a-z0-9-]');
  }
  const common = commonError(entry);
  return common === undefined ? { ok: true, value: entry } : fail(common);
}

/** One `POST /tests` object (runners.md §1.5). */
export function checkTestRequest(entry: Json): Checked {
  if (!isObject(entry)) return { ok: false, error: 'a test must be an object' };
  const fail = (error: string): Checked => ({ ok: false, error });
  const device = entry.device;
  if (device === undefined || device === null || device === '') return fail('device is required');
  if (typeof device !== 'string' || !(DEVICES as readonly string[]).includes(device)) {
    return fail(`device must be one of: ${DEVICES.join(', ')}`);
  }
  const waitingFor = entry.waiting_for;
  const present = (value: Json | undefined): boolean =>
    value !== undefined && value !== null && value !== '';
  if (present(waitingFor)) {
    if (typeof waitingFor !== 'string' || !/^(BUILD|TEST)#[0-9A-Za-z]{27}$/.test(waitingFor)) {
      return fail('waiting_for must be BUILD#<uid> or TEST#<uid>');
    }
    if (present(entry.kernel) || present(entry.modules)) {
      return fail('waiting_for cannot be used together with kernel or modules');
    }
  } else if (!present(entry.kernel)) {
    return fail('kernel is required');
  } else if (!isHttpUrl(entry.kernel)) {
    return fail('kernel must be an http(s) URL');
  }
  if (present(entry.modules) && !isHttpUrl(entry.modules)) {
    return fail('modules must be an http(s) URL');
  }
  if (entry.tests !== undefined && entry.tests !== null && !isStringList(entry.tests)) {
    return fail('tests must be a list of strings');
  }
  if (entry.parameters !== undefined && entry.parameters !== null) {
    if (!isStringMap(entry.parameters)) return fail('parameters must map names to strings');
  }
  const timeouts = entry.timeouts;
  if (timeouts !== undefined && timeouts !== null) {
    const valid =
      isObject(timeouts) &&
      Object.values(timeouts).every((t) => typeof t === 'number' && Number.isInteger(t) && t > 0);
    if (!valid) return fail('timeouts must map names to whole minutes');
  }
  const common = commonError(entry);
  return common === undefined ? { ok: true, value: entry } : fail(common);
}

/** The `{"error": ...}` body TuxSuite answers 4xx with (runners.md §1.1). */
export function errorBody(message: string): { error: string } {
  return { error: message };
}
