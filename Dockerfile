# archreview GitHub App. Multi-stage: build with dev dependencies, run with production ones only.
# .ci/dockerfile-smoke.mjs runs these same steps in a clean copy (no Docker engine on our CI).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY .ci/build-worker.mjs .ci/depcruise-table.mjs .ci/build-typescript.mjs ./.ci/
RUN npx tsc -p tsconfig.json && node .ci/build-worker.mjs && node .ci/build-typescript.mjs

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY app.yml ./
USER node
ENV PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ping').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["npm", "start"]
