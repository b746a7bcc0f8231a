import type { RunnerAdapter, RunnerName } from './runner-adapter.js';

/** The runners this bridge is configured for (a runner without credentials is absent). */
export class RunnerRegistry {
  private readonly adapters: Map<RunnerName, RunnerAdapter>;

  constructor(adapters: RunnerAdapter[]) {
    this.adapters = new Map(adapters.map((a) => [a.name, a]));
  }

  get(name: string): RunnerAdapter | undefined {
    return this.adapters.get(name as RunnerName);
  }

  names(): RunnerName[] {
    return [...this.adapters.keys()].sort();
  }
}
