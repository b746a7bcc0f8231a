export const PARSER_CONFIG = Symbol('result-parser.config');
