export const PARSER_CONFIG = Symbol('result-parser.config');
export const RESULTS_FETCHER = Symbol('result-parser.results-fetcher');
