/**
 * Runs one fake TuxSuite by hand, e.g. to point the stack or the tuxsuite CLI at it:
 *   npx tsc -p test/fakes/tsconfig.build.json && node test/fakes/dist/tuxsuite/main.js --port 8020
 * It prints TUXAPI_URL, TUXSUITE_TOKEN/GROUP/PROJECT and logs one line per request to stderr.
 * Runs never finish by themselves: a by-hand fake only accepts and reports.
 */
import { parseArgs } from 'node:util';
import { logToStderr, runByHand, serveUntilSignalled, wholeNumber } from '../by-hand.js';
import { FakeTuxsuite } from './fake-tuxsuite.js';

const usage = `usage: main.js [--port N] [--token TOKEN] [--group G] [--project P] [--no-signing]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      token: { type: 'string' },
      group: { type: 'string' },
      project: { type: 'string' },
      'no-signing': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(usage);
    return;
  }
  const fake = await FakeTuxsuite.start({
    port: wholeNumber('port', values.port),
    token: values.token,
    group: values.group,
    project: values.project,
    signing: values['no-signing'] !== true,
    log: logToStderr,
  });
  serveUntilSignalled(fake, [
    `TUXAPI_URL=${fake.url}`,
    `TUXSUITE_TOKEN=${fake.token}`,
    `TUXSUITE_GROUP=${fake.group}`,
    `TUXSUITE_PROJECT=${fake.project}`,
  ]);
}

runByHand(main, usage);
