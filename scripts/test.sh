#!/usr/bin/env bash
# npm test: build, make sure PostgreSQL and NATS run, then lint, format, types and every test
# project (unit, integration, e2e). Extra arguments go to vitest. Stops at the first failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

ensure_node_modules
ensure_chromium

step "build (turbo)"
npx turbo run build

step "infrastructure: PostgreSQL and NATS (devstack infra)"
# Assigned first so that a failing infra stops the script (eval "$(…)" would hide its exit code).
infra_env="$(node tools/devstack/dist/cli.js infra)"
eval "$infra_env"
export KCI_DATABASE_URL KCI_NATS_URL

step "lint (eslint)"
npx eslint --max-warnings 0 .

step "format (prettier --check)"
npx prettier --check .

step "typecheck (turbo)"
npx turbo run typecheck

step "tests (vitest: unit, integration, e2e, faults, scale)"
npx vitest run "$@"
