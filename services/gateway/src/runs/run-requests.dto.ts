import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  type ValidationArguments,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

const required = (a: ValidationArguments): string =>
  a.value === undefined || a.value === null
    ? `${a.property} is required`
    : `${a.property} must be a string`;

/** TuxSuite's target_arch list (TuxMake names). */
export const ARCHITECTURES = [
  'arc',
  'arm',
  'arm64',
  'hexagon',
  'i386',
  'loongarch',
  'm68k',
  'mips',
  'parisc',
  'powerpc',
  'riscv',
  's390',
  'sh',
  'sparc',
  'um',
  'x86_64',
] as const;

const TOOLCHAIN =
  /^(gcc|clang|llvm|korg-gcc|korg-clang)(-(\d+|nightly|android))?$|^rust(gcc|clang|llvm)?$/;
const GIT_URL = /^(https?|git):\/\/[^\s]+$/;
const GIT_REF = /^[/\w.-]{1,128}$/;
const HTTP_URL = /^https?:\/\/[^\s]+$/;
/** A base config: a `*config` make target (defconfig, tinyconfig, allmodconfig...) or a URL to a .config. */
const BASE_CONFIG = /^([a-z0-9_.-]*config|https?:\/\/[^\s]+)$/;
/** A fragment: an in-tree `*.config`, a URL, `make:<target>`, or a literal `CONFIG_FOO=...` / `# CONFIG_FOO is not set` line. */
const FRAGMENT =
  /^([A-Za-z0-9_.-]+\.config|https?:\/\/[^\s]+|i?make:[A-Za-z0-9_.-]+|CONFIG_[A-Za-z0-9_]+=[^\n]*|# CONFIG_[A-Za-z0-9_]+ is not set)$/;
const TEST_NAME = /^[a-z0-9][a-z0-9_.-]{0,127}$/;
const DEVICE = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

const RUNNER = { message: 'runner must be a runner name, e.g. "tuxsuite" or "lava"' };

/** `POST /api/v1/builds/run`: the original's body, plus optional arch, commit and tree_name. */
@JSONSchema({
  description:
    'A kernel build: a tree and branch (or commit), a toolchain and a base config with fragments.',
  example: {
    runner: 'tuxsuite',
    toolchain: 'gcc-13',
    tree: 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git',
    branch: 'master',
    kconfig: 'defconfig',
    fragments: ['CONFIG_KASAN=y'],
    arch: 'x86_64',
  },
})
export class BuildRunDto {
  @IsString({ message: required })
  @Matches(/^[a-z0-9_-]{1,32}$/, RUNNER)
  runner!: string;

  @Matches(TOOLCHAIN, {
    message:
      'toolchain must be a TuxMake toolchain such as gcc-13, clang-17, clang-nightly or rustgcc',
  })
  @IsString({ message: required })
  toolchain!: string;

  @Matches(GIT_URL, { message: 'tree must be a git URL (https://, http:// or git://)' })
  @MaxLength(512)
  @IsString({ message: required })
  tree!: string;

  @Matches(GIT_REF, {
    message: 'branch must be a git ref of letters, digits, /, _, . and - (128 at most)',
  })
  @IsString({ message: required })
  branch!: string;

  @IsOptional()
  @Matches(BASE_CONFIG, {
    message:
      'kconfig must be a base config: a *config make target (defconfig, tinyconfig...) or a URL to a config file',
  })
  @IsString({ message: required })
  kconfig?: string;

  @IsOptional()
  @Matches(FRAGMENT, {
    each: true,
    message:
      'each fragment must be an in-tree *.config, a URL, make:<target>, or a CONFIG_FOO=value line',
  })
  @ArrayMaxSize(100)
  @IsArray({ message: 'fragments must be an array of strings' })
  fragments?: string[];

  @IsOptional()
  @IsIn(ARCHITECTURES, { message: `arch must be one of ${ARCHITECTURES.join(', ')}` })
  arch?: string;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  )
  @Matches(/^[0-9a-f]{40}$/, { message: 'commit must be a full 40-character git SHA-1' })
  commit?: string;

  @IsOptional()
  @Matches(/^[^\0]{1,128}$/, { message: 'tree_name must be 1 to 128 characters' })
  @IsString({ message: required })
  tree_name?: string;
}

/** `POST /api/v1/boot-test/run`: boot a built kernel. */
@JSONSchema({
  description: "Boot a built kernel on a runner's device; the results are tests of `build_id`.",
  example: {
    runner: 'lava',
    build_id: 'maestro:681b69099ae9711e9ed49766',
    kernel_image_url: 'https://storage.example.org/builds/x86_64/bzImage',
    device: 'qemu-x86_64',
  },
})
export class BootRunDto {
  @IsString({ message: required })
  @Matches(/^[a-z0-9_-]{1,32}$/, RUNNER)
  runner!: string;

  @Matches(/^[a-z0-9_]+:[^\0]{1,256}$/, {
    message:
      'build_id must be a KCIDB build id "<origin>:<id>", e.g. "maestro:681b69099ae9711e9ed49766"',
  })
  @IsString({ message: required })
  build_id!: string;

  @Matches(HTTP_URL, { message: 'kernel_image_url must be an http(s) URL' })
  @MaxLength(2048)
  @IsString({ message: required })
  kernel_image_url!: string;

  @IsOptional()
  @Matches(HTTP_URL, { message: 'modules_url must be an http(s) URL' })
  @MaxLength(2048)
  @IsString({ message: required })
  modules_url?: string;

  @IsOptional()
  @Matches(DEVICE, { message: 'device must be a device name such as qemu-riscv64' })
  @IsString({ message: required })
  device?: string;
}

/** `POST /api/v1/tests/run`: run test suites on a built kernel (boot runs first, always). */
export class TestsRunDto extends BootRunDto {
  @Matches(TEST_NAME, {
    each: true,
    message: 'each test must be a test definition name such as ltp-smoke or kselftest-timers',
  })
  @ArrayMaxSize(200)
  @IsArray({ message: 'tests must be an array of test names' })
  tests!: string[];

  @Matches(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, {
    message: 'collection must be dot-separated names, e.g. "ltp" or "kselftest"',
  })
  @IsString({ message: required })
  collection!: string;
}
