/** Where the tests' PostgreSQL and NATS are. */
export interface TestEnv {
  databaseUrl: string;
  natsUrl: string;
}

const DEFAULTS: TestEnv = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  natsUrl: 'nats://127.0.0.1:4222',
};

/**
 * The one place tests read the environment (`scripts/test.sh` sets both variables from
 * `devstack infra`; the defaults match its defaults).
 */
export function readTestEnv(): TestEnv {
  const source = process.env;
  return {
    databaseUrl: checkedUrl('KCI_DATABASE_URL', source.KCI_DATABASE_URL, DEFAULTS.databaseUrl, [
      'postgres:',
      'postgresql:',
    ]),
    natsUrl: checkedUrl('KCI_NATS_URL', source.KCI_NATS_URL, DEFAULTS.natsUrl, ['nats:']),
  };
}

function checkedUrl(
  name: string,
  given: string | undefined,
  fallback: string,
  schemes: string[],
): string {
  const value = given === undefined || given.trim() === '' ? fallback : given.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name}: "${value}" is not a URL`);
  }
  if (!schemes.includes(url.protocol)) {
    throw new Error(`${name}: expected a ${schemes[0] ?? ''}// URL, got "${url.protocol}"`);
  }
  return value;
}

/** What a child process started by a test inherits (PATH, HOME...), as a user's shell would pass it. */
export function parentEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('KCI'),
    ),
  );
}
