import type { KcidbStatus } from '@kci-bridge/kcidb';
import { KCIDB_STATUSES } from '@kci-bridge/kcidb';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

const NO_NUL = /^[^\0]*$/;

const stringMessage = (a: ValidationArguments): string =>
  a.value === undefined || a.value === null
    ? `${a.property} is required`
    : `${a.property} must be a string`;

/** One test result (the original bridge's `TestResult`, plus optional timing and log URL). */
@JSONSchema({
  description: 'One test result; becomes one KCIDB test (or, with KTAP/LTP `logs`, one per case).',
})
export class TestResultDto {
  @MaxLength(512)
  @Matches(NO_NUL, { message: 'test_name must not contain NUL characters' })
  @IsNotEmpty()
  @IsString({ message: stringMessage })
  test_name!: string;

  @MaxLength(256)
  @Matches(/^[A-Za-z0-9_.-]*$/, {
    message:
      'test_collection must be dot-separated names of letters, digits, _ and - (e.g. "ltp" or "kselftest.timers")',
  })
  @IsString({ message: stringMessage })
  test_collection!: string;

  @JSONSchema({ description: 'A KCIDB status, in any case (normalised to upper case).' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsIn(KCIDB_STATUSES, {
    message: `result must be one of ${KCIDB_STATUSES.join(', ')} (any case)`,
  })
  @IsDefined({ message: 'result is required' })
  result!: KcidbStatus;

  @JSONSchema({
    description:
      "The test's log. KTAP (kselftest, KUnit) or LTP output expands into one test per case.",
  })
  @IsOptional()
  @IsString({ message: stringMessage })
  logs?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'start_time must be an ISO 8601 date-time' })
  @Matches(/(Z|[+-]\d\d:\d\d)$/, { message: 'start_time must carry a timezone (Z or +hh:mm)' })
  start_time?: string;

  @IsOptional()
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'duration must be a number of seconds' },
  )
  @Min(0)
  duration?: number;

  @IsOptional()
  @IsUrl(
    { require_protocol: true, require_tld: false },
    { message: 'log_url must be an absolute URL' },
  )
  log_url?: string;
}

/** `POST /api/v1/tests/submit`: results a CI produced elsewhere (the original's `RunnerTestsResults`). */
@JSONSchema({
  description: 'Test results for one KCIDB build, as the original bridge took them.',
  example: {
    test_uid: 'ci-run-4711',
    build_id: 'maestro:681b69099ae9711e9ed49766',
    device: 'qemu-x86_64',
    runtime: 'my-lab',
    tests: [
      { test_name: 'boot', test_collection: 'boot', result: 'PASS' },
      { test_name: 'read01', test_collection: 'ltp.syscalls', result: 'fail', duration: 0.4 },
    ],
  },
})
export class TestsSubmitDto {
  @MaxLength(256)
  @Matches(NO_NUL, { message: 'test_uid must not contain NUL characters' })
  @IsNotEmpty()
  @IsString({ message: stringMessage })
  test_uid!: string;

  @MaxLength(512)
  @Matches(/^[a-z0-9_]+:[^\0]*$/, {
    message: 'build_id must be a KCIDB id "<origin>:<id>", e.g. "maestro:681b69099ae9711e9ed49766"',
  })
  @IsString({ message: stringMessage })
  build_id!: string;

  @IsOptional()
  @MaxLength(256)
  @IsString({ message: stringMessage })
  device?: string;

  @IsOptional()
  @MaxLength(256)
  @IsString({ message: stringMessage })
  runtime?: string;

  @ArrayMinSize(1, { message: 'tests must hold at least one test result' })
  @ValidateNested({ each: true })
  @Type(() => TestResultDto)
  @IsArray({ message: 'tests must be an array of test results' })
  tests!: TestResultDto[];
}
