/**
 * What the runner adapters' specs share: a callback receiver on loopback that answers with what
 * the adapter's `verifyCallback` decided, and small readers of outcomes and refusals.
 */
import { arrival, LoopbackServer, readBody } from '../../../test/fakes/http-fake.js';
import {
  RunnerError,
  type CallbackOutcome,
  type FinishedResult,
  type KnownRun,
  type RunnerAdapter,
} from '../src/runners/runner-adapter.js';

export interface CallbackReceiver {
  url: string;
  /** The runs it knows, by the last segment of the callback URL. */
  runs: Map<string, KnownRun>;
  outcomes: CallbackOutcome[];
  close: () => Promise<void>;
}

/** A receiver at `url/<key>`: 404 for an unknown key, else 200 or the refusal's status. */
export async function startCallbackReceiver(
  adapter: () => RunnerAdapter,
): Promise<CallbackReceiver> {
  const runs = new Map<string, KnownRun>();
  const outcomes: CallbackOutcome[] = [];
  const server: LoopbackServer = new LoopbackServer(async (req, res) => {
    const { record } = arrival(req, server.url);
    const rawBody = (await readBody(req)).bytes;
    const run = runs.get(record.path.split('/').at(-1) ?? '');
    if (run === undefined) {
      res.writeHead(404).end();
      return;
    }
    const outcome = await adapter().verifyCallback(run, { headers: req.headers, rawBody });
    outcomes.push(outcome);
    res.writeHead(outcome.verified ? 200 : outcome.status).end();
  });
  await server.listen();
  return { url: server.url, runs, outcomes, close: () => server.close() };
}

/** The result of a verified callback for a finished job; throws otherwise. */
export function finished(outcome: CallbackOutcome | undefined): FinishedResult {
  if (!outcome?.verified || outcome.job.state !== 'finished') {
    throw new Error(`not a finished job: ${JSON.stringify(outcome)}`);
  }
  return outcome.job.result;
}

/** The RunnerError `promise` rejects with; throws if it resolves or rejects otherwise. */
export async function refusal(promise: Promise<unknown>): Promise<RunnerError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof RunnerError)) throw new Error(`expected a RunnerError, got ${String(err)}`);
  return err;
}
