export type { NormalisedResult, ParseOutcome } from './types.js';
export { parseKtap } from './ktap.js';
export { parseLtp } from './ltp.js';
export { parseTuxsuiteResults, type TuxsuiteParseOptions } from './tuxsuite.js';
export { parseLavaResults } from './lava.js';
export { excerptFor } from './excerpt.js';
export {
  ktapStatus,
  ltpResultStatus,
  ltpExitStatus,
  tuxsuiteResultStatus,
  lavaResultStatus,
  lavaHealthStatus,
  isJobErrorType,
  type KtapDirective,
} from './status-map.js';
export { sanitiseSegment } from './segments.js';
export { definitionPath, stripRunIndex, TEST_FAMILIES } from './definitions.js';
export { LIMITS } from './limits.js';
export {
  mapSubmittedResults,
  partsOf,
  type MappedSubmission,
  type SubmittedResults,
} from './submitted.js';
