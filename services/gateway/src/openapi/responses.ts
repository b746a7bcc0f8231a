import type {
  DeadLetterRetryReplyV1,
  DeadLetterV1,
  DeadLettersReplyV1,
  ObjectState,
  RunState,
} from '@kci-bridge/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TokenView } from '../auth/tokens.controller.js';
import type { KcidbAccepted } from '../kcidb/kcidb-submit.controller.js';
import type { RunView } from '../runs/runs.controller.js';
import type { RunAccepted } from '../runs/runs.service.js';
import type { Accepted, SubmissionView } from '../submissions/submissions.service.js';
import type { SyncAccepted } from '../sync/sync.controller.js';

// Response bodies, for the OpenAPI document only; each class implements the type the handler
// returns, so a field added there without a line here fails to compile.

const STATES: ObjectState[] = ['pending', 'posted', 'submitted', 'dead'];
const STATE_HELP =
  'pending: waiting to be sent; posted: KCIDB took the report, ingestion not confirmed yet; submitted: confirmed; dead: dead-lettered (see reason).';

export class LinksDoc {
  @ApiProperty({ example: '/api/v1/submissions/0b4c2f5e-6a0d-4a8e-9d57-2f0b8f1c3d11' })
  self!: string;
}

export class SubmissionAcceptedDoc implements Accepted {
  @ApiProperty({ format: 'uuid', description: 'The submission id; poll its link.' })
  id!: string;

  @ApiProperty({ enum: ['accepted'] })
  status!: 'accepted';

  @ApiProperty({ description: 'How many test results were accepted.', example: 50 })
  tests!: number;

  @ApiProperty({ type: LinksDoc })
  links!: LinksDoc;
}

export class ObjectCountsDoc implements Record<ObjectState, number> {
  @ApiProperty({ example: 2 })
  pending!: number;

  @ApiProperty({ example: 0 })
  posted!: number;

  @ApiProperty({ example: 48 })
  submitted!: number;

  @ApiProperty({ example: 0 })
  dead!: number;
}

export class SubmissionItemDoc {
  @ApiProperty({ example: 'kci_bridge:0b4c2f5e...' })
  id!: string;

  @ApiProperty({ enum: ['checkouts', 'builds', 'tests', 'issues', 'incidents'] })
  kind!: string;

  @ApiProperty({ enum: STATES, description: STATE_HELP })
  state!: string;

  @ApiProperty()
  attempts!: number;

  @ApiPropertyOptional({ description: 'Why it failed or is dead-lettered.' })
  reason?: string;

  @ApiPropertyOptional({ description: "KCIDB's submission id (from the 200 answer)." })
  kcidb_submission_id?: string;
}

export class SubmissionViewDoc implements SubmissionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['parsed', 'submitting', 'submitted', 'partially_failed', 'failed'] })
  state!: 'parsed' | 'submitting' | 'submitted' | 'partially_failed' | 'failed';

  @ApiPropertyOptional()
  build_id?: string;

  @ApiPropertyOptional()
  tests?: number;

  @ApiPropertyOptional({ format: 'date-time' })
  parsed_at?: string;

  @ApiProperty({ type: [String], description: 'What the parser noticed (ignored lines, ...).' })
  diagnostics!: string[];

  @ApiProperty({ type: ObjectCountsDoc })
  objects!: ObjectCountsDoc;

  @ApiProperty({ type: [SubmissionItemDoc] })
  items!: SubmissionItemDoc[];
}

export class RunAcceptedDoc implements RunAccepted {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['accepted'] })
  status!: 'accepted';

  @ApiProperty({
    description:
      'True when this answers a repeat (same Idempotency-Key or same body in the window).',
  })
  replayed!: boolean;

  @ApiProperty({ type: LinksDoc })
  links!: LinksDoc;
}

const RUN_STATES: RunState[] = [
  'requested',
  'launched',
  'running',
  'finished',
  'failed',
  'timed_out',
];

export class TransitionDoc {
  @ApiProperty({ enum: RUN_STATES, nullable: true })
  from!: RunState | null;

  @ApiProperty({ enum: RUN_STATES })
  to!: RunState;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiPropertyOptional()
  reason?: string;
}

export class RunObjectDoc {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  kind!: string;

  @ApiProperty({ enum: STATES, description: STATE_HELP })
  state!: string;

  @ApiPropertyOptional()
  reason?: string;
}

export class RunKcidbDoc {
  @ApiProperty({ type: ObjectCountsDoc })
  counts!: ObjectCountsDoc;

  @ApiProperty({ type: [RunObjectDoc] })
  objects!: RunObjectDoc[];
}

export class RunViewDoc implements RunView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiPropertyOptional({ enum: ['build', 'tests', 'boot'] })
  kind?: string;

  @ApiPropertyOptional({ example: 'tuxsuite' })
  runner?: string;

  @ApiPropertyOptional({ enum: RUN_STATES })
  state?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  runner_job_id?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  runner_job_url?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  reason?: string | null;

  @ApiPropertyOptional({ format: 'date-time' })
  created_at?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  updated_at?: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  finished_at?: string | null;

  @ApiProperty({ type: [TransitionDoc] })
  transitions!: TransitionDoc[];

  @ApiProperty({ type: RunKcidbDoc })
  kcidb!: RunKcidbDoc;
}

export class SyncAcceptedDoc implements SyncAccepted {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['accepted'] })
  status!: 'accepted';

  @ApiProperty({ enum: ['results', 'builds'] })
  scope!: 'results' | 'builds';
}

export class ReportWarningDoc {
  @ApiProperty({ example: '/tests/0/build_id' })
  path!: string;

  @ApiProperty()
  message!: string;
}

export class KcidbAcceptedDoc implements KcidbAccepted {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['accepted'] })
  status!: 'accepted';

  @ApiProperty({ description: 'Objects queued for KCIDB.' })
  objects!: number;

  @ApiProperty({
    type: [ReportWarningDoc],
    description: 'Not errors: e.g. a test whose build is not in this report.',
  })
  warnings!: ReportWarningDoc[];

  @ApiProperty({ type: LinksDoc })
  links!: LinksDoc;
}

export class TokenDoc implements TokenView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'my-lab-ci' })
  name!: string;

  @ApiProperty({ description: 'The first characters of the token, to recognise it.' })
  prefix!: string;

  @ApiProperty({ type: [String], example: ['my_lab'] })
  origins!: string[];

  @ApiProperty({ enum: ['submit', 'run', 'sync', 'read', 'admin'], isArray: true })
  scopes!: Array<'submit' | 'run' | 'sync' | 'read' | 'admin'>;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  revoked_at!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  last_used_at!: string | null;
}

export class TokenCreatedDoc extends TokenDoc {
  @ApiProperty({ description: 'The secret. Shown once, now; only its SHA-256 is stored.' })
  token!: string;
}

export class DeadLetterDoc implements DeadLetterV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    enum: ['event', 'report', 'validation'],
    description:
      '`event`: a message no handler could take; `report`: KCIDB rejected or failed it; `validation`: our validator refused it.',
  })
  source!: 'event' | 'report' | 'validation';

  @ApiProperty({ example: 'kcidb-submitter' })
  service!: string;

  @ApiProperty({ nullable: true, type: String })
  eventType!: string | null;

  @ApiProperty({ example: 'KCIDB answered 400: ...' })
  reason!: string;

  @ApiProperty({ nullable: true, type: String, description: "KCIDB's response, for reports." })
  response!: string | null;

  @ApiProperty({ type: [String] })
  objectIds!: string[];

  @ApiProperty({ nullable: true, type: Number })
  deliveries!: number | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  retriedAt!: string | null;

  @ApiProperty()
  retries!: number;
}

export class DeadLettersDoc implements DeadLettersReplyV1 {
  @ApiProperty({ type: [DeadLetterDoc] })
  items!: DeadLetterDoc[];
}

export class DeadLetterRetryDoc implements DeadLetterRetryReplyV1 {
  @ApiProperty()
  found!: boolean;

  @ApiProperty()
  retried!: boolean;

  @ApiProperty({ description: 'What was re-queued, or why nothing could be.' })
  detail!: string;
}
