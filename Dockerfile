# Afterfork's image: not built on the development machines (they cannot pull
# images); it does what the tested setup does (README "Running in production").
# Build: docker build -t afterfork .   Run: see compose.yaml.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Production dependencies only: what the build and the server need is in "dependencies".
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/prisma-generate.mjs ./scripts/
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# scripts/start.ts migrates (under an advisory lock; AFTERFORK_MIGRATE=0 skips), seeds, then serves.
CMD ["node", "node_modules/tsx/dist/cli.mjs", "scripts/start.ts"]
