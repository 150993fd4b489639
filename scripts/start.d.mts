// scripts/start.mjs exports nothing: importing it starts the store (scripts/e2e-server.ts does).
export {};
