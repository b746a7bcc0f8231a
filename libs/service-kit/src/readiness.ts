/** A named readiness check: resolves to undefined when fine, else a reason a person can act on. */
export type ReadinessCheck = () => Promise<string | undefined> | string | undefined;

/** The checks behind `/health/ready`; services add their own (e.g. KCIDB credentials). */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** Runs every check; returns the problems by check name. */
  async problems(): Promise<Record<string, string>> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          return [name, await check()] as const;
        } catch (e) {
          return [name, e instanceof Error ? e.message : String(e)] as const;
        }
      }),
    );
    return Object.fromEntries(
      entries.filter((e): e is readonly [string, string] => e[1] !== undefined),
    );
  }
}
