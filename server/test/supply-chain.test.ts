/**
 * Every runtime dependency is attack surface in a tool that holds exchange secrets
 * (docs/security-model.md#dependencies): the list is pinned here, so adding one is a reviewed decision, and no
 * dependency may run an install script except the ones listed in INSTALL_SCRIPTS_ALLOWED, each with its reason.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

const RUNTIME_ALLOWLIST = {
  '@tanstack/react-query': 'client data fetching',
  '@tanstack/react-virtual': 'the 5,000-key table',
  'better-sqlite3': 'the audit history: an embedded, transactional database (WAL, integrity_check) in one local file, no server',
  express: 'the local server',
  helmet: 'security headers',
  react: 'the UI',
  'react-dom': 'the UI',
  tsx: 'runs the TypeScript server without a build step',
  zod: 'the contract shared by server and client',
};

/**
 * better-sqlite3 is a native addon: its install script fetches a prebuilt binary or, offline, compiles SQLite with
 * node-gyp against Node's own headers. Pinned to major 12, since 13 needs Node 22 and crashes on Node 20.
 */
const INSTALL_SCRIPTS_ALLOWED: Record<string, string> = {
  'better-sqlite3': 'native SQLite binding, built at install time (prebuild-install || node-gyp rebuild)',
};

describe('dependencies', () => {
  it('match the reviewed runtime allowlist exactly, each pinned to an exact version', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(Object.keys(RUNTIME_ALLOWLIST).sort());
    for (const version of Object.values<string>({ ...pkg.dependencies, ...pkg.devDependencies })) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('may not run install scripts, except the reviewed ones', () => {
    const allowed = Object.entries<boolean>(pkg.allowScripts ?? {}).filter(([, allow]) => allow !== false).map(([name]) => name);
    expect(allowed.sort()).toEqual(Object.keys(INSTALL_SCRIPTS_ALLOWED).sort());
  });

  it('keeps better-sqlite3 on major 12, the last that runs on Node 20', () => {
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^12\./);
  });
});
