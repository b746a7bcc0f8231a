import type { ValidationIssue, ValidationResult } from '@kci-bridge/kcidb';

/** One line per problem: `error /builds/0/architecture: builds[0].architecture ...`. */
export function issueLines(result: ValidationResult, prefix = ''): string[] {
  const line = (level: string) => (issue: ValidationIssue) =>
    `${prefix}${level} ${issue.path === '' ? '(report)' : issue.path}: ${issue.message}`;
  return [...result.errors.map(line('error')), ...result.warnings.map(line('warning'))];
}

/** "2 errors, 1 warning". */
export function issueCounts(result: ValidationResult): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${n(result.errors.length, 'error')}, ${n(result.warnings.length, 'warning')}`;
}
