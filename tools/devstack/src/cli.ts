#!/usr/bin/env node
import type { DevstackConfig } from './config/env.js';
import { describeVariables, loadConfig } from './config/env.js';
import { DevstackError } from './errors.js';
import { ensureInfra, exportLines, stopOwnInfra } from './infra.js';
import type { Logger } from './log.js';
import { createLogger } from './log.js';
import { repoRoot } from './paths.js';
import { runUp } from './up/up.js';

const USAGE = `Usage: node tools/devstack/dist/cli.js <command>

Commands:
  infra          make sure PostgreSQL and NATS (JetStream) answer, starting local ones that are down;
                 prints \`export KCI_DATABASE_URL=…\` and \`export KCI_NATS_URL=…\` on stdout
  infra --check  the same checks, but start and change nothing (exit 1 when something is down)
  up             infra, then run the five services in the foreground (Ctrl-C stops them);
                 KCI_UP_REPLICAS runs some of them several times
  down           stop the PostgreSQL and nats-server that devstack started (never a system server)
  help           this text

Variables:`;

function usage(): string {
  const vars = describeVariables().map(
    (v) =>
      `  ${v.name.padEnd(26)}${v.doc}${v.default === undefined ? '' : ` (default ${v.default})`}`,
  );
  return `${USAGE}\n${vars.join('\n')}\n`;
}

async function main(argv: readonly string[], log: Logger): Promise<number> {
  const [command, ...rest] = argv;
  const config = (): DevstackConfig => loadConfig(repoRoot());
  switch (command) {
    case 'infra': {
      const unknown = rest.filter((a) => a !== '--check');
      if (unknown.length > 0)
        throw new DevstackError(`unknown option ${unknown.join(' ')}\n\n${usage()}`, 2);
      const urls = await ensureInfra(config(), log, { allowStart: !rest.includes('--check') });
      process.stdout.write(`${exportLines(urls).join('\n')}\n`);
      return 0;
    }
    case 'up':
      return runUp(config(), log);
    case 'down':
      await stopOwnInfra(config(), log);
      return 0;
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(usage());
      return 0;
    default:
      process.stderr.write(
        `${command === undefined ? 'missing command' : `unknown command "${command}"`}\n\n${usage()}`,
      );
      return 2;
  }
}

const log = createLogger();
main(process.argv.slice(2), log).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof DevstackError) {
      log.info(`error: ${err.message}`);
      process.exit(err.exitCode);
    }
    log.info(
      `unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    process.exit(1);
  },
);
