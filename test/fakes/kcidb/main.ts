/**
 * Runs one fake KCIDB by hand, e.g. to point the stack or kci-dev at it:
 *   npx tsc -p test/fakes/tsconfig.build.json && node test/fakes/dist/kcidb/main.js --port 8010
 * It prints `KCIDB_REST=http://<token>@127.0.0.1:<port>` and logs one line per request to stderr.
 */
import { parseArgs } from 'node:util';
import { logToStderr, runByHand, serveUntilSignalled, wholeNumber } from '../by-hand.js';
import { FakeKcidb } from './fake-kcidb.js';

const usage = `usage: main.js [--port N] [--token TOKEN] [--process-delay-ms N]

  --port N               port on 127.0.0.1 (default: a free one)
  --token TOKEN          token clients must send as "Authorization: Bearer TOKEN" (default: random)
  --process-delay-ms N   how long submissions stay "ready" before "processed" (default: 0)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      token: { type: 'string' },
      'process-delay-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(usage);
    return;
  }
  const fake = await FakeKcidb.start({
    port: wholeNumber('port', values.port),
    token: values.token,
    processDelayMs: wholeNumber('process-delay-ms', values['process-delay-ms']),
    log: logToStderr,
  });
  serveUntilSignalled(fake, [`KCIDB_REST=${fake.restUrl}`]);
}

runByHand(main, usage);
