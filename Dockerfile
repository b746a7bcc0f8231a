# syntax=docker/dockerfile:1
# One image per service, chosen at build time:
#   docker build --build-arg SERVICE=gateway -t kci-bridge/gateway .
# SERVICE is a folder name under services/ (gateway, runner-orchestrator, result-parser,
# kcidb-submitter, sync-scheduler). docker-compose.yml builds all five this way.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
ARG SERVICE
RUN test -n "${SERVICE}" || { echo 'build with --build-arg SERVICE=<folder under services/>' >&2; exit 1; }
ENV TURBO_TELEMETRY_DISABLED=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
WORKDIR /app
# The whole workspace is needed: npm ci checks every workspace's package.json against the lock,
# and turbo builds the service's libs first. .dockerignore keeps tests, builds and secrets out.
COPY . .
RUN test -f "services/${SERVICE}/package.json" || { echo "no such service: ${SERVICE}" >&2; exit 1; }
RUN npm ci
RUN npx turbo run build --filter="@kci-bridge/${SERVICE}"
# Keep only what runs: production dependencies (the libs are workspace links into /app/libs).
RUN npm prune --omit=dev

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production \
    KCI_SERVICE=${SERVICE} \
    KCI_HTTP_HOST=0.0.0.0 \
    KCI_HTTP_PORT=8080
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/libs ./libs
COPY --from=build /app/services/${SERVICE} ./services/${SERVICE}
# The image's unprivileged user (uid 1000); the files stay root-owned, so read-only to it.
RUN mkdir -p /var/spool/kci && chown node:node /var/spool/kci
USER node
# The service's own folder, as `npm start` would run it: node services/${SERVICE}/dist/main.js.
WORKDIR /app/services/${SERVICE}
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.KCI_HTTP_PORT + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
