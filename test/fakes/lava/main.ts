/**
 * Runs one fake LAVA lab by hand, e.g. to point the stack or lavacli at it:
 *   npx tsc -p test/fakes/tsconfig.build.json && node test/fakes/dist/lava/main.js --port 8030
 * It prints the lab URL and token and logs one line per request to stderr. Jobs never finish by
 * themselves: a by-hand fake only accepts and reports.
 */
import { parseArgs } from 'node:util';
import { logToStderr, runByHand, serveUntilSignalled, wholeNumber } from '../by-hand.js';
import { FakeLava } from './fake-lava.js';

const usage = `usage: main.js [--port N] [--token TOKEN] [--device-type T]...`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      token: { type: 'string' },
      'device-type': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(usage);
    return;
  }
  const fake = await FakeLava.start({
    port: wholeNumber('port', values.port),
    token: values.token,
    deviceTypes: values['device-type'],
    log: logToStderr,
  });
  serveUntilSignalled(fake, [`LAVA_URL=${fake.url}`, `LAVA_TOKEN=${fake.token}`]);
}

runByHand(main, usage);
