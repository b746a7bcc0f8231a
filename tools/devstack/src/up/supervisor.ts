import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import type { WriteStream } from 'node:fs';
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from '../log.js';
import { sleep } from '../net.js';
import { LineSplitter, LineTail, prefixLine } from './lines.js';
import type { RestartPolicy } from './restart-policy.js';
import { DEFAULT_RESTART_POLICY, decideRestart } from './restart-policy.js';

/** One process to keep running. */
export interface ServiceSpec {
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string>>;
}

export interface SupervisorOptions {
  services: readonly ServiceSpec[];
  log: Logger;
  /** `{service: pid}` of the running children, rewritten on every start and exit. */
  pidsFile: string;
  /** When set, each service's output goes to `<logDir>/<service>.log` instead of our stdout/stderr. */
  logDir?: string | undefined;
  policy?: RestartPolicy;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** How long children get between SIGTERM and SIGKILL. */
  stopGraceMs?: number;
  /** Lines of output kept per service, for messages. */
  tailLines?: number;
}

export type SupervisorOutcome =
  { kind: 'stopped' } | { kind: 'gave-up'; service: string; reason: string };

interface ServiceState {
  spec: ServiceSpec;
  child: ChildProcess | undefined;
  /** Resolves when the current child has exited. */
  exited: Promise<void>;
  restarts: number[];
  restartTimer: NodeJS.Timeout | undefined;
  tail: LineTail;
  logFile: WriteStream | undefined;
}

/**
 * Runs services as child processes, passes their output through line by line, restarts one that
 * dies (with backoff, a few times a minute at most) and stops them all with SIGTERM, then SIGKILL.
 */
export class Supervisor {
  private readonly states: ServiceState[];
  private readonly policy: RestartPolicy;
  private stopping: Promise<void> | undefined;
  private outcome: SupervisorOutcome = { kind: 'stopped' };
  private resolveFinished: (outcome: SupervisorOutcome) => void = () => undefined;
  /** Resolves once every child is stopped: after `stop()`, or after giving up on a service. */
  readonly finished: Promise<SupervisorOutcome>;

  constructor(private readonly options: SupervisorOptions) {
    this.policy = options.policy ?? DEFAULT_RESTART_POLICY;
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
    if (options.logDir !== undefined) mkdirSync(options.logDir, { recursive: true });
    this.states = options.services.map((spec) => ({
      spec,
      child: undefined,
      exited: Promise.resolve(),
      restarts: [],
      restartTimer: undefined,
      tail: new LineTail(options.tailLines ?? 30),
      logFile:
        options.logDir === undefined
          ? undefined
          : createWriteStream(join(options.logDir, `${spec.name}.log`), { flags: 'a' }),
    }));
  }

  /** Starts every service. */
  start(): void {
    for (const state of this.states) this.spawn(state);
  }

  /** True once stopping has begun (by `stop()` or by giving up). */
  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /** The running children's pids. */
  pids(): Record<string, number> {
    const pids: Record<string, number> = {};
    for (const s of this.states) if (s.child?.pid !== undefined) pids[s.spec.name] = s.child.pid;
    return pids;
  }

  /** The last lines a service wrote (stdout and stderr together). */
  tail(name: string): string[] {
    return this.states.find((s) => s.spec.name === name)?.tail.snapshot() ?? [];
  }

  /** SIGTERM to every child, SIGKILL to those still running after the grace period. */
  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  /** Last resort when this process exits anyway: SIGKILL whatever still runs. */
  killNow(): void {
    for (const s of this.states) {
      if (s.child !== undefined && s.child.exitCode === null && s.child.signalCode === null)
        s.child.kill('SIGKILL');
    }
  }

  private spawn(state: ServiceState): void {
    const { spec } = state;
    // Own process group: a Ctrl-C in the terminal reaches only us, and we decide how children stop.
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    state.child = child;
    this.pipe(state, child.stdout, this.options.stdout ?? process.stdout);
    this.pipe(state, child.stderr, this.options.stderr ?? process.stderr);
    state.exited = new Promise((resolve) => {
      let done = false;
      const onGone = (how: string): void => {
        if (done) return;
        done = true;
        if (state.child === child) state.child = undefined;
        this.writePids();
        resolve();
        this.onExit(state, how);
      };
      child.once('exit', (code, signal) =>
        onGone(signal === null ? `exit code ${String(code)}` : `signal ${signal}`),
      );
      child.once('error', (err) => onGone(`could not start: ${err.message}`));
    });
    this.writePids();
  }

  private pipe(
    state: ServiceState,
    stream: NodeJS.ReadableStream | null,
    target: NodeJS.WritableStream,
  ): void {
    if (stream === null) return;
    const splitter = new LineSplitter();
    const emit = (line: string): void => {
      state.tail.add(line);
      if (state.logFile !== undefined) state.logFile.write(`${line}\n`);
      else target.write(`${prefixLine(state.spec.name, line)}\n`);
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => splitter.push(chunk).forEach(emit));
    stream.on('end', () => splitter.flush().forEach(emit));
  }

  private onExit(state: ServiceState, how: string): void {
    if (this.stopping !== undefined) return;
    const { name } = state.spec;
    const now = Date.now();
    const decision = decideRestart(state.restarts, now, this.policy);
    if (decision.action === 'give-up') {
      const reason = `${name} died (${how}) after ${decision.restartsInWindow} restarts within ${this.policy.windowMs / 1000} s`;
      this.options.log.warn(
        `${reason}: giving up and stopping everything. Last lines:\n${this.tail(name).join('\n')}`,
      );
      this.outcome = { kind: 'gave-up', service: name, reason };
      void this.stop();
      return;
    }
    state.restarts.push(now);
    this.options.log.warn(
      `${name} died unexpectedly (${how}); restarting in ${decision.delayMs} ms (restart ${decision.attempt} of at most ${this.policy.maxRestarts} within ${this.policy.windowMs / 1000} s)`,
    );
    state.restartTimer = setTimeout(() => {
      state.restartTimer = undefined;
      if (this.stopping === undefined) this.spawn(state);
    }, decision.delayMs);
  }

  private async stopAll(): Promise<void> {
    const grace = this.options.stopGraceMs ?? 10_000;
    for (const s of this.states) {
      clearTimeout(s.restartTimer);
      s.restartTimer = undefined;
    }
    const running = this.states.filter((s) => s.child !== undefined);
    for (const s of running) s.child?.kill('SIGTERM');
    const allExited = Promise.all(running.map((s) => s.exited));
    const inTime = await Promise.race([allExited.then(() => true), sleep(grace).then(() => false)]);
    if (!inTime) {
      for (const s of this.states) {
        if (s.child === undefined) continue;
        this.options.log.warn(`${s.spec.name} did not stop within ${grace / 1000} s: SIGKILL`);
        s.child.kill('SIGKILL');
      }
      await Promise.race([allExited, sleep(5_000)]);
    }
    await Promise.all(
      this.states.map(
        (s) =>
          new Promise<void>((resolve) =>
            s.logFile === undefined ? resolve() : s.logFile.end(resolve),
          ),
      ),
    );
    rmSync(this.options.pidsFile, { force: true });
    this.resolveFinished(this.outcome);
  }

  private writePids(): void {
    const file = this.options.pidsFile;
    if (this.stopping !== undefined && Object.keys(this.pids()).length === 0) return;
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.pids(), null, 2)}\n`);
    renameSync(tmp, file);
  }
}
