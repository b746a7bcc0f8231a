/**
 * A sleep that several loops share and that a ring cuts short for one of them. Unlike service-kit's Sleeper, a
 * ring while no loop sleeps is kept for the next sleep, so work that arrives while every loop is
 * busy is not left waiting for the next poll.
 */
export class Doorbell {
  private rung = false;
  private readonly sleepers = new Set<() => void>();

  /**
   * Resolves after `ms`, at the next ring, or at once if a ring came while nobody slept: with
   * true when a ring ended it.
   */
  sleep(ms: number): Promise<boolean> {
    if (this.rung) {
      this.rung = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const done = (rung: boolean): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve(rung);
      };
      const wake = (): void => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.sleepers.add(wake);
    });
  }

  /**
   * Wakes one sleeper (the longest asleep); with none, the next sleep returns at once. One: two
   * loops woken by the same ring would both claim, the second taking the stragglers of the first
   * into a report of their own.
   */
  ring(): void {
    const [first] = this.sleepers;
    if (first === undefined) {
      this.rung = true;
      return;
    }
    first();
  }

  /** Wakes every sleeper (shutdown). */
  ringAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }
}
