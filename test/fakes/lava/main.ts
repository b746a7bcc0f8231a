/**
 * Runs one fake LAVA lab by hand, e.g. to point the stack or lavacli at it:
 *   npx tsc -p test/fakes/tsconfig.build.json && node test/fakes/dist/lava/main.js --port 8030
 * It prints the lab URL and token and logs one line per request to stderr. Jobs never finish by
 * themselves: a by-hand fake only accepts and reports.
 */
import { parseArgs } from 'node:util';
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
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0)) {
    throw new Error('--port must be a whole number');
  }
  const fake = await FakeLava.start({
    port,
    token: values.token,
    deviceTypes: values['device-type'],
    log: (line) => console.error(`${new Date().toISOString()} ${line}`),
  });
  console.log(`LAVA_URL=${fake.url}`);
  console.log(`LAVA_TOKEN=${fake.token}`);
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
