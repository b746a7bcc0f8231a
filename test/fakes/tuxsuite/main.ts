/**
 * Runs one fake TuxSuite by hand, e.g. to point the stack or the tuxsuite CLI at it:
 *   npx tsc -p test/fakes/tsconfig.build.json && node test/fakes/dist/tuxsuite/main.js --port 8020
 * It prints TUXAPI_URL, TUXSUITE_TOKEN/GROUP/PROJECT and logs one line per request to stderr.
 * Runs never finish by themselves: a by-hand fake only accepts and reports.
 */
import { parseArgs } from 'node:util';
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
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0)) {
    throw new Error('--port must be a whole number');
  }
  const fake = await FakeTuxsuite.start({
    port,
    token: values.token,
    group: values.group,
    project: values.project,
    signing: values['no-signing'] !== true,
    log: (line) => console.error(`${new Date().toISOString()} ${line}`),
  });
  console.log(`TUXAPI_URL=${fake.url}`);
  console.log(`TUXSUITE_TOKEN=${fake.token}`);
  console.log(`TUXSUITE_GROUP=${fake.group}`);
  console.log(`TUXSUITE_PROJECT=${fake.project}`);
  const stop = (): void => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(2);
});
