# One image for every role; the Deployment's args pick the role (see k8s/fte.yaml).
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev
# The local embedding model, fetched at build time so a pod without OPENAI_API_KEY starts offline.
RUN FTE_MODEL_DIR=/app/models node dist/bin/fte.js models

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production FTE_MODEL_DIR=/app/models
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/models ./models
COPY package.json ./
USER node
EXPOSE 3000 9464
ENTRYPOINT ["node", "dist/bin/fte.js"]
CMD ["all"]
