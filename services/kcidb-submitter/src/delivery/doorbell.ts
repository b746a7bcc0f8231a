/**
 * A sleep that several loops share and that a ring cuts short. Unlike service-kit's Sleeper, a
 * ring while no loop sleeps is kept for the next sleep, so work that arrives while every loop is
 * busy is not left waiting for the next poll.
 */
export class Doorbell {
  private rung = false;
  private readonly sleepers = new Set<() => void>();

  /** Resolves after `ms`, at the next ring, or at once if a ring came while nobody slept. */
  sleep(ms: number): Promise<void> {
    if (this.rung) {
      this.rung = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  /** Wakes every sleeper; with none, the next sleep returns at once. */
  ring(): void {
    if (this.sleepers.size === 0) {
      this.rung = true;
      return;
    }
    for (const wake of [...this.sleepers]) wake();
  }
}
