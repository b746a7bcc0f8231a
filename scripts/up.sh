#!/usr/bin/env bash
# npm run up: build, then run PostgreSQL, NATS and the five services locally (tools/devstack).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

ensure_node_modules
step "build (turbo)"
npx turbo run build
step "devstack up"
exec node tools/devstack/dist/cli.js up
