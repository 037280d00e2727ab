#!/usr/bin/env node
// `npm test`: the unit/integration suite (Vitest), then the browser suite (Playwright) even when
// the first failed, so one run reports everything. Exits non-zero if either failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

mkdirSync('reports', { recursive: true });
const run = (args) => spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, CI: process.env.CI ?? 'true' } }).status ?? 1;

const build = run(['vite', 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn']);
const unit = run(['vitest', 'run']);
const e2e = build === 0 ? run(['playwright', 'test']) : 1;
process.exit(build || unit || e2e ? 1 : 0);
