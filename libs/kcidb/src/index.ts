export * from './types.js';
export { KCIDB_SCHEMA_V5_3 } from './schema.js';
export {
  validateReport,
  SUPPORTED_SCHEMA_VERSIONS,
  type ValidateOptions,
  type ValidationIssue,
  type ValidationResult,
} from './validator.js';
export { checkoutId, buildId, testId, testPath, isValidOrigin } from './ids.js';
export { parseStatus, worstStatus } from './status.js';
export { logExcerpt, KCIDB_LOG_EXCERPT_MAX } from './excerpt.js';
export { isKcidbDateTime } from './formats.js';
export {
  emptyReport,
  buildReport,
  stripNulls,
  packReports,
  type PackItem,
  type PackLimits,
} from './report.js';
export {
  parseKcidbTarget,
  KcidbConfigError,
  type KcidbConfigErrorCode,
  type KcidbTarget,
} from './target.js';
export {
  KcidbClient,
  type KcidbClientOptions,
  type SubmitOutcome,
  type StatusOutcome,
} from './client.js';
export {
  fetchAnswer,
  classifySubmitAnswer,
  answerDetail,
  parseRetryAfter,
  describeError,
  type AnswerRequest,
  type HttpAnswer,
  type HttpFailure,
  type SubmitAnswer,
  type SubmitPeer,
} from './http-answer.js';
