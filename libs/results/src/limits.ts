/** Bounds every parser keeps to, so a huge or hostile input costs bounded time and memory. */
export const LIMITS = {
  /** Lines read from a text log; the rest is ignored with a diagnostic. */
  maxLines: 200_000,
  /** Nesting levels followed (KTAP blocks, `# ` prefixes); deeper lines are treated as noise. */
  maxDepth: 64,
  /** Results returned by one parse, MISS entries included. */
  maxResults: 100_000,
  /** `missing_<n>` entries generated for one plan. */
  maxMissingPerPlan: 10_000,
  /** Log lines kept per result (the last ones). */
  maxLogLines: 200,
  /** Characters kept per log line. */
  maxLineChars: 4_096,
  /** Characters kept per path segment. */
  maxSegmentChars: 200,
  /** Diagnostics returned; the rest are counted in the last one. */
  maxDiagnostics: 200,
  /** Characters of one LAVA results YAML string that are parsed. */
  maxYamlChars: 20_000_000,
} as const;
