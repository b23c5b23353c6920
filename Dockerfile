# syntax=docker/dockerfile:1
#
# Elder-care talent portal: NestJS + GraphQL on PostgreSQL.
#   docker build -t eldercare-portal .
# The npm bundled with node:20 (npm 10) reads package-lock.json lockfileVersion 3, so no npm upgrade is needed.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: all dependencies, compile TypeScript to dist/ ----------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# tsconfig*.json, src/, migrations/ (and bench/ when present); .dockerignore keeps node_modules, dist, data out.
COPY . .
# tsc -p tsconfig.build.json: dist/src/main.js, dist/src/database/cli.js, dist/migrations/ (and dist/bench/)
RUN npm run build

# ---- runtime: production dependencies and the compiled output only --------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force

# The code stays owned by root (read-only to the app); only the data folder is writable by `node`. It is used
# solely when DATABASE_URL is unset (embedded PGlite + generated development secrets).
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/data && chown node:node /app/data

ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data

USER node
EXPOSE 3000

# Ready = the process answers and the database answers. Slim images have no curl: use Node's built-in fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node as PID 1 directly (not via npm) so SIGTERM reaches the app's graceful shutdown.
CMD ["node", "dist/src/main.js"]
