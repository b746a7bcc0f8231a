#!/usr/bin/env bash
# npm run bench: build, make sure PostgreSQL and NATS run (devstack infra), install wrk when it is
# missing (apt), type-check the benchmark, then run it. Arguments go to the benchmark
# (npm run bench -- --help). Not part of npm test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/lib.sh

ensure_node_modules

step "build (turbo)"
npx turbo run build

step "infrastructure: PostgreSQL and NATS (devstack infra)"
infra_env="$(node tools/devstack/dist/cli.js infra)"
eval "$infra_env"
export KCI_DATABASE_URL KCI_NATS_URL

if ! command -v wrk >/dev/null && [[ " $* " != *" --no-wrk "* ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    step "install wrk (apt-get install -y wrk): the HTTP figures are judged with it"
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    step "wrk is missing: the HTTP figures use the Node load generator only (install wrk for the judged figures)"
  fi
fi

step "type check (tsc -p bench/pipeline)"
npx tsc -p bench/pipeline

step "benchmark"
exec node --import ./bench/pipeline/register.mjs bench/pipeline/src/main.ts "$@"
