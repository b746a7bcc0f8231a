/** `kci-bridge validate FILE...`: check KCIDB reports without sending them. */
import { validateReport, type ValidationResult } from '@kci-bridge/kcidb';
import { readInput } from '../input/read-input.js';
import { CliError, ExitCode } from '../io.js';
import { issueCounts, issueLines, sortedJson } from '../output/output.js';
import type { CommandContext } from './context.js';

/** Validate each file (`-` is stdin, once); 0 when all are valid, 1 when any is not. */
export async function validateFiles(files: string[], context: CommandContext): Promise<ExitCode> {
  if (files.filter((f) => f === '-').length > 1) {
    throw new CliError('USAGE', 'stdin (-) can be read only once');
  }
  const { output } = context;
  // Read everything first: an unreadable file is a usage error (2), whatever the others hold.
  const texts = await Promise.all(files.map((file) => readInput(file, context.io, 'file')));
  const results = files.map((file, i) => ({ file, result: check(texts[i] ?? '') }));
  if (context.globals.json === true) {
    output.out(
      sortedJson(
        results.map(({ file, result }) => ({
          file,
          valid: result.valid,
          errors: result.errors,
          warnings: result.warnings,
        })),
      ),
    );
  } else {
    for (const { file, result } of results) {
      const name = file === '-' ? '(stdin)' : file;
      for (const line of issueLines(result, `${name}: `)) output.out(line);
      output.out(`${name}: ${result.valid ? 'valid' : 'invalid'} (${issueCounts(result)})`);
    }
  }
  return results.every(({ result }) => result.valid) ? ExitCode.OK : ExitCode.REJECTED;
}

function check(text: string): ValidationResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : 'invalid JSON';
    return { valid: false, errors: [{ path: '', message: `not JSON: ${reason}` }], warnings: [] };
  }
  return validateReport(doc);
}
