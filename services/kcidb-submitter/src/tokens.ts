export const SUBMITTER_CONFIG = Symbol('kcidb-submitter.config');
export const REPORT_SINK = Symbol('kcidb-submitter.report-sink');
