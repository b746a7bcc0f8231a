import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

type Dict = Record<string, unknown>;

function dict(value: unknown, what: string): Dict {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what} is not a mapping`);
  }
  return value as Dict;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not a list`);
  return value;
}

/** docker-compose.yml as Compose reads it: anchors resolved, `<<` merge keys applied. */
const compose = dict(parse(read('docker-compose.yml'), { merge: true }), 'docker-compose.yml');
const services = dict(compose.services, 'services');
const service = (name: string): Dict => dict(services[name], `service ${name}`);

/** An `environment:` in either form (mapping or `KEY=value` list), as a mapping. */
function environment(name: string): Record<string, string> {
  const env = service(name).environment;
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map(String).map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(dict(env, `${name}.environment`)).map(([k, v]) => [k, String(v)]),
  );
}

/** Short-form volume mounts (`source:target[:mode]`) by target. */
function mounts(name: string): Map<string, string> {
  const volumes = list(service(name).volumes ?? [], `${name}.volumes`).map(String);
  return new Map(
    volumes.map((v) => v.split(':')).map(([source = '', target = '']) => [target, source]),
  );
}

const COMMON = [
  'KCI_DATABASE_URL',
  'KCI_NATS_URL',
  'KCI_NATS_STREAM',
  'KCI_SUBJECT_PREFIX',
  'KCI_NATS_REPLICAS',
  'KCI_HTTP_HOST',
  'KCI_HTTP_PORT',
  'KCI_LOG_LEVEL',
];

const APPS: Record<string, { replicas: number; env: string[] }> = {
  gateway: { replicas: 2, env: ['KCI_MAX_BODY_BYTES'] },
  'runner-orchestrator': { replicas: 1, env: ['KCI_KCIDB_ORIGIN', 'KCI_PUBLIC_URL'] },
  'result-parser': { replicas: 2, env: ['KCI_KCIDB_ORIGIN'] },
  'kcidb-submitter': { replicas: 2, env: ['KCIDB_REST', 'KCI_KCIDB_ORIGIN'] },
  'sync-scheduler': { replicas: 2, env: ['KCI_SYNC_CRON'] },
};

describe('docker-compose.yml', () => {
  it('has the five services, Postgres, NATS and Caddy', () => {
    for (const name of [...Object.keys(APPS), 'postgres', 'nats', 'caddy']) {
      expect(services, name).toHaveProperty(name);
    }
  });

  describe.each(Object.entries(APPS))('%s', (name, expected) => {
    it('is built from the Dockerfile with its SERVICE argument', () => {
      const build = dict(service(name).build, `${name}.build`);
      expect(build.context).toBe('.');
      expect(build.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      expect(dict(build.args, `${name}.build.args`).SERVICE).toBe(name);
    });

    it('has its replica count', () => {
      expect(dict(service(name).deploy, `${name}.deploy`).replicas).toBe(expected.replicas);
    });

    it('waits for Postgres and NATS to be healthy', () => {
      const dependsOn = dict(service(name).depends_on, `${name}.depends_on`);
      for (const dependency of ['postgres', 'nats']) {
        expect(dict(dependsOn[dependency], dependency).condition).toBe('service_healthy');
      }
    });

    it('is health-checked on /health/ready', () => {
      const test = list(dict(service(name).healthcheck, 'healthcheck').test, 'healthcheck.test');
      expect(test.join(' ')).toContain('/health/ready');
    });

    it('sets every variable it needs', () => {
      const env = environment(name);
      for (const variable of [...COMMON, ...expected.env])
        expect(env, variable).toHaveProperty(variable);
      expect(env.KCI_HTTP_HOST).toBe('0.0.0.0');
      expect(env.KCI_HTTP_PORT).toBe('8080');
      expect(env.KCI_DATABASE_URL).toMatch(
        /^postgres:\/\/kci:\$\{POSTGRES_PASSWORD[^}]*\}@postgres:5432\/kci$/,
      );
      expect(env.KCI_NATS_URL).toMatch(/^nats:\/\/nats:4222\b/);
      expect(env.KCI_NATS_REPLICAS).toBe('3');
    });
  });

  it('takes the KCIDB token only from the operator environment, never a literal', () => {
    expect(environment('kcidb-submitter').KCIDB_REST).toMatch(/^\$\{KCIDB_REST(:?-[^}]*)?\}$/);
    expect(read('docker-compose.yml')).not.toMatch(/KCIDB_REST:\s*['"]?https?:/);
  });

  it('runs NATS 2.10.23 or later with JetStream fsyncing every write', () => {
    const nodes = Object.keys(services).filter((name) => /^nats(-\d+)?$/.test(name));
    expect(nodes).toContain('nats');
    for (const name of nodes) {
      const image = String(service(name).image);
      const version = /^nats:(\d+)\.(\d+)\.(\d+)/.exec(image);
      expect(version, `${name} image ${image} must pin a full version`).not.toBeNull();
      const [major = 0, minor = 0, patch = 0] = (version ?? []).slice(1).map(Number);
      expect(major * 1e6 + minor * 1e3 + patch, image).toBeGreaterThanOrEqual(2_010_023);

      const command = list(service(name).command, `${name}.command`).map(String);
      const configPath = command[command.indexOf('--config') + 1] ?? '';
      const source = mounts(name).get(configPath);
      expect(source, `${name} mounts its --config file`).toBeDefined();
      const config = read(source ?? '');
      expect(config).toMatch(/^\s*jetstream\s*\{[^}]*\bsync_interval:\s*always\b/m);
      expect(config).toMatch(/store_dir:\s*\/data/);
      expect(mounts(name).has('/data'), `${name} keeps /data on a volume`).toBe(true);
    }
  });

  it('keeps Postgres on a volume behind a health check', () => {
    expect(String(service('postgres').image)).toMatch(/^postgres:16\b/);
    expect(mounts('postgres').has('/var/lib/postgresql/data')).toBe(true);
    const test = list(dict(service('postgres').healthcheck, 'healthcheck').test, 'test');
    expect(test.join(' ')).toContain('pg_isready');
  });

  it('puts Caddy in front with the Caddyfile mounted on 80 and 443', () => {
    expect(String(service('caddy').image)).toMatch(/^caddy:2\b/);
    expect(mounts('caddy').get('/etc/caddy/Caddyfile')).toBe('./Caddyfile');
    const ports = list(service('caddy').ports, 'caddy.ports').map(String);
    expect(ports).toEqual(expect.arrayContaining(['80:80', '443:443']));
    const dependsOn = dict(service('caddy').depends_on, 'caddy.depends_on');
    expect(Object.keys(dependsOn)).toEqual(
      expect.arrayContaining(['gateway', 'runner-orchestrator']),
    );
  });
});

/** The body of the `{ ... }` block that follows `header` in a Caddyfile, braces balanced. */
function block(caddyfile: string, header: string): string {
  const start = caddyfile.indexOf(`${header} {`);
  if (start < 0) throw new Error(`no "${header} {" block in the Caddyfile`);
  let depth = 0;
  for (let i = caddyfile.indexOf('{', start); i < caddyfile.length; i += 1) {
    if (caddyfile[i] === '{') depth += 1;
    if (caddyfile[i] === '}') depth -= 1;
    if (depth === 0) return caddyfile.slice(caddyfile.indexOf('{', start) + 1, i);
  }
  throw new Error(`unbalanced "${header}" block`);
}

/** A handle block with its `import <snippet>` lines replaced by the snippets' bodies. */
function route(caddyfile: string, path: string): string {
  return block(caddyfile, `handle ${path}`).replace(/^\s*import\s+(\S+)\s*$/gm, (_, name: string) =>
    block(caddyfile, `(${name})`),
  );
}

describe('Caddyfile', () => {
  const caddyfile = read('Caddyfile');

  it('serves the domain from the environment', () => {
    expect(caddyfile).toMatch(/^\{\$KCI_DOMAIN\}\s*\{/m);
  });

  it('routes /callbacks/* to the runner-orchestrator', () => {
    expect(route(caddyfile, '/callbacks/*')).toMatch(
      /reverse_proxy[\s\S]*runner-orchestrator[: ]8080/,
    );
  });

  it('routes /api/* and /health/* to the gateway', () => {
    for (const path of ['/api/*', '/health/*']) {
      expect(route(caddyfile, path)).toMatch(/reverse_proxy[\s\S]*\bgateway[: ]8080/);
    }
  });

  it('limits request bodies and sets security headers', () => {
    expect(caddyfile).toMatch(/request_body\s*\{[^}]*max_size/);
    expect(caddyfile).toContain('Strict-Transport-Security');
    expect(caddyfile).toContain('X-Content-Type-Options');
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds one service chosen by ARG SERVICE on node:20-bookworm-slim', () => {
    expect(dockerfile).toMatch(/^ARG SERVICE$/m);
    expect(dockerfile).toContain('node:20-bookworm-slim');
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/turbo run build --filter="?@kci-bridge\/\$\{SERVICE\}"?/);
  });

  it('runs the service as a non-root user', () => {
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBeDefined();
    expect(users.at(-1)).not.toMatch(/^(root|0)$/);
    expect(dockerfile).toMatch(/CMD \["node", "dist\/main\.js"\]/);
  });
});
