/**
 * `kci-bridge parse --format FORMAT FILE`: the normalised results the services' parsers get
 * out of a runner's output, as JSON `{results, diagnostics}`, for a person to see what would
 * be submitted. The parsers are `@kci-bridge/results`', the ones the services run.
 */
import {
  parseKtap,
  parseLavaResults,
  parseLtp,
  parseTuxsuiteResults,
  type ParseOutcome,
} from '@kci-bridge/results';
import { readInput } from '../input/read-input.js';
import { ExitCode } from '../io.js';
import type { ParseOptions } from '../options/parse-options.js';
import type { CommandContext } from './context.js';

/** Print the parse of `file` (`-`: stdin); 0 when any result was found, 1 when none. */
export async function parseFile(
  file: string,
  options: ParseOptions,
  context: CommandContext,
): Promise<ExitCode> {
  const text = await readInput(file, context.io, 'file');
  const outcome = parse(text, options);
  // Key order as the parsers give it (path, status, rawStatus, ...), as in the golden fixtures.
  context.output.out(JSON.stringify(outcome, null, 2));
  if (outcome.results.length > 0) return ExitCode.OK;
  context.output.err(
    `error: no test result found in ${file === '-' ? '(stdin)' : file} as ${options.format}`,
  );
  return ExitCode.REJECTED;
}

function parse(text: string, options: ParseOptions): ParseOutcome {
  switch (options.format) {
    case 'ktap':
      return parseKtap(text);
    case 'ltp':
      return parseLtp(text);
    case 'tuxsuite-results': {
      const doc = parseJson(text);
      if ('error' in doc) return { results: [], diagnostics: [doc.error] };
      const { testNames } = options;
      return parseTuxsuiteResults(doc.value, testNames === undefined ? {} : { testNames });
    }
    case 'lava-callback': {
      const doc = parseJson(text);
      if ('error' in doc) return { results: [], diagnostics: [doc.error] };
      const body = doc.value;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return { results: [], diagnostics: ['a LAVA callback body is a JSON object'] };
      }
      const { results, health_string: health } = body as Record<string, unknown>;
      // The parser checks the shape of `results` itself and never throws.
      return parseLavaResults(
        results as Record<string, string>,
        typeof health === 'string' ? health : '',
      );
    }
    default:
      return unreachable(options.format);
  }
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (err) {
    return { error: `not JSON: ${err instanceof Error ? err.message : 'invalid'}` };
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled format ${String(value)}`);
}
