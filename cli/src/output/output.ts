import type { ValidationIssue, ValidationResult } from '@kci-bridge/kcidb';
import type { Writer } from '../io.js';

// Userinfo in any http(s) URL: KCIDB_REST carries its token there. Placeholders such as
// https://<token>@host or https://$TOKEN@host in help texts are not secrets.
const URL_USERINFO = /\b(https?:\/\/)(?!<[a-z]+>@|\$\{?[A-Za-z_]+\}?@)[^/\s@]+@/gi;

/**
 * stdout and stderr, scrubbed: every known token and any URL userinfo is replaced by
 * `***` before it is written, whatever the message came from (a server's echo included).
 */
export class Output {
  private readonly secrets = new Set<string>();

  constructor(
    private readonly stdout: Writer,
    private readonly stderr: Writer,
  ) {}

  /** Never print `secret` from now on. */
  addSecret(secret: string | undefined): void {
    if (secret !== undefined && secret.length > 0) this.secrets.add(secret);
  }

  /** A line (or block) on stdout. */
  out(text: string): void {
    this.stdout.write(`${this.scrub(text)}\n`);
  }

  /** A line (or block) on stderr. */
  err(text: string): void {
    this.stderr.write(`${this.scrub(text)}\n`);
  }

  /** Raw stdout/stderr writers that scrub too, for commander's own messages. */
  writers(): { out: (s: string) => void; err: (s: string) => void } {
    return {
      out: (s) => this.stdout.write(this.scrub(s)),
      err: (s) => this.stderr.write(this.scrub(s)),
    };
  }

  scrub(text: string): string {
    let clean = text.replace(URL_USERINFO, '$1***@');
    // Longest first, so a token containing another is replaced whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      clean = clean.split(secret).join('***');
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) clean = clean.split(encoded).join('***');
    }
    return clean;
  }
}

/** JSON with object keys sorted at every depth, indented by two spaces (as kci-dev's --dry-run). */
export function sortedJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, sortKeys(record[key])]),
  );
}

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
